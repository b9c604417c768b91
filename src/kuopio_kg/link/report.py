"""``kuopio-kg link --report``: our links checked against what Wikidata says.

Coverage per class, conflicts among our own links (two entities on one item, one entity
on two items), and disagreements of each linked entity with its item: country (P17),
containing region (P131), coordinates (P625) more than :data:`MAX_KM` apart, inception
(P571), and twin towns (P190) one side has and the other lacks.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from rdflib import Namespace, URIRef
from rdflib.namespace import RDF, SKOS

from kuopio_kg.link.classes import CLASS_QIDS
from kuopio_kg.link.client import WikidataClient
from kuopio_kg.link.entities import OurGraph, qid
from kuopio_kg.link.queries import facts_query

MAX_KM = 5.0
_POINT = re.compile(r"Point\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """One line of the report: what kind, about which entity, what we and Wikidata say."""

    kind: str
    entity: str
    ours: str
    wikidata: str


Facts = dict[str, dict[str, set[str]]]


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def coverage(ours: OurGraph) -> list[Finding]:
    """Linked / total entities of every class of the class table, or with a link."""
    totals: dict[str, list[str]] = defaultdict(list)
    for subject in set(ours.data.subjects(RDF.type, None)):
        entity = ours.entity(subject) if isinstance(subject, URIRef) else None
        if entity is not None:
            totals[entity.kind].append(entity.iri)
    rows = []
    for kind, iris in sorted(totals.items()):
        done = sum(1 for iri in iris if iri in ours.qids)
        if kind in CLASS_QIDS or done:
            rows.append(Finding("coverage", kind, f"{done}/{len(iris)}", ""))
    return rows


def conflicts(ours: OurGraph) -> list[Finding]:
    """Two of our entities on one item, and one entity on two items (exact matches)."""
    by_item: dict[str, set[str]] = defaultdict(set)
    by_entity: dict[str, set[str]] = defaultdict(set)
    for subject, target in ours.links.subject_objects(SKOS.exactMatch):
        item = qid(target)
        if item is not None:
            by_item[item].add(str(subject))
            by_entity[str(subject)].add(item)
    rows = [
        Finding("conflict: one item, two entities", " ".join(sorted(e)), item, item)
        for item, e in sorted(by_item.items())
        if len(e) > 1
    ]
    rows += [
        Finding("conflict: one entity, two items", entity, " ".join(sorted(items)), "")
        for entity, items in sorted(by_entity.items())
        if len(items) > 1
    ]
    return rows


def _facts(client: WikidataClient, qids: set[str]) -> Facts:
    facts: Facts = defaultdict(lambda: defaultdict(set))
    for row in client.ask(facts_query(qids)).rows():
        value = row["value"]
        facts[row["item"].rsplit("/", 1)[-1]][row["property"].rsplit("/", 1)[-1]].add(
            qid(value) or value
        )
    return facts


class _Checks:
    """The disagreement checks of one run, over our graph and Wikidata's facts."""

    def __init__(self, ours: OurGraph, facts: Facts) -> None:
        self.ours = ours
        self.facts = facts
        self.kkg: Namespace = ours.kkg

    def _chain(self, subject: URIRef) -> tuple[set[str], set[str]]:
        """QIDs of the linked countries, and of the other linked places, above ``subject``."""
        countries: set[str] = set()
        regions: set[str] = set()
        pending = list(self.ours.data.objects(subject, self.kkg.locatedIn))
        seen: set[object] = set()
        while pending:
            place = pending.pop()
            if place in seen:
                continue
            seen.add(place)
            pending.extend(self.ours.data.objects(place, self.kkg.locatedIn))
            if str(place) in self.ours.qids:
                is_country = (place, RDF.type, self.kkg.Country) in self.ours.data
                (countries if is_country else regions).add(self.ours.qids[str(place)])
        return countries, regions

    def places(self, subject: URIRef, item: str) -> list[Finding]:
        """Country (P17) and containing region (P131): ours, from the kkg:locatedIn chain,
        against the item's, where both sides name some."""
        chain = dict(zip(("P17", "P131"), self._chain(subject), strict=True))
        rows = []
        for prop, kind in (("P17", "country (P17)"), ("P131", "region (P131)")):
            ours, theirs = chain[prop], self.facts[item][prop]
            if ours and theirs and not ours & theirs:
                rows.append(Finding(kind, str(subject), _j(ours), _j(theirs)))
        return rows

    def coordinates(self, subject: URIRef, item: str) -> list[Finding]:
        ours = self.ours.coordinates(subject)
        rows = []
        for text in sorted(self.facts[item]["P625"]):
            match = _POINT.search(text)
            if ours is None or match is None:
                continue
            theirs = (float(match.group(2)), float(match.group(1)))
            km = haversine_km(ours, theirs)
            if km > MAX_KM:
                rows.append(
                    Finding(
                        f"coordinates (P625) {km:.0f} km apart",
                        str(subject),
                        f"{ours[0]} {ours[1]}",
                        f"{theirs[0]} {theirs[1]}",
                    )
                )
        return rows

    def inception(self, subject: URIRef, item: str) -> list[Finding]:
        ours = self.ours.year(subject)
        theirs = {text[:4].lstrip("+") for text in self.facts[item]["P571"]}
        if ours is not None and theirs and str(ours) not in theirs:
            return [Finding("inception (P571)", str(subject), str(ours), _j(theirs))]
        return []

    def twins(self, subject: URIRef, item: str) -> list[Finding]:
        data, twinned = self.ours.data, self.kkg.twinnedWith
        partners = set(data.objects(subject, twinned)) | set(data.subjects(twinned, subject))
        ours = {self.ours.qids[str(p)] for p in partners if str(p) in self.ours.qids}
        linked = set(self.ours.qids.values())
        theirs = self.facts[item]["P190"] & linked
        rows = []
        if ours - theirs:
            rows.append(
                Finding("twin towns (P190) Wikidata lacks", str(subject), _j(ours - theirs), "")
            )
        if theirs - ours:
            rows.append(Finding("twin towns (P190) we lack", str(subject), "", _j(theirs - ours)))
        return rows


def _j(values: set[str]) -> str:
    return " ".join(sorted(values))


#: The disagreement checks, run in this order on every exactly linked entity.
CHECKS: tuple[Callable[[_Checks, URIRef, str], list[Finding]], ...] = (
    _Checks.places,
    _Checks.coordinates,
    _Checks.inception,
    _Checks.twins,
)


def report(ours: OurGraph, client: WikidataClient) -> list[Finding]:
    """Coverage, conflicts and disagreements of our links, in that order."""
    exact = {
        str(s): item
        for s, t in ours.links.subject_objects(SKOS.exactMatch)
        if (item := qid(t)) is not None
    }
    checks = _Checks(ours, _facts(client, set(exact.values())))
    rows = coverage(ours) + conflicts(ours)
    for entity, item in sorted(exact.items()):
        for check in CHECKS:
            rows += check(checks, URIRef(entity), item)
    return rows
