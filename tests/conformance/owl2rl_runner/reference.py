"""owlrl, the reference OWL 2 RL reasoner, in the runner's calling convention."""

from __future__ import annotations

import owlrl
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

#: The class of the error-message nodes owlrl adds to a closure it finds inconsistent.
_ERROR_MESSAGE = URIRef("http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage")


def owlrl_reasoner(graph: Graph) -> tuple[Graph, bool]:
    """Close ``graph`` in place with owlrl's OWL 2 RL semantics (no axiomatic or datatype
    triples); inconsistent when owlrl left an error message or put something in
    ``owl:Nothing``."""
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False
    ).expand(graph)
    inconsistent = (None, RDF.type, _ERROR_MESSAGE) in graph or (
        None,
        RDF.type,
        OWL.Nothing,
    ) in graph
    return graph, inconsistent
