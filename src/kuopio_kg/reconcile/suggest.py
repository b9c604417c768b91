"""Suggest services (API 0.2): entities, types and properties by the ``prefix`` typed so far.

A name whose folded form starts with the folded prefix comes first, then names with a word
that starts with it (the earlier words of the prefix must be words of the name); when those
are fewer than asked, the fuzzy matcher (:mod:`.match`) fills up, so a typo still finds
something. Types and properties are few, so they are ranked by the same rule over their
Finnish and English labels.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Any

from rapidfuzz import fuzz

from kuopio_kg.reconcile.fold import fold, tokens
from kuopio_kg.reconcile.index import Index, Term
from kuopio_kg.reconcile.match import candidates, describe, type_list
from kuopio_kg.reconcile.query import Query

DEFAULT_LIMIT = 10
#: A type or property whose label is this similar to the prefix is suggested too.
TERM_SIMILARITY = 70.0


def prefix_rank(prefix: str, name: str) -> float | None:
    """100 when ``name`` starts with ``prefix`` (both folded), 90 when a word of it does
    (the prefix's earlier words being words of the name), else None."""
    if name.startswith(prefix):
        return 100.0
    asked, words = tokens(prefix), tokens(name)
    if not asked or not set(asked[:-1]) <= set(words):
        return None
    return 90.0 if any(word.startswith(asked[-1]) for word in words) else None


def suggest_entities(
    index: Index, prefix: str, lang: str, limit: int = DEFAULT_LIMIT
) -> dict[str, Any]:
    folded = fold(prefix)
    best: dict[int, tuple[float, int]] = {}
    if folded:
        last = tokens(folded)[-1]
        start = bisect.bisect_left(index.vocabulary, last)
        for word in index.vocabulary[start:]:
            if not word.startswith(last):
                break
            for position in index.postings[word]:
                rank = prefix_rank(folded, index.folded[position])
                owner = index.owners[position]
                if rank is not None and (rank, -len(index.folded[position])) > best.get(
                    owner, (0, 0)
                ):
                    best[owner] = (rank, -len(index.folded[position]))
    ranked = sorted(best, key=lambda e: (-best[e][0], -best[e][1], index.entities[e].id))
    if len(ranked) < limit and folded:
        seen = set(ranked)
        ranked += [s.entity for s in candidates(index, Query(prefix)) if s.entity not in seen]
    result = []
    for position in ranked[:limit]:
        entity = index.entities[position]
        result.append(
            {
                "id": entity.id,
                "name": entity.name(lang),
                "notable": type_list(index, entity, lang),
                **describe(entity, lang),
            }
        )
    return {"result": result}


def rank_terms(terms: Iterable[Term], prefix: str, lang: str, limit: int) -> list[Term]:
    """The terms whose labels (any language) fit ``prefix`` best; all of them for no prefix."""
    folded = fold(prefix)
    scored: list[tuple[float, str, Term]] = []
    for term in terms:
        names = [fold(n) for n in term.names.values()] or [fold(term.iri.rsplit("#", 1)[-1])]
        if not folded:
            scored.append((0.0, term.name(lang), term))
            continue
        score = max(
            prefix_rank(folded, name) or fuzz.partial_ratio(folded, name) * 0.8 for name in names
        )
        if score >= TERM_SIMILARITY * 0.8:
            scored.append((-score, term.name(lang), term))
    return [term for _, _, term in sorted(scored, key=lambda s: (s[0], s[1]))[:limit]]


def term_entry(term: Term, lang: str) -> dict[str, str]:
    description = term.descriptions.get(lang) or term.descriptions.get("en")
    entry = {"id": term.iri, "name": term.name(lang)}
    return {**entry, "description": description} if description else entry


def suggest_types(
    index: Index, prefix: str, lang: str, limit: int = DEFAULT_LIMIT
) -> dict[str, Any]:
    used = [index.classes[c] for c in index.of_class if c in index.classes]
    return {"result": [term_entry(t, lang) for t in rank_terms(used, prefix, lang, limit)]}


def suggest_properties(
    index: Index, prefix: str, lang: str, limit: int = DEFAULT_LIMIT
) -> dict[str, Any]:
    terms = rank_terms(index.properties.values(), prefix, lang, limit)
    return {"result": [term_entry(t, lang) for t in terms]}
