"""Entity resolution: the organisations, cities and countries of the flows, matched to the
graph's curated entities where they are the same, minted as new entities where not.

An organisation is the curated one with its Erasmus code (``kkg:erasmusCode``), else the
curated one whose folded ``skos:prefLabel`` or ``skos:altLabel`` is its name and which is
based in, or has a campus in, the same city; else a new one. A city is the curated
``kkg:City`` or ``kkg:Locality`` of that folded label in that country (or of that label and
no known country, when only one has it), else a new one placed by the gazetteer. A country
is the curated ``kkg:Country`` with one of its English names as label, else a new one. The
curated entities are read from the inputs as written (default base), without reasoning.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from kuopio_kg.ingest import countries
from kuopio_kg.ingest.erasmus import vocab
from kuopio_kg.ingest.gazetteer import Gazetteer, Place
from kuopio_kg.load import discover, parse_file
from kuopio_kg.namespaces import KKG
from kuopio_kg.reconcile.fold import fold
from kuopio_kg.settings import Settings

#: The curated graphs resolution reads (not an earlier import).
CURATED_GRAPHS = ("ontology", "data", "links")


def curated_graph(settings: Settings) -> Graph:
    """The ontology, data and links as written, against the default base."""
    graph = Graph()
    for item in discover(settings):
        if item.graph in CURATED_GRAPHS:
            graph += parse_file(item.path, shown=item.shown)
    return graph


@dataclass(frozen=True)
class Country:
    iri: str
    new: bool
    label: str
    code: str
    qid: str | None


@dataclass(frozen=True)
class City:
    iri: str
    new: bool
    label: str
    country: str
    country_code: str
    #: Where the gazetteer placed a new city; None when it could not (or the city exists).
    place: Place | None


@dataclass(frozen=True)
class Organisation:
    iri: str
    new: bool
    label: str
    code: str | None
    city: City | None


class Curated:
    """The curated organisations, cities and countries, indexed by what rows carry."""

    def __init__(self, graph: Graph) -> None:
        self.labels: dict[str, str] = {}
        org_classes = _subclasses(graph, KKG.Organisation)
        self.org_by_code: dict[str, str] = {}
        self.org_by_name: dict[str, list[tuple[str, frozenset[str]]]] = defaultdict(list)
        self.city_by_name: dict[tuple[str, str | None], list[str]] = defaultdict(list)
        self.country_by_name: dict[str, str] = {}
        for subject in sorted(set(graph.subjects(SKOS.prefLabel, None)), key=str):
            iri, types = str(subject), set(graph.objects(subject, RDF.type))
            self.labels[iri] = _label(graph, subject)
            names = {fold(str(n)) for n in graph.objects(subject, SKOS.prefLabel | SKOS.altLabel)}
            if types & org_classes:
                places = frozenset(p for n in _homes(graph, subject) for p in _up(graph, n))
                for name in names:
                    self.org_by_name[name].append((iri, places))
            if types & {KKG.City, KKG.Locality}:
                country = next((p for p in _up(graph, subject) if _is_country(graph, p)), None)
                for name in names:
                    self.city_by_name[(name, country)].append(iri)
            if KKG.Country in types:
                for name in names:
                    self.country_by_name.setdefault(name, iri)
        for subject, code in sorted(graph.subject_objects(KKG.erasmusCode)):
            self.org_by_code[normal_code(str(code))] = str(subject)


def normal_code(code: str) -> str:
    """An Erasmus code as the flows carry it: upper case, single spaces."""
    return " ".join(code.upper().split())


class Resolver:
    """Resolves the keys of the flows to entities, each key once."""

    def __init__(self, curated: Curated, gazetteer: Gazetteer) -> None:
        self._curated = curated
        self._gazetteer = gazetteer
        self._countries: dict[str, Country] = {}
        self._cities: dict[tuple[str, str], City] = {}

    def country(self, iso2: str) -> Country:
        """The country of an ISO code the flows carry (A checked it is a country)."""
        if iso2 not in self._countries:
            known = countries.country(iso2)
            name = known.name if known else iso2
            names = known.names if known else (iso2,)
            curated = next(
                (self._curated.country_by_name[k] for k in map(fold, names)
                 if k in self._curated.country_by_name),
                None,
            )  # fmt: skip
            iri = curated or vocab.country_iri(name)
            self._countries[iso2] = Country(
                iri, curated is None, name, iso2, known.qid if known else None
            )
        return self._countries[iso2]

    def existing_city(self, city_key: str, iso2: str) -> str | None:
        """The curated city of that folded name in that country, if there is one."""
        country = self.country(iso2).iri
        found = self._curated.city_by_name.get((city_key, country))
        if found:
            return found[0]
        without = self._curated.city_by_name.get((city_key, None), [])
        return without[0] if len(without) == 1 else None

    def city(self, written: str, city_key: str, iso2: str) -> City:
        """The city, curated or new; a new one is placed by the gazetteer when it can be."""
        key = (city_key, iso2)
        if key not in self._cities:
            country = self.country(iso2).iri
            existing = self.existing_city(city_key, iso2)
            if existing is not None:
                label = self._curated.labels[existing]
                city = City(existing, False, label, country, iso2, None)
            else:
                place = self._gazetteer.locate(written, iso2)
                label = place.name if place is not None else written
                city = City(vocab.city_iri(iso2, city_key), True, label, country, iso2, place)
            self._cities[key] = city
        return self._cities[key]

    def organisation(
        self, code: str | None, name: str, city: str | None, country: str
    ) -> Organisation:
        """The organisation of a code (or none) and its most written name and city."""
        curated = self._curated
        name_key, city_key = fold(name), fold(city or "")
        if code and normal_code(code) in curated.org_by_code:
            iri = curated.org_by_code[normal_code(code)]
            return Organisation(iri, False, curated.labels[iri], code, None)
        home = self.existing_city(city_key, country) if city_key else None
        for iri, places in curated.org_by_name.get(name_key, []):
            if home is not None and home in places:
                return Organisation(iri, False, curated.labels[iri], code, None)
        where = self.city(city, city_key, country) if city and city_key else None
        iri = vocab.organisation_iri(code, name_key, city_key, country)
        return Organisation(iri, True, name or code or iri.rsplit("/", 1)[1], code, where)


def _subclasses(graph: Graph, cls: URIRef) -> set[Node]:
    found: set[Node] = {cls}
    todo: list[Node] = [cls]
    while todo:
        for sub in graph.subjects(RDFS.subClassOf, todo.pop()):
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return found


def _homes(graph: Graph, org: Node) -> list[Node]:
    return [*graph.objects(org, KKG.basedIn), *graph.objects(org, KKG.campus)]


def _up(graph: Graph, place: Node) -> list[str]:
    """``place`` and every place it lies in (kkg:locatedIn, followed by hand)."""
    seen: list[Node] = [place]
    for node in seen:
        seen += [p for p in graph.objects(node, KKG.locatedIn) if p not in seen]
    return [str(p) for p in seen]


def _is_country(graph: Graph, place: str) -> bool:
    return (URIRef(place), RDF.type, KKG.Country) in graph


def _label(graph: Graph, subject: Node) -> str:
    """The English prefLabel, else the first prefLabel in order."""
    labels = sorted(graph.objects(subject, SKOS.prefLabel), key=str)
    english = [str(label) for label in labels if getattr(label, "language", None) == "en"]
    return english[0] if english else str(labels[0])
