"""Where owlrl departs from the OWL 2 RL specification, the kuopio engine follows the
specification. One test per deviation, named after it; each shows both behaviours, so
the test starts failing (and the deviation can be dropped) if owlrl is ever fixed.
"""

from __future__ import annotations

import owlrl
from rdflib import Graph, Namespace
from rdflib.namespace import OWL

from kuopio_kg.reason import owl2rl_closure
from kuopio_kg.reason.kuopio_engine import kuopio_closure

EX = Namespace("http://example.org/")
PREFIXES = """
@prefix ex: <http://example.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def _graph(turtle: str) -> Graph:
    graph = Graph()
    graph.parse(data=PREFIXES + turtle, format="turtle")
    return graph


def _owlrl(turtle: str) -> Graph:
    graph = _graph(turtle)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return graph


def _owlrl_inconsistent(turtle: str) -> bool:
    closed = _owlrl(turtle)
    err = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")
    return any(True for _ in closed.subjects(None, err.ErrorMessage))


def test_prp_key_compares_every_key_property_owlrl_skips_the_last() -> None:
    turtle = """
    ex:C owl:hasKey ( ex:k1 ex:k2 ) .
    ex:x a ex:C ; ex:k1 ex:v ; ex:k2 ex:one .
    ex:y a ex:C ; ex:k1 ex:v ; ex:k2 ex:two .
    ex:z a ex:C ; ex:k1 ex:v ; ex:k2 ex:one .
    """
    ours, _ = owl2rl_closure(_graph(turtle))
    assert (EX.x, OWL.sameAs, EX.z) in ours
    assert (EX.x, OWL.sameAs, EX.y) not in ours
    assert (EX.x, OWL.sameAs, EX.y) in _owlrl(turtle)


def test_eq_diff2_checks_the_last_member_owlrl_skips_it() -> None:
    turtle = """
    [] a owl:AllDifferent ; owl:members ( ex:a ex:b ex:c ) .
    ex:b owl:sameAs ex:c .
    """
    result = kuopio_closure(_graph(turtle))
    assert any(message.startswith("eq-diff2") for message in result.inconsistencies)
    assert not _owlrl_inconsistent(turtle)


def test_prp_adp_checks_the_last_member_owlrl_skips_it() -> None:
    turtle = """
    [] a owl:AllDisjointProperties ; owl:members ( ex:p ex:q ex:r ) .
    ex:a ex:q ex:b ; ex:r ex:b .
    """
    result = kuopio_closure(_graph(turtle))
    clash = [m for m in result.inconsistencies if m.startswith("prp-pdw")]
    assert any("<http://example.org/q>" in m and "<http://example.org/r>" in m for m in clash)
    assert not _owlrl_inconsistent(turtle)


def test_dt_diff_two_literals_made_equal_owlrl_accepts_it() -> None:
    turtle = """
    ex:name a owl:FunctionalProperty .
    ex:peter ex:name "Peter", "Kichwa-Tembo" .
    """
    assert owl2rl_closure(_graph(turtle))[1]
    assert not _owlrl_inconsistent(turtle)


def test_dt_diff_makes_individuals_equal_to_different_values_different() -> None:
    turtle = "ex:w owl:sameAs 42 . ex:v owl:sameAs -15 ."
    ours, inconsistent = owl2rl_closure(_graph(turtle))
    assert (EX.w, OWL.differentFrom, EX.v) in ours
    assert not inconsistent
    assert (EX.w, OWL.differentFrom, EX.v) not in _owlrl(turtle)


def test_dt_not_type_for_literals_rdflib_normalised_owlrl_misses_them() -> None:
    turtle = 'ex:x owl:sameAs "nonsense"^^xsd:boolean .'
    result = kuopio_closure(_graph(turtle))
    assert any(message.startswith("dt-not-type") for message in result.inconsistencies)
    assert not _owlrl_inconsistent(turtle)
