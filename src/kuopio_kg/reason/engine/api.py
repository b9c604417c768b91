"""Running the engine on an rdflib graph: encode, saturate, check, decode."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Graph

from kuopio_kg.reason.base import Closure
from kuopio_kg.reason.engine.checks import inconsistencies, literal_clashes
from kuopio_kg.reason.engine.engine import Reasoner
from kuopio_kg.reason.engine.output import closure_graph
from kuopio_kg.reason.engine.store import Triple
from kuopio_kg.reason.engine.terms import TermTable


def encode(table: TermTable, graph: Graph) -> Iterator[Triple]:
    """The triples of ``graph`` as ids of ``table`` (interning new terms)."""
    ids = table.ids
    intern = table.encode
    for s, p, o in graph:
        si = ids.get(s)
        pi = ids.get(p)
        oi = ids.get(o)
        yield (
            intern(s) if si is None else si,
            intern(p) if pi is None else pi,
            intern(o) if oi is None else oi,
        )


def problems(r: Reasoner) -> list[str]:
    """Every inconsistency of the reasoner's current closure, rule first."""
    terms = r.table.terms

    def name(term: int) -> str:
        return terms[term].n3()

    def value(term: int) -> object:
        return getattr(terms[term], "value", None)

    found = set(r.datatypes.errors) | set(inconsistencies(r.store, name, value))
    found.update(literal_clashes(r.eq.members.values(), terms.__getitem__))
    return sorted(found)


def reason(graph: Graph, complete: bool, in_place: bool) -> Closure:
    """Close ``graph``: the closure graph and the inconsistencies found.

    ``complete`` keeps the tautologies in the closure (see
    :func:`~kuopio_kg.reason.engine.output.inferred_terms`); ``in_place`` adds the
    inferred triples to ``graph`` itself instead of to a copy.
    """
    r = Reasoner()
    r.add(encode(r.table, graph))
    return Closure(closure_graph(r, graph, complete, in_place), problems(r))
