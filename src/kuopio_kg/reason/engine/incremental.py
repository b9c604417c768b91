"""A closure kept up to date while triples are added and removed, in rdflib terms.

:class:`Materializer` wraps the integer-level :class:`~kuopio_kg.reason.engine.engine.
Reasoner`: additions extend the closure from the new triples only; removals take back
what depended on them (see :mod:`kuopio_kg.reason.engine.retract`). Either way the result
is the closure a full recomputation of the current triples gives.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph
from rdflib.term import Node

from kuopio_kg.reason.engine.api import paused_gc, problems
from kuopio_kg.reason.engine.engine import Reasoner
from kuopio_kg.reason.engine.output import inferred_terms
from kuopio_kg.reason.engine.retract import retract
from kuopio_kg.reason.engine.store import Triple

TermTriple = tuple[Node, Node, Node]


class Materializer:
    """The OWL 2 RL closure of a changing set of asserted triples."""

    def __init__(self, graph: Graph | None = None) -> None:
        self.reasoner = Reasoner()
        if graph is not None:
            self.add(graph)

    def _ids(self, triples: Iterable[TermTriple]) -> list[Triple]:
        encode = self.reasoner.table.encode
        return [(encode(s), encode(p), encode(o)) for s, p, o in triples]

    def add(self, triples: Iterable[TermTriple]) -> None:
        """Assert ``triples``; the closure grows from them alone."""
        with paused_gc():
            self.reasoner.add(self._ids(triples))

    def remove(self, triples: Iterable[TermTriple]) -> None:
        """Retract asserted ``triples`` (others are ignored) and what depended on them."""
        with paused_gc():
            retract(self.reasoner, self._ids(triples))

    def inferred(self, complete: bool = False) -> set[TermTriple]:
        """The triples the closure adds to the asserted ones (see ``inferred_terms``)."""
        return set(inferred_terms(self.reasoner, complete))

    def inconsistencies(self) -> list[str]:
        """Why the current triples are inconsistent (empty when they are not)."""
        return problems(self.reasoner)
