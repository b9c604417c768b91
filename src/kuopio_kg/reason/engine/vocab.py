"""The vocabulary terms the rules mention, with fixed integer ids.

The term table interns these first, in this order, so every engine run gives them the same
small ids and the rules can compare against :class:`V` members instead of looking terms up.
Being the smallest ids also makes them the representative of any ``owl:sameAs`` class they
fall into, so a rule keyed on, say, ``owl:TransitiveProperty`` still fires after a merge.
"""

from __future__ import annotations

from enum import IntEnum

from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS


class V(IntEnum):
    """Ids of the vocabulary terms; the order matches :data:`VOCAB_TERMS`."""

    TYPE = 0
    FIRST = 1
    REST = 2
    NIL = 3
    PROPERTY = 4
    SUB_CLASS_OF = 5
    SUB_PROPERTY_OF = 6
    DOMAIN = 7
    RANGE = 8
    DATATYPE = 9
    SAME_AS = 10
    DIFFERENT_FROM = 11
    ALL_DIFFERENT = 12
    MEMBERS = 13
    DISTINCT_MEMBERS = 14
    THING = 15
    NOTHING = 16
    CLASS = 17
    OBJECT_PROPERTY = 18
    DATATYPE_PROPERTY = 19
    ANNOTATION_PROPERTY = 20
    FUNCTIONAL = 21
    INVERSE_FUNCTIONAL = 22
    IRREFLEXIVE = 23
    SYMMETRIC = 24
    ASYMMETRIC = 25
    TRANSITIVE = 26
    ALL_DISJOINT_PROPERTIES = 27
    ALL_DISJOINT_CLASSES = 28
    CHAIN = 29
    EQUIVALENT_PROPERTY = 30
    EQUIVALENT_CLASS = 31
    PROPERTY_DISJOINT_WITH = 32
    INVERSE_OF = 33
    HAS_KEY = 34
    SOURCE_INDIVIDUAL = 35
    ASSERTION_PROPERTY = 36
    TARGET_INDIVIDUAL = 37
    TARGET_VALUE = 38
    INTERSECTION_OF = 39
    UNION_OF = 40
    COMPLEMENT_OF = 41
    SOME_VALUES_FROM = 42
    ALL_VALUES_FROM = 43
    HAS_VALUE = 44
    ON_PROPERTY = 45
    MAX_CARDINALITY = 46
    MAX_QUALIFIED_CARDINALITY = 47
    ON_CLASS = 48
    ONE_OF = 49
    DISJOINT_WITH = 50


#: The rdflib term of every :class:`V` member, by id.
VOCAB_TERMS: tuple[URIRef, ...] = (
    RDF.type, RDF.first, RDF.rest, RDF.nil, RDF.Property,
    RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, RDFS.Datatype,
    OWL.sameAs, OWL.differentFrom, OWL.AllDifferent, OWL.members, OWL.distinctMembers,
    OWL.Thing, OWL.Nothing, OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty,
    OWL.AnnotationProperty, OWL.FunctionalProperty, OWL.InverseFunctionalProperty,
    OWL.IrreflexiveProperty, OWL.SymmetricProperty, OWL.AsymmetricProperty,
    OWL.TransitiveProperty, OWL.AllDisjointProperties, OWL.AllDisjointClasses,
    OWL.propertyChainAxiom, OWL.equivalentProperty, OWL.equivalentClass,
    OWL.propertyDisjointWith, OWL.inverseOf, OWL.hasKey, OWL.sourceIndividual,
    OWL.assertionProperty, OWL.targetIndividual, OWL.targetValue, OWL.intersectionOf,
    OWL.unionOf, OWL.complementOf, OWL.someValuesFrom, OWL.allValuesFrom, OWL.hasValue,
    OWL.onProperty, OWL.maxCardinality, OWL.maxQualifiedCardinality, OWL.onClass,
    OWL.oneOf, OWL.disjointWith,
)  # fmt: skip

#: Annotation properties that rule prp-ap types as owl:AnnotationProperty.
ANNOTATION_PROPERTIES: tuple[URIRef, ...] = (
    RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy, OWL.deprecated,
    OWL.versionInfo, OWL.priorVersion, OWL.backwardCompatibleWith, OWL.incompatibleWith,
)  # fmt: skip

#: Predicates whose triples the rule compiler reads: a new one means recompiling.
SCHEMA_PREDICATES = frozenset(
    {
        V.FIRST, V.REST, V.SUB_CLASS_OF, V.SUB_PROPERTY_OF, V.DOMAIN, V.RANGE,
        V.EQUIVALENT_CLASS, V.EQUIVALENT_PROPERTY, V.INVERSE_OF, V.CHAIN, V.HAS_KEY,
        V.INTERSECTION_OF, V.UNION_OF, V.ONE_OF, V.SOME_VALUES_FROM, V.ALL_VALUES_FROM,
        V.HAS_VALUE, V.ON_PROPERTY, V.MAX_CARDINALITY, V.MAX_QUALIFIED_CARDINALITY,
        V.ON_CLASS,
    }
)  # fmt: skip

#: Classes whose rdf:type triples the rule compiler reads.
SCHEMA_CLASSES = frozenset(
    {
        V.CLASS, V.OBJECT_PROPERTY, V.DATATYPE_PROPERTY, V.PROPERTY, V.FUNCTIONAL,
        V.INVERSE_FUNCTIONAL, V.SYMMETRIC, V.TRANSITIVE,
    }
)  # fmt: skip
