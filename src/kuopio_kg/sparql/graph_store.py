"""The SPARQL 1.1 Graph Store HTTP Protocol over the query service, with no Flask in between.

Every operation is said in SPARQL and goes through :class:`~kuopio_kg.sparql.service.Endpoint`,
so the Graph Store has the update path's token, policy and journal, and the query path's
workers, deadline and entity tags:

- GET: ``CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <g> { ?s ?p ?o } }`` (or the stored default
  graph), read whole: a Graph Store answer is the graph, so it is not cut at
  ``KUOPIO_KG_MAX_ROWS``; the query deadline still bounds it, and a graph too large to
  write within it is a 503 that says so (a dump is the way to such a graph);
- PUT: ``DROP SILENT GRAPH <g> ; CREATE SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { … } }``
  as one update (``DROP SILENT DEFAULT ; INSERT DATA { … }`` for the default graph);
- POST: ``INSERT DATA``; to the Graph Store itself, into a new graph
  ``<base>graph/user/<uuid>``;
- DELETE: ``DROP GRAPH <g>``.

A named graph exists when the store lists it (``ASK { GRAPH <g> { } }``, true for an empty
graph that was created too); the default graph always exists. Bodies are read by the one
reader of outside documents (:func:`kuopio_kg.sparql.fetch.read`). The graphs the build
computes (inferred, metadata) take no writes.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Container, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from kuopio_kg import graphs
from kuopio_kg.errors import (
    BadParameter,
    GraphNotFound,
    GraphReadOnly,
    InvalidDocument,
    UnsupportedMediaType,
)
from kuopio_kg.formats import GRAPHS, media_types
from kuopio_kg.sparql.fetch import Unreadable, read
from kuopio_kg.sparql.service import Answer, Dataset, Endpoint, QueryRequest

#: Media type → graph format of the bodies the Graph Store reads.
BODY_TYPES = media_types(GRAPHS)
#: The graphs the build computes, and what computes them.
COMPUTED = {graphs.INFERRED: "the reasoner", graphs.METADATA: "the build"}


@dataclass(frozen=True)
class Part:
    """One RDF document of a request: the whole body, or one part of a multipart body."""

    media_type: str
    body: bytes
    #: How messages name it: "The request body" or 'Part "x.ttl" of the request body'.
    name: str = "The request body"


class GraphStore:
    """The Graph Store of one server process. ``graph`` None is the default graph."""

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        base = endpoint.settings.base_iri
        self._computed = {graphs.graph_iri(base, name): by for name, by in COMPUTED.items()}
        self._new_graphs = graphs.graph_prefix(base) + "user/"

    def get(
        self,
        graph: str | None,
        graph_format: str | None,
        base_iri: str,
        gzip: bool = False,
        known: Container[str] = (),
    ) -> Answer:
        """The whole graph in ``graph_format``; 404 when the store has no such graph."""
        self._require(graph, base_iri)
        pattern = "?s ?p ?o" if graph is None else f"GRAPH <{graph}> {{ ?s ?p ?o }}"
        text = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {pattern} }}"
        request = QueryRequest(text, base_iri, Dataset(), None, graph_format, gzip, known,
                               whole_graph=True)  # fmt: skip
        return self.endpoint.query(request)

    def put(
        self, graph: str | None, parts: Sequence[Part], base_iri: str, token: str | None
    ) -> bool:
        """Replace the graph by the body's triples; True when that created the graph."""
        self._writable(graph, token)
        content = _triples(parts, graph or base_iri)
        created = not self.exists(graph, base_iri)
        if graph is None:
            text = f"DROP SILENT DEFAULT ;\n{_insert(None, content)}"
        else:
            text = f"DROP SILENT GRAPH <{graph}> ;\nCREATE SILENT GRAPH <{graph}> ;\n"
            text += _insert(graph, content)
        self.endpoint.update(text, base_iri, Dataset(), token)
        return created

    def post(
        self, graph: str | None, parts: Sequence[Part], base_iri: str, token: str | None
    ) -> bool:
        """Add the body's triples to the graph; True when that created the graph."""
        self._writable(graph, token)
        content = _triples(parts, graph or base_iri)
        created = not self.exists(graph, base_iri)
        create = f"CREATE SILENT GRAPH <{graph}> ;\n" if created else ""
        self.endpoint.update(create + _insert(graph, content), base_iri, Dataset(), token)
        return created

    def create(self, parts: Sequence[Part], base_iri: str, token: str | None) -> str:
        """Put the body's triples into a new graph under the base; its IRI."""
        self.endpoint.authorize(token)
        graph = self._new_graphs + str(uuid.uuid4())
        content = _triples(parts, graph)
        text = f"CREATE GRAPH <{graph}> ;\n{_insert(graph, content)}"
        self.endpoint.update(text, base_iri, Dataset(), token)
        return graph

    def delete(self, graph: str | None, base_iri: str, token: str | None) -> None:
        """Drop the graph (empty the default graph); 404 when there is no such graph."""
        self._writable(graph, token)
        self._require(graph, base_iri)
        text = "DROP DEFAULT" if graph is None else f"DROP GRAPH <{graph}>"
        self.endpoint.update(text, base_iri, Dataset(), token)

    def exists(self, graph: str | None, base_iri: str) -> bool:
        """Whether the store holds the graph (an empty one it was asked to create, too)."""
        if graph is None:
            return True
        request = QueryRequest(f"ASK {{ GRAPH <{graph}> {{ }} }}", base_iri, Dataset(), "json",
                               None)  # fmt: skip
        answer = self.endpoint.query(request)
        return bool(json.loads(b"".join(answer.body))["boolean"])

    def _require(self, graph: str | None, base_iri: str) -> None:
        if not self.exists(graph, base_iri):
            raise GraphNotFound(
                f"The store has no graph <{graph}>; PUT or POST a graph there to create it."
            )

    def _writable(self, graph: str | None, token: str | None) -> None:
        if graph in self._computed:
            raise GraphReadOnly(
                f"<{graph}> is computed by {self._computed[graph]} from the other graphs and "
                "takes no writes; change the asserted graphs instead."
            )
        self.endpoint.authorize(token)


def graph_iri(value: str) -> str:
    """The ``graph`` parameter (already percent-decoded once) as an IRI; 400 when it is not
    an absolute IRI Oxigraph takes."""
    try:
        ox.NamedNode(value)
    except ValueError as exc:
        raise BadParameter(
            f"The graph parameter <{value}> is not an absolute IRI ({exc}); percent-encode it "
            "as a query value."
        ) from None
    return value


def _triples(parts: Sequence[Part], base_iri: str) -> list[ox.Triple]:
    """Every part's triples (blank nodes kept apart between parts), or the error of the
    first part that cannot be read."""
    triples: list[ox.Triple] = []
    for part in parts:
        syntax = BODY_TYPES.get(part.media_type)
        if syntax is None:
            accepted = ", ".join(f"{f.label} ({f.media_type})" for f in GRAPHS)
            raise UnsupportedMediaType(
                f"{part.name} is {part.media_type or 'untyped'}; the Graph Store reads "
                f"{accepted}, or multipart/form-data whose parts are of those types."
            )
        try:
            part.body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidDocument(f"{part.name} is not valid UTF-8 (byte {exc.start}).") from None
        try:
            triples += read(part.body, syntax, base_iri)
        except Unreadable as exc:
            raise InvalidDocument(f"{part.name} cannot be read: {exc.reason}.") from None
    return triples


def _insert(graph: str | None, triples: list[ox.Triple]) -> str:
    """One ``INSERT DATA`` of ``triples`` into ``graph`` (None: the default graph)."""
    text = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode()
    if graph is not None:
        text = f"GRAPH <{graph}> {{\n{text}}}"
    return f"INSERT DATA {{\n{text}}}"
