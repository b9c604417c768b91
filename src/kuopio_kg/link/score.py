"""Scoring candidates by features, and deciding which entity has a clear winner.

Each feature gives a value (what was compared) and a score in [0, 1]; the total is their
weighted sum. A candidate is accepted only as a clear winner: total at or above
:data:`ACCEPT`, at least :data:`LEAD` ahead of the next candidate, and its QID claimed by no
other entity. Every other candidate goes to the curator.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from kuopio_kg.link.classes import wikidata_classes
from kuopio_kg.link.entities import Entity
from kuopio_kg.reconcile.fold import fold

ACCEPT = 0.8
LEAD = 0.15
#: The score of a feature one side does not know (no place, no year to compare).
UNKNOWN = 0.5


@dataclass(frozen=True)
class Candidate:
    """One Wikidata item that answers to one of an entity's labels, as the query found it."""

    qid: str
    names: tuple[str, ...]
    types: frozenset[str]
    places: frozenset[str]
    years: frozenset[int]
    description: str


@dataclass(frozen=True)
class Feature:
    value: str
    score: float


@dataclass(frozen=True)
class Scored:
    """A candidate of an entity, its feature scores and their weighted total."""

    entity: Entity
    candidate: Candidate
    features: dict[str, Feature]
    total: float


def _label(entity: Entity, candidate: Candidate) -> Feature:
    best, pair = 0.0, ""
    for ours, _ in entity.labels:
        for theirs in candidate.names:
            ratio = fuzz.token_set_ratio(fold(ours), fold(theirs)) / 100
            if ratio > best:
                best, pair = ratio, theirs
    return Feature(pair, best)


def _type(entity: Entity, candidate: Candidate) -> Feature:
    shared = sorted(set(wikidata_classes(entity.kind)) & candidate.types)
    return Feature(" ".join(shared) or " ".join(sorted(candidate.types)), 1.0 if shared else 0.0)


def _place(entity: Entity, candidate: Candidate) -> Feature:
    if not entity.places:
        return Feature("", UNKNOWN)
    shared = sorted(entity.places & candidate.places)
    return Feature(" ".join(shared), 1.0 if shared else 0.0)


def _year(entity: Entity, candidate: Candidate) -> Feature:
    if entity.year is None or not candidate.years:
        return Feature(" ".join(map(str, sorted(candidate.years))), UNKNOWN)
    matches = entity.year in candidate.years
    return Feature(
        str(entity.year) if matches else " ".join(map(str, sorted(candidate.years))),
        1.0 if matches else 0.0,
    )


#: Feature name → (how it is computed, its weight in the total).
FEATURES: dict[str, tuple[Callable[[Entity, Candidate], Feature], float]] = {
    "label": (_label, 0.4),
    "type": (_type, 0.3),
    "place": (_place, 0.2),
    "year": (_year, 0.1),
}


def score(entity: Entity, candidate: Candidate) -> Scored:
    """The features of ``candidate`` for ``entity`` and their weighted total."""
    features = {name: compute(entity, candidate) for name, (compute, _) in FEATURES.items()}
    total = sum(features[name].score * weight for name, (_, weight) in FEATURES.items())
    return Scored(entity, candidate, features, round(total, 3))


def winner(scored: Sequence[Scored], taken: set[str]) -> Scored | None:
    """The clear winner among an entity's scored candidates, or None (send all to review)."""
    ranked = sorted(scored, key=lambda s: s.total, reverse=True)
    if not ranked or ranked[0].total < ACCEPT or ranked[0].candidate.qid in taken:
        return None
    if len(ranked) > 1 and ranked[0].total - ranked[1].total < LEAD:
        return None
    return ranked[0]
