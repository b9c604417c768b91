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

# Plain URIRefs, looked up once: attribute access on rdflib namespaces is slow, and this
# predicate runs once per inferred triple.
_TYPE = URIRef(str(RDF.type))
_SUB_CLASS_OF = URIRef(str(RDFS.subClassOf))
_NOTHING = URIRef(str(OWL.Nothing))
_UNIVERSAL = frozenset({URIRef(str(OWL.Thing)), URIRef(str(RDFS.Resource))})


def is_trivial(triple: Triple) -> bool:
    """Whether ``triple`` belongs to the closure's noise rather than to its knowledge."""
    s, p, o = triple
    if isinstance(s, Literal):
        return True
    if s == o and p in _REFLEXIVE:
        return True
    if isinstance(s, URIRef) and str(s).startswith(_BUILT_IN):
        return True
    if p == _TYPE and o in _UNIVERSAL:
        return True
    if p == _SUB_CLASS_OF and (o in _UNIVERSAL or s == _NOTHING):
        return True
    return str(p).startswith(_ERR) or _error_node(o)


def _error_node(o: object) -> bool:
    return isinstance(o, URIRef) and str(o).startswith(_ERR)
