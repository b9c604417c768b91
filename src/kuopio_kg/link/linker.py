"""``kuopio-kg link``: find Wikidata items for our unlinked entities, link the clear
winners, and write every other candidate to the review file; ``--apply`` links the rows the
curator accepted.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from kuopio_kg.link import candidates, records
from kuopio_kg.link.cache import Answer
from kuopio_kg.link.client import WikidataClient
from kuopio_kg.link.entities import Entity, OurGraph
from kuopio_kg.link.queries import candidate_query
from kuopio_kg.link.score import Candidate, Scored, score, winner
from kuopio_kg.load import load
from kuopio_kg.settings import Settings

#: Entities asked about in one request.
BATCH = 10


@dataclass
class Outcome:
    """What one run of the linker did."""

    entities: int = 0
    linked: list[records.Link] = field(default_factory=list)
    review: list[dict[str, str]] = field(default_factory=list)


def our_graph(settings: Settings) -> OurGraph:
    """Our data and links, as the linker reads them."""
    loaded = load(settings)
    return OurGraph(loaded.graphs["data"], loaded.graphs["links"], settings.ontology_iri)


def _candidates(answer: Answer, batch: Sequence[Entity]) -> dict[str, list[Candidate]]:
    found: dict[str, list[Candidate]] = {e.iri: [] for e in batch}
    for values in answer.rows():
        entity = batch[int(values["key"])]
        item = values["item"].rsplit("/", 1)[-1]
        found[entity.iri].append(
            Candidate(
                qid=item,
                names=tuple(n for n in values.get("names", "").split("|") if n),
                types=frozenset(_qids(values.get("types", ""))),
                places=frozenset(_qids(values.get("places", ""))),
                years=frozenset(int(y) for y in values.get("years", "").split() if y.isdigit()),
                description=values.get("description", ""),
            )
        )
    return found


def _qids(text: str) -> list[str]:
    return [iri.rsplit("/", 1)[-1] for iri in text.split()]


def _answers(client: WikidataClient, entities: Sequence[Entity]) -> Iterator[tuple[Entity, Answer]]:
    """Each entity with the answer to its own query, cached per entity: the uncached ones are
    asked in batches of :data:`BATCH`, and each batch's answer is split by entity, so a re-run
    asks nothing already known however the batches fall."""
    pending = []
    for entity in entities:
        known = client.cache.get(candidate_query([entity]))
        if known is None:
            pending.append(entity)
        else:
            yield entity, known
    with tqdm(
        total=len(pending), unit="entity", file=sys.stderr, disable=not sys.stderr.isatty()
    ) as progress:
        for start in range(0, len(pending), BATCH):
            batch = pending[start : start + BATCH]
            answer = client.fetch(candidate_query(batch))
            for key, entity in enumerate(batch):
                own = _only(answer, str(key))
                client.cache.put(candidate_query([entity]), own)
                yield entity, own
            progress.update(len(batch))


def _only(answer: Answer, key: str) -> Answer:
    """The rows of a batch answer about the entity ``key``, as if it had been asked alone."""
    rows = [
        {**row, "key": {**row["key"], "value": "0"}}
        for row in answer.results["results"]["bindings"]
        if row["key"]["value"] == key
    ]
    return Answer({"head": answer.results["head"], "results": {"bindings": rows}}, answer.retrieved)


def find(
    settings: Settings, client: WikidataClient, accepted_path: Path, candidates_path: Path
) -> Outcome:
    """Ask about every unlinked entity; link clear winners, send the rest to review."""
    ours = our_graph(settings)
    entities = list(ours.unlinked())
    scored: dict[str, list[Scored]] = {}
    retrieved: dict[str, str] = {}
    for entity, answer in _answers(client, entities):
        found = _candidates(answer, [entity])[entity.iri]
        scored[entity.iri] = [score(entity, candidate) for candidate in found]
        retrieved[entity.iri] = answer.retrieved
    taken = set(ours.qids.values())
    winners = {iri: winner(found, taken) for iri, found in scored.items()}
    claims = Counter(w.candidate.qid for w in winners.values() if w is not None)
    decided = candidates.earlier_decisions(candidates_path)
    outcome = Outcome(entities=len(entities))
    for iri, ranked_here in scored.items():
        best = winners[iri]
        if best is not None and claims[best.candidate.qid] == 1:
            outcome.linked.append(
                records.Link(iri, best.candidate.qid, best.total, retrieved[iri], "winner")
            )
            continue
        ranked = sorted(ranked_here, key=lambda s: (-s.total, s.candidate.qid))
        outcome.review.extend(
            candidates.row(s, retrieved[iri], decided.get((iri, s.candidate.qid), ""))
            for s in ranked
        )
    records.add(accepted_path, outcome.linked, client.endpoint)
    candidates.write(candidates_path, outcome.review)
    return outcome


def apply(settings: Settings, accepted_path: Path, candidates_path: Path) -> list[records.Link]:
    """Link every row of the review file marked ``accept``; returns the new links."""
    shown = str(candidates_path)
    rows = candidates.accepted(candidates_path, shown)
    links = [records.Link(r.entity, r.qid, r.total, r.retrieved, "curator") for r in rows]
    records.add(accepted_path, links, settings.wikidata_endpoint)
    return links
