"""The reconciliation index of a release: its entities, their names, types and values.

An entity is every IRI with a ``skos:prefLabel`` in the data graph that is typed with a
class of our ontology and has a reconciliation id (:mod:`.ids`). Its types come from the
union of the graphs, so the inferred superclasses are there (a City is a Place). The index
is built once per release (the server remembers it on the release) and answers every
lookup from memory: names folded (:mod:`.fold`), a word index for large releases, the
entities of each class, and each entity's values of our ontology's properties.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

import pyoxigraph as ox

from kuopio_kg.reconcile.fold import fold, tokens
from kuopio_kg.reconcile.ids import id_space, to_id
from kuopio_kg.settings import Settings

SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SCHEMA = "https://schema.org/"
#: Languages of names in order of preference after the one asked for; "" is untagged.
LANGUAGES = ("en", "fi", "")


class Selecting(Protocol):
    def select(self, text: str, *, union_default_graph: bool = True) -> list[ox.QuerySolution]:
        """The solutions of a SELECT query."""


def best(names: Mapping[str, str], lang: str) -> str:
    """The name in ``lang``, else in English, Finnish, untagged, else any ("" if none)."""
    for language in (lang, *LANGUAGES):
        if language in names:
            return names[language]
    return next(iter(sorted(names.values())), "")


@dataclass(frozen=True)
class Term:
    """A class or property of our ontology, with its labels and comments by language."""

    iri: str
    names: dict[str, str]
    descriptions: dict[str, str] = field(default_factory=dict)
    parents: tuple[str, ...] = ()

    def name(self, lang: str) -> str:
        return best(self.names, lang) or self.iri.rsplit("#", 1)[-1]


@dataclass(frozen=True, slots=True)
class Value:
    """One value of a property: an IRI, or a literal's text with its datatype."""

    iri: str | None
    text: str
    datatype: str = ""


@dataclass(slots=True)
class Entity:
    iri: str
    id: str
    names: dict[str, str] = field(default_factory=dict)
    labels: list[str] = field(default_factory=list)
    types: set[str] = field(default_factory=set)
    shown_types: tuple[str, ...] = ()
    descriptions: dict[str, str] = field(default_factory=dict)
    values: dict[str, list[Value]] = field(default_factory=dict)

    def name(self, lang: str) -> str:
        return best(self.names, lang) or self.id


@dataclass
class Index:
    """Everything reconciliation, suggest, preview and extension read, in memory."""

    base_iri: str
    entities: list[Entity]
    classes: dict[str, Term]
    properties: dict[str, Term]
    #: Folded names (preferred and alternative), and the entity each belongs to.
    folded: list[str] = field(default_factory=list)
    owners: list[int] = field(default_factory=list)
    #: Entity → the positions of its folded names.
    names_of: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_id: dict[str, int] = field(default_factory=dict)
    by_iri: dict[str, int] = field(default_factory=dict)
    of_class: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    #: Word → the folded names holding it; and every word, sorted (for prefixes).
    postings: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    vocabulary: list[str] = field(default_factory=list)

    @property
    def id_space(self) -> str:
        return id_space(self.base_iri)

    @property
    def schema_space(self) -> str:
        return self.base_iri + "ontology#"

    def entity(self, entity_id: str) -> Entity | None:
        found = self.by_id.get(entity_id)
        return None if found is None else self.entities[found]

    def top_classes(self) -> list[Term]:
        """Classes without a parent in our ontology that have entities, most entities first."""
        tops = [c for c in self.classes.values() if not c.parents and self.of_class.get(c.iri)]
        return sorted(tops, key=lambda c: (-len(self.of_class[c.iri]), c.iri))

    def _add_name(self, owner: int, label: str) -> None:
        folded = fold(label)
        if not folded:
            return
        position = len(self.folded)
        self.folded.append(folded)
        self.owners.append(owner)
        self.names_of[owner].append(position)
        for word in set(tokens(folded)):
            self.postings[word].append(position)


def build_index(store: Selecting, settings: Settings) -> Index:
    """The index of the release in ``store``: a SPARQL query per kind of name and per property
    of the ontology (each an indexed lookup), then memory only."""
    ns = settings.base_iri + "ontology#"
    data = settings.graph_iri("data")
    ontology = settings.graph_iri("ontology")
    classes = _terms(store, ontology, ns, f"{OWL}Class", f"{RDFS}subClassOf")
    properties = _terms(store, ontology, ns, f"{OWL}ObjectProperty", None)
    properties.update(_terms(store, ontology, ns, f"{OWL}DatatypeProperty", None))
    index = Index(settings.base_iri, [], classes, properties)
    space = index.id_space
    labelled = {
        row["e"].value
        for row in store.select(
            f"SELECT DISTINCT ?e WHERE {{ GRAPH <{data}> {{ ?e <{SKOS}prefLabel> ?l }} }}"
        )
    }
    by_iri: dict[str, Entity] = {}
    for row in store.select(
        f'SELECT DISTINCT ?e ?c WHERE {{ ?e a ?c FILTER(STRSTARTS(STR(?c), "{ns}")) }}'
    ):
        iri = row["e"].value
        entity = by_iri.get(iri)
        if entity is None:
            entity_id = to_id(iri, space) if iri in labelled else None
            if entity_id is None:
                continue
            entity = by_iri[iri] = Entity(iri, entity_id)
        entity.types.add(row["c"].value)
    index.entities = sorted(by_iri.values(), key=lambda e: e.id)
    for position, entity in enumerate(index.entities):
        index.by_id[entity.id] = index.by_iri[entity.iri] = position
        for cls in entity.types:
            index.of_class[cls].add(position)
        entity.shown_types = _most_specific(entity.types, classes)
    _read_names(store, index, data)
    _read_values(store, index)
    index.vocabulary = sorted(index.postings)
    return index


def _terms(store: Selecting, graph: str, ns: str, kind: str, parent: str | None) -> dict[str, Term]:
    parents = f'OPTIONAL {{ ?t <{parent}> ?up FILTER(STRSTARTS(STR(?up), "{ns}")) }}'
    rows = store.select(
        f"SELECT ?t ?label ?comment ?up WHERE {{ GRAPH <{graph}> {{ ?t a <{kind}> "
        f'FILTER(STRSTARTS(STR(?t), "{ns}")) '
        f"OPTIONAL {{ ?t <{RDFS}label> ?label }} OPTIONAL {{ ?t <{RDFS}comment> ?comment }} "
        f"{parents if parent else ''} }} }}"
    )
    names: dict[str, dict[str, str]] = defaultdict(dict)
    comments: dict[str, dict[str, str]] = defaultdict(dict)
    ups: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        iri = row["t"].value
        names[iri]
        for key, target in (("label", names), ("comment", comments)):
            literal = row[key]
            if isinstance(literal, ox.Literal):
                target[iri][literal.language or ""] = literal.value
        if parent and row["up"] is not None:
            ups[iri].add(row["up"].value)
    return {
        iri: Term(iri, names[iri], comments[iri], tuple(sorted(ups[iri]))) for iri in sorted(names)
    }


def _most_specific(types: set[str], classes: Mapping[str, Term]) -> tuple[str, ...]:
    """The types that are no other type's superclass (what a person calls the entity)."""
    above: set[str] = set()
    for cls in types:
        pending = list(classes[cls].parents) if cls in classes else []
        while pending:
            up = pending.pop()
            if up not in above:
                above.add(up)
                pending += classes[up].parents if up in classes else ()
    return tuple(sorted(types - above))


def _entity_rows(
    index: Index, rows: Iterable[ox.QuerySolution]
) -> Iterable[tuple[int, ox.QuerySolution]]:
    for row in rows:
        position = index.by_iri.get(row["e"].value)
        if position is not None:
            yield position, row


def _read_names(store: Selecting, index: Index, data: str) -> None:
    """Preferred and alternative names, and descriptions; of several in one language the
    first in code-point order names the entity (the same on every build)."""
    for kind in (f"{SKOS}prefLabel", f"{SKOS}altLabel", f"{SCHEMA}description"):
        rows = store.select(
            f"SELECT ?e ?l WHERE {{ GRAPH <{data}> {{ ?e <{kind}> ?l }} FILTER(isLiteral(?l)) }}"
        )
        for position, row in _entity_rows(index, rows):
            entity, literal = index.entities[position], row["l"]
            language = literal.language or "" if isinstance(literal, ox.Literal) else ""
            text: str = literal.value
            if kind == f"{SCHEMA}description":
                _keep_first(entity.descriptions, language, text)
                continue
            if kind == f"{SKOS}prefLabel":
                _keep_first(entity.names, language, text)
            entity.labels.append(text)
            index._add_name(position, text)


def _keep_first(texts: dict[str, str], language: str, text: str) -> None:
    if language not in texts or text < texts[language]:
        texts[language] = text


def _read_values(store: Selecting, index: Index) -> None:
    """The values of each of our properties (one indexed lookup per property)."""
    for prop in index.properties:
        rows = store.select(
            f"SELECT DISTINCT ?e ?o WHERE {{ ?e <{prop}> ?o FILTER(!isBlank(?o)) }}"
        )
        for position, row in _entity_rows(index, rows):
            term = row["o"]
            if isinstance(term, ox.Literal):
                value = Value(None, term.value, term.datatype.value)
            else:
                value = Value(term.value, term.value)
            index.entities[position].values.setdefault(prop, []).append(value)
