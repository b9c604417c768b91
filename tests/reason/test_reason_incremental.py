"""Incremental maintenance gives exactly what a full recomputation gives.

Random edits (additions and removals of instance triples, and now and then of schema
triples) are applied to one :class:`Reasoner`; after each edit its closure and its
inconsistencies must equal those of a fresh reasoner given the same asserted triples.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from kuopio_kg.reason.engine.incremental import Materializer

EX = Namespace("http://example.org/")
CLASSES = [EX[f"C{i}"] for i in range(5)]
PROPS = [EX[f"p{i}"] for i in range(4)]
PEOPLE = [EX[f"a{i}"] for i in range(6)]

TBOX = """
@prefix ex: <http://example.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:C0 rdfs:subClassOf ex:C1 . ex:C1 rdfs:subClassOf ex:C2 .
ex:p0 rdfs:domain ex:C0 ; rdfs:subPropertyOf ex:p1 .
ex:p1 a owl:TransitiveProperty ; rdfs:range ex:C3 .
ex:p2 owl:inverseOf ex:p3 .
ex:p3 owl:propertyChainAxiom ( ex:p0 ex:p2 ) .
ex:C4 owl:equivalentClass [ a owl:Restriction ; owl:onProperty ex:p1 ; owl:someValuesFrom ex:C2 ] .
ex:C3 owl:disjointWith ex:C4 .
"""

Triple = tuple[Node, Node, Node]

#: Instance triples whose removal delete-and-rederive handles (no owl:sameAs, no literal).
plain_triples = st.one_of(
    st.tuples(st.sampled_from(PEOPLE), st.just(RDF.type), st.sampled_from(CLASSES)),
    st.tuples(st.sampled_from(PEOPLE), st.sampled_from(PROPS), st.sampled_from(PEOPLE)),
)
instance_triples = st.one_of(
    plain_triples,
    st.tuples(st.sampled_from(PEOPLE), st.just(RDFS.label), st.just(Literal("x"))),
    st.tuples(st.sampled_from(PEOPLE), st.just(OWL.sameAs), st.sampled_from(PEOPLE)),
)
schema_triples = st.one_of(
    st.tuples(st.sampled_from(CLASSES), st.just(RDFS.subClassOf), st.sampled_from(CLASSES)),
    st.tuples(st.sampled_from(PROPS), st.just(RDF.type), st.just(OWL.SymmetricProperty)),
    st.tuples(st.sampled_from(PROPS), st.just(RDF.type), st.just(OWL.FunctionalProperty)),
)
triples = st.one_of(instance_triples, instance_triples, instance_triples, schema_triples)
edits = st.lists(
    st.tuples(st.booleans(), st.lists(triples, min_size=1, max_size=6)), min_size=1, max_size=6
)


def _tbox() -> Graph:
    graph = Graph()
    graph.parse(data=TBOX, format="turtle")
    return graph


def _state(m: Materializer) -> tuple[set[Triple], list[str]]:
    return m.inferred(complete=True), m.inconsistencies()


def _fresh(asserted: set[Triple]) -> tuple[set[Triple], list[str]]:
    graph = Graph()
    for triple in asserted:
        graph.add(triple)
    return _state(Materializer(graph))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=st.lists(instance_triples, max_size=12), steps=edits)
def test_incremental_equals_full(
    start: list[Triple], steps: list[tuple[bool, list[Triple]]]
) -> None:
    asserted: set[Triple] = set(_tbox()) | set(start)
    m = Materializer()
    m.add(asserted)
    for adding, batch in steps:
        if adding:
            m.add(batch)
            asserted.update(batch)
        else:
            m.remove(batch)
            asserted.difference_update(batch)
        assert _state(m) == _fresh(asserted)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    start=st.lists(plain_triples, max_size=16),
    steps=st.lists(
        st.tuples(st.booleans(), st.lists(plain_triples, min_size=1, max_size=5)), max_size=6
    ),
)
def test_delete_and_rederive_equals_full(
    start: list[Triple], steps: list[tuple[bool, list[Triple]]]
) -> None:
    tbox = set(_tbox())
    asserted: set[Triple] = tbox | set(start)
    m = Materializer()
    m.add(asserted)
    for adding, batch in steps:
        if not adding:
            batch = [*batch, *sorted(asserted - tbox)[:2]]
        (m.add if adding else m.remove)(batch)
        if adding:
            asserted.update(batch)
        else:
            asserted.difference_update(batch)
        assert _state(m) == _fresh(asserted)


def test_removal_takes_back_what_depended_on_it() -> None:
    m = Materializer(_tbox())
    m.add([(EX.a0, EX.p0, EX.a1), (EX.a2, RDF.type, EX.C0)])
    assert (EX.a0, RDF.type, EX.C2) in m.inferred()
    m.remove([(EX.a0, EX.p0, EX.a1)])
    assert (EX.a0, RDF.type, EX.C2) not in m.inferred()
    assert (EX.a2, RDF.type, EX.C2) in m.inferred()


def test_removing_what_is_also_derived_keeps_it() -> None:
    m = Materializer(_tbox())
    m.add([(EX.a0, EX.p0, EX.a1), (EX.a0, RDF.type, EX.C0)])
    m.remove([(EX.a0, RDF.type, EX.C0)])
    assert (EX.a0, RDF.type, EX.C0) in m.inferred()
