"""Scoring names against a query, and the candidates of one reconciliation query.

A folded query (:mod:`.fold`) is compared with every folded name of an entity by three
rapidfuzz measures, and the best counts: the whole strings (typos), the words sorted (word
order), and how much of the query's words and of the name's words the other covers, each
word matched fuzzily (extra or missing words lower the score, as "Kuopio" against "Kuopio
Dance Festival"). Scores run from 0 to 100. Types filter (``any``, ``all``) or weigh
(``should``); property values move the score towards 100 or 0. A candidate is a ``match``
only when it is a clear winner: at least :data:`MATCH_SCORE` and :data:`MATCH_LEAD` ahead
of the next.

Large releases are searched through the word index first (each query word and the words
of the vocabulary within typing distance of it), so a batch stays fast at 100,000 entities.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from kuopio_kg.reconcile.fold import fold, tokens
from kuopio_kg.reconcile.index import Entity, Index, best
from kuopio_kg.reconcile.query import Condition, Query, Strictness

MATCH_SCORE = 85.0
MATCH_LEAD = 8.0
#: Candidates below this score are not worth showing.
MIN_SCORE = 40.0
#: Points off for an entity of none of the types a ``should`` query asks for.
TYPE_PENALTY = 15.0
#: Weight of each property condition beside the name's weight of 1.
PROPERTY_WEIGHT = 0.5
#: Two words are the same word (a typo apart) from this similarity on.
WORD_SIMILARITY = 80.0
#: Names scanned in full below this count; above it the word index chooses.
FULL_SCAN = 5000
BLOCK = 400
#: A word in more names than this only weighs names that rarer words found.
COMMON = 2000
SHORTLIST = 60


@dataclass(frozen=True)
class Scored:
    entity: int
    score: float


def name_score(query: str, name: str) -> float:
    """How well the folded ``name`` answers the folded ``query``, 0 to 100."""
    return max(
        fuzz.ratio(query, name),
        fuzz.token_sort_ratio(query, name),
        _word_cover(tokens(query), tokens(name)),
    )


def _word_cover(asked: list[str], named: list[str]) -> float:
    """The harmonic mean of how much of each side the other side's words cover."""
    if not asked or not named:
        return 0.0
    sims = [[fuzz.ratio(a, n) for n in named] for a in asked]

    def covered(words: list[str], best: list[float]) -> float:
        hits = sum(
            len(w) * s / 100 for w, s in zip(words, best, strict=True) if s >= WORD_SIMILARITY
        )
        return hits / sum(len(w) for w in words)

    of_query = covered(asked, [max(row) for row in sims])
    of_name = covered(named, [max(col) for col in zip(*sims, strict=True)])
    if of_query + of_name == 0:
        return 0.0
    return 200 * of_query * of_name / (of_query + of_name)


def allowed(index: Index, query: Query) -> set[int] | None:
    """The entities a query's types let through (None: every entity)."""
    if not query.types or query.strict is Strictness.SHOULD:
        return None
    sets = [index.of_class.get(t, set()) for t in query.types]
    if query.strict is Strictness.ALL:
        return set.intersection(*sets)
    return set().union(*sets)


def shortlist(index: Index, folded: str, entities: set[int] | None) -> dict[int, float]:
    """The best name score of each entity worth scoring in full."""
    positions: Iterable[int] = (
        range(len(index.folded))
        if len(index.folded) <= FULL_SCAN
        else _blocked(index, folded, entities)
    )
    choices = {
        p: index.folded[p] for p in positions if entities is None or index.owners[p] in entities
    }
    best: dict[int, float] = {}
    for name, _, position in process.extract(
        folded, choices, scorer=fuzz.token_set_ratio, limit=SHORTLIST
    ):
        owner = index.owners[position]
        best[owner] = max(best.get(owner, 0.0), name_score(folded, name))
    return best


def _blocked(index: Index, folded: str, entities: set[int] | None) -> list[int]:
    """Names sharing the most (typo-tolerant) words with the query, longer words weighing
    more. Rare words go first; a common word (a kind word such as "festival") then only
    adds weight to the names the rarer words found, so it costs no walk through thousands.
    Only names of ``entities`` count (all for None)."""
    near_words = {word: _near(index, word) for word in set(tokens(folded))}
    weight: dict[int, float] = defaultdict(float)
    for word, near in sorted(near_words.items(), key=lambda item: _reach(index, item[1])):
        best: dict[int, float] = {}
        if weight and _reach(index, near) > COMMON:
            for position in weight:
                words = tokens(index.folded[position])
                best[position] = max(
                    (sim for other, sim in near.items() if other in words), default=0
                )
        else:
            for other, sim in near.items():
                for position in index.postings[other]:
                    if entities is not None and index.owners[position] not in entities:
                        continue
                    if sim > best.get(position, 0.0):
                        best[position] = sim
        for position, sim in best.items():
            weight[position] += len(word) * sim
    ranked = sorted(weight, key=weight.__getitem__, reverse=True)
    return ranked[:BLOCK]


def _near(index: Index, word: str) -> dict[str, float]:
    """Words of the vocabulary a typo or two from ``word`` (itself too), with similarity."""
    near = {word: 100.0} if word in index.postings else {}
    if len(word) >= 4:
        for other, sim, _ in process.extract(
            word, index.vocabulary, scorer=fuzz.ratio, score_cutoff=WORD_SIMILARITY, limit=8
        ):
            near.setdefault(other, sim)
    return near


def _reach(index: Index, near: dict[str, float]) -> int:
    return sum(len(index.postings[other]) for other in near)


def condition_score(index: Index, entity: Entity, condition: Condition) -> float:
    """How well the entity's values of the condition's property meet it, 0 to 100."""
    values = entity.values.get(condition.property, [])
    best = 0.0
    for wanted in condition.wanted:
        for value in values:
            if wanted.iri is not None:
                if value.iri == wanted.iri:
                    return 100.0
                continue
            for text in _texts(index, value.iri, value.text):
                best = max(best, fuzz.token_sort_ratio(wanted.text, text))
    return best


def _texts(index: Index, iri: str | None, text: str) -> list[str]:
    if iri is not None and iri in index.by_iri:
        return [index.folded[p] for p in index.names_of[index.by_iri[iri]]]
    return [fold(text)]


def candidates(index: Index, query: Query) -> list[Scored]:
    """The candidates of one query, best first, above :data:`MIN_SCORE` (not yet cut)."""
    folded = fold(query.text)
    if not folded:
        return []
    found = shortlist(index, folded, allowed(index, query))
    weights = 1 + PROPERTY_WEIGHT * len(query.conditions)
    scored: list[Scored] = []
    for position, name in found.items():
        entity = index.entities[position]
        score = name
        if (
            query.types
            and query.strict is Strictness.SHOULD
            and not entity.types & set(query.types)
        ):
            score -= TYPE_PENALTY
        if query.conditions:
            extra = sum(condition_score(index, entity, c) for c in query.conditions)
            score = (score + PROPERTY_WEIGHT * extra) / weights
        if score >= MIN_SCORE:
            scored.append(Scored(position, round(max(score, 0.0), 1)))
    return sorted(scored, key=lambda s: (-s.score, index.entities[s.entity].id))


def is_match(ranked: list[Scored]) -> bool:
    """Whether the first candidate is a clear winner."""
    if not ranked or ranked[0].score < MATCH_SCORE:
        return False
    return len(ranked) == 1 or ranked[0].score - ranked[1].score >= MATCH_LEAD


def reconcile(index: Index, query: Query, lang: str) -> dict[str, Any]:
    """The API 0.2 answer to one query: ``{"result": [candidates]}``."""
    ranked = candidates(index, query)
    winner = is_match(ranked)
    result = []
    for rank, scored in enumerate(ranked[: query.limit]):
        entity = index.entities[scored.entity]
        result.append(
            {
                "id": entity.id,
                "name": entity.name(lang),
                "type": type_list(index, entity, lang),
                "score": scored.score,
                "match": winner and rank == 0,
                **describe(entity, lang),
            }
        )
    return {"result": result}


def type_list(index: Index, entity: Entity, lang: str) -> list[dict[str, str]]:
    return [
        {"id": cls, "name": index.classes[cls].name(lang) if cls in index.classes else cls}
        for cls in entity.shown_types
    ]


def describe(entity: Entity, lang: str) -> dict[str, str]:
    """``{"description": ...}`` when the entity has one."""
    text = best(entity.descriptions, lang)
    return {"description": text} if text else {}
