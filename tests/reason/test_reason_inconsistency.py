"""Inconsistent inputs stop the build with a message naming the rule and the resources."""

from __future__ import annotations

import pytest
from rdflib import Graph

from kuopio_kg.errors import InconsistentError
from kuopio_kg.reason import infer, owl2rl_closure
from kuopio_kg.settings import Reasoner

PREFIXES = """
@prefix ex: <http://example.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""

#: (input, rule named in the message, resource named in the message)
CASES = [
    ("ex:A owl:disjointWith ex:B . ex:x a ex:A , ex:C . ex:C rdfs:subClassOf ex:B .",
     "cax-dw", "ex:x"),
    ("ex:p rdfs:domain owl:Nothing . ex:x ex:p ex:y .", "cls-nothing2", "ex:x"),
    ("ex:p a owl:IrreflexiveProperty . ex:x ex:p ex:x .", "prp-irp", "ex:x"),
    ("ex:p a owl:AsymmetricProperty . ex:x ex:p ex:y . ex:y ex:p ex:x .", "prp-asyp", "ex:y"),
    ("ex:x owl:differentFrom ex:y . ex:x owl:sameAs ex:z . ex:z owl:sameAs ex:y .",
     "eq-diff1", "ex:z"),
]  # fmt: skip


def _graph(turtle: str) -> Graph:
    graph = Graph()
    graph.parse(data=PREFIXES + turtle, format="turtle")
    return graph


@pytest.mark.parametrize(("turtle", "rule", "resource"), CASES)
def test_inconsistency_names_rule_and_resource(turtle: str, rule: str, resource: str) -> None:
    with pytest.raises(InconsistentError) as caught:
        infer(_graph(turtle), Reasoner.KUOPIO)
    message = caught.value.message
    assert rule in message
    assert resource.replace("ex:", "<http://example.org/") + ">" in message
    assert owl2rl_closure(_graph(turtle))[1]


def test_consistent_input_is_not_flagged() -> None:
    turtle = "ex:A owl:disjointWith ex:B . ex:x a ex:A . ex:y a ex:B ."
    assert not owl2rl_closure(_graph(turtle))[1]
    assert len(infer(_graph(turtle), Reasoner.KUOPIO)) == 0
