"""Honest limits on the real server: a runaway query is killed at its deadline, and
other clients keep being answered meanwhile."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from .conftest import StartServer, make_scratch_release

#: Counting a 300^4 cross product takes minutes in any engine, whatever the data.
_VALUES = " ".join(str(i) for i in range(300))
RUNAWAY = (
    "SELECT (COUNT(*) AS ?n) WHERE { "
    + " ".join(f"VALUES ?{v} {{ {_VALUES} }}" for v in "abcd")
    + " }"
)
TIMEOUT = 4


@pytest.fixture(scope="module")
def limited_server(tmp_path_factory: pytest.TempPathFactory, start_server: StartServer) -> str:
    data_dir: Path = make_scratch_release(tmp_path_factory.mktemp("limits") / "var")
    return start_server(data_dir, query_timeout=TIMEOUT, workers=1, query_workers=2)


@pytest.mark.slow
def test_runaway_query_is_stopped_while_others_are_answered(limited_server: str) -> None:
    """Behaviour, not timing (the benchmark measures speed): other queries are answered
    while the runaway still runs, the runaway ends with the timeout error, and its worker
    is replaced."""
    url = limited_server + "/sparql"
    with ThreadPoolExecutor(max_workers=1) as pool:
        runaway = pool.submit(requests.get, url, params={"query": RUNAWAY}, timeout=120)
        answered_meanwhile = 0
        while not runaway.done() and answered_meanwhile < 3:
            response = requests.get(url, params={"query": "ASK {}"}, timeout=60)
            assert response.status_code == 200
            assert response.json()["boolean"] is True
            answered_meanwhile += not runaway.done()
        stopped = runaway.result()
    assert answered_meanwhile == 3, "the runaway query blocked the others"
    assert stopped.status_code == 503
    assert "KUOPIO_KG_QUERY_TIMEOUT" in stopped.json()["error"]
    # The killed worker was replaced: the endpoint still answers, and says what happened.
    assert requests.get(url, params={"query": "ASK {}"}, timeout=60).status_code == 200
    metrics = requests.get(limited_server + "/metrics", timeout=60).text
    assert _counter(metrics, "kuopio_kg_query_timeouts_total") == 1
    assert _counter(metrics, "kuopio_kg_killed_workers_total") >= 1


def _counter(metrics: str, name: str) -> float:
    """The sum of a counter over its labels (one line per server process)."""
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in metrics.splitlines()
        if line.startswith((name + " ", name + "{"))
    )
