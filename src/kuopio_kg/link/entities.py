"""Our side of the linking: the entities, their labels, classes, places and years, and the
links the links graph already holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

WD = "http://www.wikidata.org/entity/"
WGS84 = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")

#: Properties leading from an entity to the place it is in, held in or based in.
_PLACE_STEPS = ("locatedIn", "heldIn", "basedIn")
#: Properties whose first four characters are the entity's start year, in order of trust.
_YEAR_PROPERTIES = ("foundingDate", "firstYear", "startDate")


@dataclass(frozen=True)
class Entity:
    """One entity of our data as the linker sees it."""

    iri: str
    kind: str
    labels: tuple[tuple[str, str], ...]
    places: frozenset[str]
    year: int | None

    @property
    def label(self) -> str:
        """The label shown to the curator: English, else the first one."""
        english = [text for text, lang in self.labels if lang == "en"]
        return (english or [text for text, _ in self.labels])[0]


def qid(term: object) -> str | None:
    """The QID of a Wikidata entity IRI, else None."""
    text = str(term)
    return text.removeprefix(WD) if text.startswith(WD) else None


def linked(links: Graph) -> dict[str, set[str]]:
    """Our entity IRI → the QIDs it is linked to (exact or close match)."""
    found: dict[str, set[str]] = {}
    for subject, target in links.subject_objects(SKOS.exactMatch | SKOS.closeMatch):
        value = qid(target)
        if value is not None:
            found.setdefault(str(subject), set()).add(value)
    return found


class OurGraph:
    """Reads entities out of the data graph, given the links already made."""

    def __init__(self, data: Graph, links: Graph, ontology_iri: str) -> None:
        self.data = data
        self.links = links
        self.kkg = Namespace(ontology_iri + "#")
        self.qids = {iri: sorted(q)[0] for iri, q in linked(links).items()}

    def unlinked(self) -> Iterator[Entity]:
        """Every typed, labelled entity of the data without an exact or close match."""
        for subject in sorted(
            {s for s in self.data.subjects(RDF.type, None) if isinstance(s, URIRef)}
        ):
            if isinstance(subject, URIRef) and str(subject) not in self.qids:
                entity = self.entity(subject)
                if entity is not None:
                    yield entity

    def entity(self, subject: URIRef) -> Entity | None:
        """The entity ``subject``, or None if it has no label or no class of ours."""
        kinds = sorted(
            str(t).removeprefix(str(self.kkg))
            for t in self.data.objects(subject, RDF.type)
            if str(t).startswith(str(self.kkg))
        )
        labels = sorted(
            {
                (str(o), o.language or "")
                for p in (SKOS.prefLabel, SKOS.altLabel, RDFS.label)
                for o in self.data.objects(subject, p)
                if isinstance(o, Literal)
            }
        )
        if not kinds or not labels:
            return None
        return Entity(
            str(subject), kinds[0], tuple(labels), self.places(subject), self.year(subject)
        )

    def places(self, subject: URIRef) -> frozenset[str]:
        """QIDs of the linked places the entity lies in (following kkg:locatedIn up)."""
        pending = [o for step in _PLACE_STEPS for o in self.data.objects(subject, self.kkg[step])]
        seen: set[str] = set()
        while pending:
            place = pending.pop()
            if str(place) in seen:
                continue
            seen.add(str(place))
            pending.extend(self.data.objects(place, self.kkg.locatedIn))
        return frozenset(self.qids[iri] for iri in seen if iri in self.qids)

    def year(self, subject: URIRef) -> int | None:
        """The entity's founding, first or start year, if our data gives one."""
        for name in _YEAR_PROPERTIES:
            value = self.data.value(subject, self.kkg[name])
            if value is not None and str(value)[:4].isdigit():
                return int(str(value)[:4])
        return None

    def coordinates(self, subject: URIRef) -> tuple[float, float] | None:
        """(latitude, longitude) of the entity, if our data gives them."""
        lat, lon = self.data.value(subject, WGS84.lat), self.data.value(subject, WGS84.long)
        if not isinstance(lat, Literal) or not isinstance(lon, Literal):
            return None
        return float(lat), float(lon)
