"""``kuopio-kg link``: find Wikidata items for our unlinked entities, link the clear
winners, and write every other candidate to the review file; ``--apply`` links the rows the
curator accepted.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
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


def find(
    settings: Settings, client: WikidataClient, accepted_path: Path, candidates_path: Path
) -> Outcome:
    """Ask about every unlinked entity; link clear winners, send the rest to review."""
    ours = our_graph(settings)
    entities = list(ours.unlinked())
    known_places = set(ours.qids.values())
    scored: dict[str, list[Scored]] = {}
    retrieved: dict[str, str] = {}
    with tqdm(
        total=len(entities), unit="entity", file=sys.stderr, disable=not sys.stderr.isatty()
    ) as progress:
        for start in range(0, len(entities), BATCH):
            batch = entities[start : start + BATCH]
            answer = client.ask(candidate_query(batch, known_places))
            by_iri = {entity.iri: entity for entity in batch}
            for iri, found in _candidates(answer, batch).items():
                scored[iri] = [score(by_iri[iri], candidate) for candidate in found]
                retrieved[iri] = answer.retrieved
            progress.update(len(batch))
    taken = set(ours.qids.values())
    winners = {iri: winner(found, taken) for iri, found in scored.items()}
    claims = Counter(w.candidate.qid for w in winners.values() if w is not None)
    outcome = Outcome(entities=len(entities))
    for iri, ranked_here in scored.items():
        best = winners[iri]
        if best is not None and claims[best.candidate.qid] == 1:
            outcome.linked.append(
                records.Link(iri, best.candidate.qid, best.total, retrieved[iri], "winner")
            )
            continue
        ranked = sorted(ranked_here, key=lambda s: (-s.total, s.candidate.qid))
        outcome.review.extend(candidates.row(s, retrieved[iri]) for s in ranked)
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
