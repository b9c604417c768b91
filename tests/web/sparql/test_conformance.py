"""The W3C SPARQL 1.1 suites against the real server, driven by tests/conformance.

The server runs with updates enabled on a scratch release and standard dataset semantics
(no union default graph), as the suites assume. The protocol and service-description
tests must all pass. For query evaluation, pyoxigraph in-process is the yardstick: the
same 238 tests run against it in the same test, and over HTTP the server must pass every
test the reference passes (its own JSON, XML, CSV, TSV and RDF writers included) and at
least the 218 that pyoxigraph 0.5 passes.
"""

from __future__ import annotations

import pytest

from conformance.engines import OverHttp, Reference
from conformance.evaluate import evaluate
from conformance.protocol import Client, run_protocol, run_service_description
from conformance.update_runner import ReferenceUpdates, UpdatesOverHttp, evaluate_updates

from .conftest import TOKEN

#: Evaluation tests in the suite, and how many pyoxigraph 0.5.13 passes of them.
EVALUATION_TESTS = 238
REFERENCE_SCORE = 218


def _failures(results: dict[str, str | None]) -> dict[str, str]:
    return {name: reason for name, reason in results.items() if reason is not None}


@pytest.mark.slow
def test_protocol_passes_34_of_34_and_service_description_3_of_3(update_server: str) -> None:
    client = Client(update_server + "/sparql", TOKEN)
    protocol = run_protocol(client)
    assert (len(protocol), _failures(protocol)) == (34, {})
    description = run_service_description(client)
    assert (len(description), _failures(description)) == (3, {})


@pytest.mark.slow
def test_query_evaluation_over_http_passes_all_the_reference_passes(update_server: str) -> None:
    reference = evaluate(Reference())
    served = evaluate(OverHttp(update_server + "/sparql", TOKEN))
    for scores in (reference, served):
        assert len(scores.passed) + len(scores.failed) == EVALUATION_TESTS, scores.summary()
    assert len(reference.passed) >= REFERENCE_SCORE, reference.summary()
    lost = {label: served.failed[label] for label in sorted(reference.passed - served.passed)}
    assert lost == {}, served.summary()
    assert len(served.passed) >= REFERENCE_SCORE, served.summary()


#: The update suite's tests: 94 evaluation, 42 positive and 21 negative syntax tests, all
#: of which pyoxigraph 0.5.13 passes in-process.
UPDATE_TESTS = 157


@pytest.mark.slow
def test_update_suite_over_http_and_the_reference_score_157_of_157(update_server: str) -> None:
    reference = evaluate_updates(ReferenceUpdates())
    served = evaluate_updates(UpdatesOverHttp(update_server, TOKEN))
    for scores in (reference, served):
        assert len(scores.passed) + len(scores.failed) == UPDATE_TESTS, scores.summary()
    assert len(reference.passed) == UPDATE_TESTS, reference.summary()
    assert served.failed == {}, served.summary()
