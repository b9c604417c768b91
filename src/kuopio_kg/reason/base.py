"""The reasoner interface: an engine closes a graph, the build keeps only what is new.

An engine is a function from an rdflib graph to its OWL 2 RL closure (input plus inferred
triples) and a flag saying whether the input is inconsistent, with the messages that say
why. :func:`infer` turns that closure into the inferred graph the build stores: new
triples only, with the unstorable and the trivial filtered out by
:mod:`kuopio_kg.reason.trivial`.
"""

from __future__ import annotations

from collections.abc import Callable

from rdflib import Graph

from kuopio_kg.errors import InconsistentError
from kuopio_kg.reason.closure import Closure
from kuopio_kg.reason.trivial import is_trivial
from kuopio_kg.settings import Reasoner

Engine = Callable[[Graph], Closure]


def _owlrl(graph: Graph) -> Closure:
    from kuopio_kg.reason.owlrl_engine import owlrl_closure

    return owlrl_closure(graph)


def _kuopio(graph: Graph) -> Closure:
    from kuopio_kg.reason.kuopio_engine import kuopio_closure

    return kuopio_closure(graph)


#: Engines by the ``reasoner`` setting (whose values are checked when settings are read).
ENGINES: dict[Reasoner, Engine] = {
    Reasoner.OWLRL: _owlrl,
    Reasoner.KUOPIO: _kuopio,
}


def infer(asserted: Graph, reasoner: Reasoner) -> Graph:
    """The triples the OWL 2 RL closure of ``asserted`` adds, minus the trivial ones.

    Raises :class:`InconsistentError` naming what clashed when the input is inconsistent.
    """
    closure = ENGINES[reasoner](asserted)
    if closure.inconsistencies:
        shown = "; ".join(closure.inconsistencies[:5])
        more = len(closure.inconsistencies) - 5
        tail = f" (and {more} more)" if more > 0 else ""
        raise InconsistentError(
            f"The data is logically inconsistent: {shown}{tail}. Fix the statements named here."
        )
    inferred = Graph()
    for triple in closure.graph:
        if triple not in asserted and not is_trivial(triple):
            inferred.add(triple)
    return inferred
