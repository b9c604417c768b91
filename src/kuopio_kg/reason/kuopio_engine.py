"""The production engine ("kuopio"): exact OWL 2 RL closure, semi-naive and incremental.

:func:`owl2rl_closure` is the public entry point (and the conformance runner's plug-in);
:func:`kuopio_closure` adapts it to the :data:`~kuopio_kg.reason.base.ENGINES` interface.
"""

from __future__ import annotations

from rdflib import Graph

from kuopio_kg.reason.closure import Closure
from kuopio_kg.reason.engine.api import reason


def owl2rl_closure(graph: Graph) -> tuple[Graph, bool]:
    """Close ``graph`` in place; return it and whether it is inconsistent.

    Like owlrl's ``DeductiveClosure.expand``, the inferred triples are added to ``graph``
    itself (pass a copy to keep the input): everything OWL 2 RL entails that an RDF graph
    can hold, the tautologies (``x owl:sameAs x``, ``xsd:string a rdfs:Datatype`` ...)
    included, as the W3C test cases check them.
    """
    result = reason(graph, complete=True, in_place=True)
    return result.graph, bool(result.inconsistencies)


def kuopio_closure(graph: Graph) -> Closure:
    """The input plus the non-trivial inferred triples, and the inconsistency messages.

    This is what the build stores (after :func:`~kuopio_kg.reason.base.infer` keeps the new
    triples): the tautologies are left out here already, which saves building them.
    """
    return reason(graph, complete=False, in_place=False)
