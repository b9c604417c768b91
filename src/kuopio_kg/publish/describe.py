"""What the store says about one resource: the model behind its page and its RDF document.

Statements keep the named graphs they come from, so a page can tell asserted facts
(``graph/ontology``, ``graph/data``, ``graph/links``) from what the reasoner added
(``graph/inferred``). Everything here is a plain function over the store.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import pyoxigraph as ox

from kuopio_kg.graphs import INFERRED, graph_prefix
from kuopio_kg.publish.labels import labels
from kuopio_kg.settings import Settings
from kuopio_kg.store import OxigraphStore

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
WIKIDATA = "http://www.wikidata.org/entity/"
#: Incoming links shown on a page (the RDF document carries them all).
INCOMING_LIMIT = 1000

Term = ox.NamedNode | ox.BlankNode | ox.Literal


class InvalidIri(ValueError):
    """The text is not an IRI (it has spaces, angle brackets, quotes...)."""


def iri_ref(iri: str) -> str:
    """``<iri>`` for a SPARQL query, refusing anything that is not a valid IRI."""
    try:
        return str(ox.NamedNode(iri))
    except ValueError as exc:
        raise InvalidIri(str(exc)) from None


@dataclass(frozen=True)
class Statement:
    """One predicate-value pair of a resource (outgoing) or a subject pointing at it."""

    predicate: str
    value: Term
    graphs: frozenset[str]

    @property
    def inferred(self) -> bool:
        """Only the reasoner says this: it is in no asserted graph."""
        return self.graphs <= {INFERRED}


@dataclass
class Description:
    iri: str
    outgoing: list[Statement]
    incoming: list[Statement]
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def node(self) -> ox.NamedNode:
        return ox.NamedNode(self.iri)

    @property
    def types(self) -> list[str]:
        return sorted(
            {
                s.value.value
                for s in self.outgoing
                if s.predicate == RDF_TYPE and isinstance(s.value, ox.NamedNode)
            }
        )

    @property
    def wikidata(self) -> list[str]:
        """Wikidata items the resource is linked to (``skos:exactMatch`` and the like)."""
        return sorted(
            {
                s.value.value
                for s in self.outgoing
                if isinstance(s.value, ox.NamedNode) and s.value.value.startswith(WIKIDATA)
            }
        )

    def label(self, iri: str) -> str:
        return self.labels.get(iri, iri)


def exists(store: OxigraphStore, iri: str) -> bool:
    """Whether the store mentions ``iri`` as a subject or an object, or names a graph."""
    ref = iri_ref(iri)
    return store.ask(
        f"ASK {{ {{ {ref} ?p ?o }} UNION {{ ?s ?p {ref} }} "
        f"UNION {{ GRAPH {ref} {{ ?s ?p ?o }} }} }}"
    )


def describe(store: OxigraphStore, settings: Settings, iri: str) -> Description:
    """Every statement about ``iri`` and the incoming links, with graphs and labels."""
    ref = iri_ref(iri)
    prefix = graph_prefix(settings.base_iri)
    outgoing = _grouped(
        store.select(f"SELECT ?g ?p ?o WHERE {{ GRAPH ?g {{ {ref} ?p ?o }} }}"), "p", "o", prefix
    )
    incoming = _grouped(
        store.select(
            f"SELECT ?g ?s ?p WHERE {{ GRAPH ?g {{ ?s ?p {ref} }} FILTER(isIRI(?s)) }} "
            f"ORDER BY ?p ?s LIMIT {INCOMING_LIMIT}"
        ),
        "p",
        "s",
        prefix,
    )
    mentioned = {iri}
    for statement in outgoing + incoming:
        mentioned.add(statement.predicate)
        if isinstance(statement.value, ox.NamedNode):
            mentioned.add(statement.value.value)
    return Description(iri, outgoing, incoming, labels(store, mentioned))


def _grouped(
    rows: list[ox.QuerySolution], predicate: str, value: str, graph_prefix: str
) -> list[Statement]:
    graphs: dict[tuple[str, Term], set[str]] = {}
    for row in rows:
        key = (row[predicate].value, row[value])
        graphs.setdefault(key, set()).add(row["g"].value.removeprefix(graph_prefix))
    statements = [Statement(p, v, frozenset(g)) for (p, v), g in graphs.items()]
    statements.sort(key=lambda s: (s.predicate != RDF_TYPE, s.predicate, str(s.value)))
    return statements


def document(store: OxigraphStore, iri: str) -> ox.QueryTriples:
    """The RDF description of ``iri``: its statements, blank nodes one level deep, and the
    statements of other resources pointing at it."""
    ref = iri_ref(iri)
    result = store.query(
        f"CONSTRUCT {{ {ref} ?p ?o . ?o ?bp ?bo . ?s ?q {ref} }} WHERE {{ "
        f"{{ {ref} ?p ?o OPTIONAL {{ ?o ?bp ?bo FILTER(isBlank(?o)) }} }} "
        f"UNION {{ ?s ?q {ref} }} }}"
    )
    if not isinstance(result, ox.QueryTriples):
        raise TypeError("a CONSTRUCT query returned no triples")
    return result


def similar(store: OxigraphStore, iri: str, limit: int = 5) -> list[str]:
    """IRIs of the store that look like ``iri`` (same folder, close spelling): suggestions
    for a page that answers 404."""
    folder = iri[: iri.rstrip("/").rfind("/") + 1]
    rows = store.select(
        "SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(isIRI(?s) && "
        f'STRSTARTS(STR(?s), "{_escape(folder)}")) }} LIMIT 5000'
    )
    candidates = [row["s"].value for row in rows]
    return difflib.get_close_matches(iri, candidates, n=limit, cutoff=0.5)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
