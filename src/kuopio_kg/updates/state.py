"""What the writer holds of one store: a copy of every quad, and the closure kept with it.

An update is evaluated by Oxigraph on the copy (so it means what it means to Oxigraph, the
engine that answers queries); the quads before and after give the exact change. Changes
to the asserted graphs are the update; the inferred graph is then whatever the
incremental reasoner (:class:`~kuopio_kg.reason.engine.incremental.Materializer`) says
the closure of the asserted triples adds, and the metadata graph is the build's, except
for the journal position it states. The writer applies the resulting :class:`Delta` to
the store itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph

from kuopio_kg.errors import InconsistentError, Problem, QueryError, UpdateForbidden
from kuopio_kg.reason.engine.incremental import Materializer
from kuopio_kg.store.oxigraph import syntax_message
from kuopio_kg.updates.config import Names
from kuopio_kg.updates.terms import triple_to_oxigraph, triple_to_rdflib

_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


@dataclass
class Delta:
    """Quads to remove from the store, then quads to add."""

    remove: list[ox.Quad] = field(default_factory=list)
    add: list[ox.Quad] = field(default_factory=list)
    #: Named graphs the change makes and drops (an empty graph exists for the Graph Store
    #: and for CREATE/DROP GRAPH, though it holds no quad).
    created: list[ox.NamedNode] = field(default_factory=list)
    dropped: list[ox.NamedNode] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.remove or self.add or self.created or self.dropped)

    def then(self, other: Delta) -> Delta:
        """This change followed by ``other``, as one."""
        return Delta(self.remove + other.remove, self.add + other.add,
                     self.created + other.created, self.dropped + other.dropped)  # fmt: skip


class State:
    """A store's quads in memory, with the closure of the asserted ones."""

    def __init__(
        self,
        quads: Iterable[ox.Quad],
        names: Names,
        position: int,
        named_graphs: Iterable[ox.NamedNode] = (),
    ) -> None:
        self.names = names
        self.position = position
        self._inferred_graph = ox.NamedNode(names.inferred)
        self._computed = {self._inferred_graph, ox.NamedNode(names.metadata)}
        self.copy = ox.Store()
        self.copy.bulk_extend(quads)
        for graph in named_graphs:  # the empty ones have no quad to bring them
            self.copy.add_graph(graph)
        #: How many asserted graphs hold each triple (the reasoner sees a triple once).
        self.counts: Counter[ox.Triple] = Counter(
            q.triple for q in self.copy if q.graph_name not in self._computed
        )
        self.inferred = {
            q.triple for q in self.copy.quads_for_pattern(None, None, None, self._inferred_graph)
        }
        self.materializer = Materializer()
        self.materializer.add(triple_to_rdflib(t) for t in self.counts)
        #: The SHACL violations of the asserted triples, once the writer has asked.
        self.violations: frozenset[Problem] | None = None
        self._gone: list[ox.Triple] = []
        self._new: list[ox.Triple] = []

    def evaluate(self, text: str, base_iri: str | None) -> Delta:
        """Run a SPARQL update on the copy; the asserted quads it removed and added.

        Raises QueryError for an update Oxigraph refuses, UpdateForbidden when it adds to a
        computed graph; either way this state must not be used again.
        """
        before, graphs_before = set(self.copy), self._graphs()
        try:
            self.copy.update(text, base_iri=base_iri)
        except SyntaxError as exc:
            raise QueryError(f"The update is not valid SPARQL: {syntax_message(exc)}.") from None
        except (OSError, RuntimeError) as exc:  # evaluation errors: a missing graph, no SILENT
            raise QueryError(f"The update failed: {exc}.") from None
        after, graphs_after = set(self.copy), self._graphs()
        added, removed = after - before, before - after
        for quad in added:
            if quad.graph_name in self._computed:
                raise UpdateForbidden(
                    f"The update writes to {quad.graph_name}, which the "
                    f"{'reasoner' if quad.graph_name == self._inferred_graph else 'build'} "
                    "computes; write to an asserted graph instead."
                )
        # What the update took from the computed graphs is not its to take: put it back.
        self.copy.extend(q for q in removed if q.graph_name in self._computed)
        for graph in (graphs_before - graphs_after) & self._computed:
            self.copy.add_graph(graph)
        delta = Delta(
            [q for q in removed if q.graph_name not in self._computed],
            [q for q in added if q.graph_name not in self._computed],
            sorted(graphs_after - graphs_before - self._computed, key=str),
            sorted(graphs_before - graphs_after - self._computed, key=str),
        )
        self._count(delta)
        return delta

    def replay(self, entry: Delta) -> Delta:
        """Apply a journal entry's change to the copy as far as it still applies (removing
        what is there, adding what is not); the change it made."""
        graphs = self._graphs()
        dropped = [g for g in entry.dropped if g in graphs]
        delta = Delta([q for q in entry.remove if q in self.copy], [], [], dropped)
        for quad in delta.remove:
            self.copy.remove(quad)
        for graph in dropped:  # what other inputs put there since goes with it
            delta.remove += self.copy.quads_for_pattern(None, None, None, graph)
            self.copy.remove_graph(graph)
        graphs = self._graphs()
        delta.created = [g for g in entry.created if g not in graphs]
        for graph in delta.created:
            self.copy.add_graph(graph)
        delta.add = [q for q in entry.add if q not in self.copy]
        self.copy.extend(delta.add)
        self._count(delta)
        return delta

    def _graphs(self) -> set[ox.NamedNode]:
        return {g for g in self.copy.named_graphs() if isinstance(g, ox.NamedNode)}

    def asserted(self) -> Graph:
        """The asserted triples (every graph but the computed ones) as one rdflib graph."""
        graph = Graph()
        for triple in self.counts:
            graph.add(triple_to_rdflib(triple))
        return graph

    def close(self, position: int) -> Delta:
        """Bring the closure up to the counted changes and state ``position``: the change
        to the inferred and metadata graphs (raises InconsistentError when the asserted
        triples contradict each other)."""
        if self._gone:
            self.materializer.remove(triple_to_rdflib(t) for t in self._gone)
        if self._new:
            self.materializer.add(triple_to_rdflib(t) for t in self._new)
        self._gone, self._new = [], []
        problems = self.materializer.inconsistencies()
        if problems:
            raise InconsistentError(
                "The update would make the data logically inconsistent: "
                + "; ".join(problems[:5])
                + ". Nothing was changed."
            )
        inferred = (triple_to_oxigraph(t) for t in self.materializer.inferred())
        now = {t for t in inferred if t not in self.counts}
        graph = self._inferred_graph
        delta = Delta(
            [_in(t, graph) for t in self.inferred - now],
            [_in(t, graph) for t in now - self.inferred],
        )
        # The copy's inferred graph may also have lost quads to the update itself.
        stored = set(self.copy.quads_for_pattern(None, None, None, graph))
        wanted = {_in(t, graph) for t in now}
        for quad in stored - wanted:
            self.copy.remove(quad)
        self.copy.extend(wanted - stored)
        self.inferred = now
        stated = self._position_change(position)
        delta.remove += stated.remove
        delta.add += stated.add
        self.position = position
        return delta

    def _count(self, delta: Delta) -> None:
        for quad in delta.remove:
            triple = quad.triple
            self.counts[triple] -= 1
            if self.counts[triple] <= 0:
                del self.counts[triple]
                self._gone.append(triple)
        for quad in delta.add:
            triple = quad.triple
            self.counts[triple] += 1
            if self.counts[triple] == 1:
                self._new.append(triple)

    def _position_change(self, position: int) -> Delta:
        """The metadata graph's statement of the journal position, moved to ``position``."""
        subject = ox.NamedNode(self.names.dataset)
        predicate = ox.NamedNode(self.names.position_property)
        graph = ox.NamedNode(self.names.metadata)
        old = list(self.copy.quads_for_pattern(subject, predicate, None, graph))
        if not old and next(self.copy.quads_for_pattern(None, None, None, graph), None) is None:
            return Delta()  # a store without the build's metadata (a scratch store) gets none
        new = ox.Quad(subject, predicate, ox.Literal(str(position), datatype=_INTEGER), graph)
        for quad in old:
            self.copy.remove(quad)
        self.copy.add(new)
        return Delta(old, [new])


def _in(triple: ox.Triple, graph: ox.NamedNode) -> ox.Quad:
    return ox.Quad(triple.subject, triple.predicate, triple.object, graph)
