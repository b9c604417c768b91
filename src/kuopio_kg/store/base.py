"""The store interface: what the build writes to and the endpoint reads from.

The embedded Oxigraph store is the default implementation; a remote SPARQL 1.1 store is
the path past one machine (DESIGN.md, "Scale-out").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

import pyoxigraph as ox


class Store(Protocol):
    #: How messages name this store (a folder, or a remote store's URL).
    name: str

    def add_graph(self, graph_iri: str, ntriples: bytes) -> None:
        """Bulk-load an N-Triples document into the named graph ``graph_iri``."""

    def add_quads(self, nquads: bytes) -> None:
        """Bulk-load an N-Quads document; a blank node label names one node in every graph
        (loading graph by graph would make a node shared by two graphs two nodes)."""

    def query(
        self,
        text: str,
        *,
        union_default_graph: bool = True,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        base_iri: str | None = None,
        prefixes: dict[str, str] | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a SPARQL query; raises :class:`~kuopio_kg.errors.QueryError` when malformed.

        ``default_graphs`` / ``named_graphs`` set the dataset as the protocol's
        ``default-graph-uri`` / ``named-graph-uri`` do (they win over the union setting);
        ``prefixes`` are declared as if the query had PREFIX lines for them.
        """

    def update(self, text: str, *, base_iri: str | None = None) -> None:
        """Run a SPARQL update atomically; raises QueryError when malformed."""

    def graph_sizes(self) -> dict[str, int]:
        """Triple count of every named graph, by graph IRI."""

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the store, default graph included (``ox.DefaultGraph()``)."""

    def named_graphs(self) -> list[ox.NamedNode]:
        """Every named graph, empty ones (made by CREATE GRAPH) included."""

    def apply(
        self,
        remove: Sequence[ox.Quad],
        add: Sequence[ox.Quad],
        created: Sequence[ox.NamedNode] = (),
        dropped: Sequence[ox.NamedNode] = (),
    ) -> None:
        """Remove quads, drop graphs, make graphs, add quads, exactly as given (blank nodes
        keep their labels), in one step where the backend allows; used by the update
        journal (kuopio_kg.updates)."""
