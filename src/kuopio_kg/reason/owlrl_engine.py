"""The reference engine: owlrl's OWL 2 RL closure (complete, slow; the oracle in tests)."""

from __future__ import annotations

import owlrl
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from kuopio_kg.reason.closure import Closure

_ERROR_MESSAGE = URIRef("http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage")
_ERROR_TEXT = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")


def owlrl_closure(graph: Graph) -> Closure:
    """Close a copy of ``graph`` with owlrl and collect its inconsistency reports."""
    closed = Graph()
    for triple in graph:
        closed.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closed)
    problems = [
        str(text)
        for node in closed.subjects(RDF.type, _ERROR_MESSAGE)
        for text in closed.objects(node, _ERROR_TEXT)
    ]
    problems += [
        f"{member} is a member of owl:Nothing" for member in closed.subjects(RDF.type, OWL.Nothing)
    ]
    return Closure(closed, sorted(problems))
