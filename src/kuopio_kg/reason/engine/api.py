"""Running the engine on an rdflib graph: encode, saturate, check, decode."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from rdflib import Graph

from kuopio_kg.reason.closure import Closure
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
    """Every inconsistency of the reasoner's current closure, rule first.

    A resource merged with others by owl:sameAs is named by all of them, ``a = b``.
    """
    terms = r.table.terms

    def name(term: int) -> str:
        return " = ".join(sorted(terms[member].n3() for member in r.eq.group(term)))

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
    with paused_gc():
        r = Reasoner()
        r.add(encode(r.table, graph))
        return Closure(closure_graph(r, graph, complete, in_place), problems(r))


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the duration.

    The engine allocates millions of small tuples and sets and frees none of them until
    the end; the collector would rescan that growing heap over and over (it doubled the
    run time at 200k triples) without ever finding garbage. The previous state is restored.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
