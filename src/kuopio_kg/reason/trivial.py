"""What an OWL 2 RL closure may contain that is not worth storing.

Kept out of the inferred graph (and out of every comparison of two engines' closures):
triples with a literal subject (no store accepts them), reflexive ``owl:sameAs`` and other
reflexive schema axioms, statements about the RDF, RDFS, OWL and XSD vocabularies
themselves, membership of ``owl:Thing`` (every individual has it) and owlrl's error-report
nodes (turned into an :class:`~kuopio_kg.errors.InconsistentError` instead).
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

_ERR = "http://www.daml.org/2002/03/agents/agent-ont#"

#: Predicates whose reflexive statements (x p x) say nothing.
_REFLEXIVE = frozenset(
    {
        OWL.sameAs,
        RDFS.subClassOf,
        RDFS.subPropertyOf,
        OWL.equivalentClass,
        OWL.equivalentProperty,
    }
)

#: Namespaces whose terms we never describe: the vocabularies themselves.
_BUILT_IN = (str(RDF), str(RDFS), str(OWL), str(XSD))

Triple = tuple[object, object, object]


def is_trivial(triple: Triple) -> bool:
    """Whether ``triple`` belongs to the closure's noise rather than to its knowledge."""
    s, p, o = triple
    if isinstance(s, Literal):
        return True
    if s == o and p in _REFLEXIVE:
        return True
    if isinstance(s, URIRef) and str(s).startswith(_BUILT_IN):
        return True
    if p == RDF.type and o in (OWL.Thing, RDFS.Resource):
        return True
    if p == RDFS.subClassOf and (o in (OWL.Thing, RDFS.Resource) or s == OWL.Nothing):
        return True
    return str(p).startswith(_ERR) or (isinstance(o, URIRef) and str(o).startswith(_ERR))
