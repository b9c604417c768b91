"""The Graph Store HTTP Protocol at /graph-store: the W3C tests against the real server, and
its refusals, multipart bodies and percent-decoding through Flask's client."""

from __future__ import annotations

import pytest

from conformance.gsp_runner import GspClient, run_gsp

from .conftest import TOKEN


@pytest.mark.slow
def test_w3c_graph_store_protocol_passes_9_of_9_indirect(update_server: str) -> None:
    results = run_gsp(GspClient(update_server + "/graph-store", TOKEN))
    failures = {name: reason for name, reason in results.items() if reason is not None}
    assert (len(results), failures) == (9, {})
