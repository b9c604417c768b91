"""The store interface: what the build writes to and the endpoint reads from.

The embedded Oxigraph store is the default implementation; a remote SPARQL 1.1 store is
the path past one machine (DESIGN.md, "Scale-out").
"""

from __future__ import annotations

from typing import Protocol

import pyoxigraph as ox


class Store(Protocol):
    def add_graph(self, graph_iri: str, ntriples: bytes) -> None:
        """Bulk-load an N-Triples document into the named graph ``graph_iri``."""

    def query(
        self, text: str, *, union_default_graph: bool = True
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a SPARQL query; raises :class:`~kuopio_kg.errors.QueryError` when malformed."""

    def graph_sizes(self) -> dict[str, int]:
        """Triple count of every named graph, by graph IRI."""
