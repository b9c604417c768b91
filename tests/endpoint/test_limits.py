"""Honest limits on the real server: a runaway query is killed at its deadline, and
other clients keep being answered meanwhile."""

from __future__ import annotations

import time
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
    url = limited_server + "/sparql"
    with ThreadPoolExecutor(max_workers=1) as pool:
        started = time.monotonic()
        runaway = pool.submit(requests.get, url, params={"query": RUNAWAY}, timeout=60)
        time.sleep(0.5)
        answered = []
        while time.monotonic() - started < TIMEOUT - 1:
            begin = time.monotonic()
            response = requests.get(url, params={"query": "ASK {}"}, timeout=5)
            answered.append(time.monotonic() - begin)
            assert response.status_code == 200
            assert response.json()["boolean"] is True
        stopped = runaway.result()
        elapsed = time.monotonic() - started
    assert runaway.done()
    assert len(answered) >= 3
    assert max(answered) < 1.0, answered
    assert stopped.status_code == 503
    assert "KUOPIO_KG_QUERY_TIMEOUT" in stopped.json()["error"]
    assert TIMEOUT <= elapsed < TIMEOUT + 10
    # The killed worker was replaced: the endpoint still answers, and says what happened.
    assert requests.get(url, params={"query": "ASK {}"}, timeout=10).status_code == 200
    metrics = requests.get(limited_server + "/metrics", timeout=5).text
    assert "kuopio_kg_query_timeouts_total" in metrics
    assert any(
        line.startswith("kuopio_kg_killed_workers_total") and not line.endswith(" 0")
        for line in metrics.splitlines()
    )
