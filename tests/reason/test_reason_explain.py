"""Explanations: every inferred triple of the project's data unfolds into rule firings
whose premises hold, down to asserted triples."""

from __future__ import annotations

import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import OWL, RDF

from kuopio_kg.graphs import ASSERTED
from kuopio_kg.load import load
from kuopio_kg.reason import infer, owl2rl_closure
from kuopio_kg.reason.engine.explain import (
    Explainer,
    Explanation,
    TermTriple,
    explain,
    format_explanation,
)
from kuopio_kg.settings import Reasoner, Settings

EX = Namespace("http://example.org/")


@pytest.fixture(scope="module")
def project_graph() -> Graph:
    return load(Settings.from_env(environ={})).union(*ASSERTED)


def _leaves_are_asserted(node: Explanation, graph: Graph, closure: set[TermTriple]) -> None:
    assert node.triple in closure or node.triple in graph
    if node.rule == "asserted":
        assert node.triple in graph
        assert not node.premises
    for premise in node.premises:
        _leaves_are_asserted(premise, graph, closure)


def test_every_inferred_triple_of_the_project_is_explained(project_graph: Graph) -> None:
    inferred = infer(project_graph, Reasoner.KUOPIO)
    complete = Graph()
    for triple in project_graph:
        complete.add(triple)
    closure = set(owl2rl_closure(complete)[0])
    explainer = Explainer(project_graph)
    for triple in inferred:
        tree = explainer.explain(triple)
        assert tree is not None, triple
        assert tree.rule != "asserted"
        assert tree.premises or tree.rule in ("dt-type1", "dt-type2", "cls-oo"), tree
        _leaves_are_asserted(tree, project_graph, closure)


def test_format_shows_rule_and_premises_indented() -> None:
    graph = Graph()
    graph.parse(
        data="""
        @prefix ex: <http://example.org/> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        ex:in a owl:TransitiveProperty .
        ex:a ex:in ex:b . ex:b ex:in ex:c .
        """,
        format="turtle",
    )
    tree = explain(graph, (EX.a, EX["in"], EX.c))
    assert tree is not None
    assert tree.rule == "prp-trp"
    text = format_explanation(tree).splitlines()
    assert text[0].endswith("[prp-trp]")
    assert "<http://example.org/a> <http://example.org/in> <http://example.org/b> ." in text[1]
    assert text[1].startswith("  ")
    assert text[1].endswith("[asserted]")
    assert explain(graph, (EX.c, EX["in"], EX.a)) is None


def test_equality_is_explained_through_the_merge() -> None:
    graph = Graph()
    graph.parse(
        data="""
        @prefix ex: <http://example.org/> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        ex:id a owl:FunctionalProperty .
        ex:x ex:id ex:one, ex:uno .
        ex:one a ex:Number .
        """,
        format="turtle",
    )
    tree = explain(graph, (EX.uno, RDF.type, EX.Number))
    assert tree is not None
    assert tree.rule == "eq-rep"
    same = explain(graph, (EX.one, OWL.sameAs, EX.uno))
    assert same is not None
    assert same.rule in ("prp-fp", "eq-sym")
