"""The kuopio engine's closure equals owlrl's, tautologies aside.

Checked on the project's own inputs (as the build loads them) and on the 1k generated
benchmark graph; the larger generated graphs are compared by bench/bench_reason_exactness.py.
Both sides are reduced to what :func:`~kuopio_kg.reason.trivial.is_trivial` does not call
noise, and compared as sets (blank nodes are shared: both engines close the same parse).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import owlrl
import pytest
from rdflib import Graph
from rdflib.term import Node

from conftest import REPO
from kuopio_kg.graphs import ASSERTED
from kuopio_kg.load import load
from kuopio_kg.reason import owl2rl_closure
from kuopio_kg.reason.kuopio_engine import kuopio_closure
from kuopio_kg.reason.trivial import is_trivial
from kuopio_kg.settings import Settings

#: The benchmark graph generator (a copy of the team's, see bench/README.md).
GENERATOR = REPO / "bench" / "gen_graph.py"
Triple = tuple[Node, Node, Node]


def _copy(graph: Graph) -> Graph:
    out = Graph()
    for triple in graph:
        out.add(triple)
    return out


def _knowledge(graph: Graph) -> set[Triple]:
    return {t for t in graph if not is_trivial(t)}


def _owlrl(graph: Graph) -> Graph:
    closed = _copy(graph)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closed)
    return closed


def _assert_same_closure(graph: Graph) -> None:
    reference = _knowledge(_owlrl(graph))
    ours, _ = owl2rl_closure(_copy(graph))
    assert _knowledge(ours) == reference
    assert _knowledge(kuopio_closure(graph).graph) == reference


@pytest.fixture(scope="module")
def project_graph() -> Graph:
    """The triples the build reasons over."""
    assert (REPO / "ontology" / "kuopio.ttl").exists(), "the ontology is missing"
    loaded = load(Settings.from_env(environ={}))
    graph = loaded.union(*ASSERTED)
    assert len(graph) > 0
    return graph


def test_project_closure_equals_owlrl(project_graph: Graph) -> None:
    _assert_same_closure(project_graph)


def test_project_data_is_consistent(project_graph: Graph) -> None:
    assert kuopio_closure(project_graph).inconsistencies == []


def test_generated_1k_closure_equals_owlrl(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(GENERATOR), "--scales", "1000",
         "--out", str(tmp_path)],
        check=True, capture_output=True,
    )  # fmt: skip
    graph = Graph()
    graph.parse(tmp_path / "kg_1000.nt", format="nt")
    _assert_same_closure(graph)
