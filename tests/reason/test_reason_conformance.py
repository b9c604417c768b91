"""The OWL 2 RL test cases (``tests/conformance/owl2rl``), run in-process through the
project's runner: the engine the build ships against owlrl, the reference, in one run.

The engine must pass every case owlrl passes (but the named gaps below), at least as many
cases as owlrl, and no fewer than when the floor was last raised (331 of 364 pass, 25 fail,
8 cannot run here: no premise file, or profile-only; owlrl passes 298, fails 58).
"""

from __future__ import annotations

import pytest
from rdflib import Graph

from conformance.owl2rl_runner import Kind, Report, Suite, Verdict, owlrl_reasoner, run
from kuopio_kg.reason import owl2rl_closure

#: The engine's score when this floor was last raised; raise it again when it improves.
KUOPIO_FLOOR = 331
#: Cases owlrl passes and the engine does not: two literals of one datatype with the same
#: value (``xsd:dateTimeStamp`` with and without fractional seconds, ``rdf:PlainLiteral``
#: with the language tag in other case), each ``owl:sameAs`` an individual, make the two
#: individuals the same; owlrl compares the values, the engine does not (yet).
KNOWN_GAPS = frozenset(
    {
        "rdfbased/rdfbased-dat-dtype-datetimestamp-eq",
        "rdfbased/rdfbased-dat-dtype-plainliteral-eq",
    }
)


@pytest.fixture(scope="module")
def suite() -> Suite:
    return Suite.load()


def _unchanged(graph: Graph) -> tuple[Graph, bool]:
    """A reasoner that infers nothing and finds everything consistent."""
    return graph, False


def test_kuopio_passes_everything_owlrl_passes_and_no_less_than_before(suite: Suite) -> None:
    ours, reference = run(owl2rl_closure, suite), run(owlrl_reasoner, suite)
    scores = f"kuopio: {ours.summary()}\nowlrl: {reference.summary()}"
    lost = reference.passed - ours.passed
    unexpected = lost - KNOWN_GAPS
    assert not unexpected, f"owlrl passes, kuopio fails:\n{_failures(ours, unexpected)}\n{scores}"
    assert lost >= KNOWN_GAPS, f"now passed, drop from KNOWN_GAPS: {sorted(KNOWN_GAPS - lost)}"
    assert len(ours.passed) >= len(reference.passed), scores
    assert len(ours.passed) >= KUOPIO_FLOOR, f"{scores}\nkuopio fails:\n{ours.failures()}"


def test_the_runner_fails_a_reasoner_that_infers_nothing(suite: Suite) -> None:
    report = run(_unchanged, suite)
    runnable = [c for c in suite.cases if c.label not in report.labels(Verdict.SKIPPED)]
    by_kind = {kind: {c.label for c in runnable if c.kind is kind} for kind in Kind}
    assert by_kind[Kind.INCONSISTENCY] <= report.labels(Verdict.FAILED)
    assert by_kind[Kind.CONSISTENCY] | by_kind[Kind.NEGATIVE_ENTAILMENT] <= report.passed
    entailed = by_kind[Kind.POSITIVE_ENTAILMENT] & report.passed
    assert len(entailed) < len(by_kind[Kind.POSITIVE_ENTAILMENT]) / 10, report.summary()


def _failures(report: Report, labels: frozenset[str]) -> str:
    return "\n".join(line for line in report.failures().splitlines() if line.split()[0] in labels)
