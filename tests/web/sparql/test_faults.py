"""Worker faults on the real server: a query worker killed with SIGKILL, or stopped at its
memory limit, ends only the request it was answering (a 503 that says what happened), is
replaced, and every other client is answered meanwhile and afterwards.

The query workers of a server are found in /proc: the processes that carry the server's
``KUOPIO_KG_PORT`` in their environment and whose parent is a multiprocessing fork server.
"""

from __future__ import annotations

import itertools
import os
import signal
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from .conftest import StartServer, make_scratch_release
from .test_limits import RUNAWAY, _counter

#: Sorting a 300^3 cross product holds all 27 million rows at once: gigabytes.
_VALUES = " ".join(str(i) for i in range(300))
MEMORY_HOG = (
    "SELECT * WHERE { "
    + " ".join(f"VALUES ?{v} {{ {_VALUES} }}" for v in "abc")
    + " } ORDER BY DESC(?a) ?b ?c"
)
WORKER_MEMORY = 512  # MiB: a worker copying a small store into memory needs about 300


def _environ(pid: str) -> bytes:
    try:
        return Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:
        return b""


def _parent(pid: str) -> str:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rsplit(")", 1)[1].split()[1]


def query_workers(server: str) -> set[int]:
    """The pids of the server's query workers (living, not zombies)."""
    marker = f"\0KUOPIO_KG_PORT={urlsplit(server).port}\0".encode()
    own = [p for p in os.listdir("/proc") if p.isdigit() and marker in b"\0" + _environ(p)]
    workers = set()
    for pid in own:
        try:
            parent_cmd = Path(f"/proc/{_parent(pid)}/cmdline").read_bytes()
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if b"forkserver" in parent_cmd and state != "Z":
            workers.add(int(pid))
    return workers


def _cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime + stime


def wait_for_workers(server: str, count: int, exclude: frozenset[int] = frozenset()) -> set[int]:
    """The server's query workers once ``count`` of them run, none of them in ``exclude``."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        workers = query_workers(server)
        if len(workers) == count and not workers & exclude:
            return workers
        time.sleep(0.1)
    raise AssertionError(f"the server has query workers {query_workers(server)}, not {count}")


def busy_worker(server: str, workers: set[int]) -> int:
    """The worker that is burning CPU (the one evaluating the long query)."""
    start = {pid: _cpu_ticks(pid) for pid in workers}
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.2)
        for pid in workers:
            if _cpu_ticks(pid) - start[pid] >= 20:  # 0.2 s of CPU: it is working
                return pid
    raise AssertionError("no query worker started on the long query")


@contextmanager
def other_clients(url: str) -> Iterator[list[int]]:
    """A client asking distinct small queries (never from the cache) while the block runs;
    the statuses it got."""
    statuses: list[int] = []
    stop = threading.Event()

    def ask() -> None:
        for n in itertools.count():
            if stop.is_set() and len(statuses) >= 3:
                return
            query = f"ASK {{ FILTER({n} >= 0) }}"
            statuses.append(requests.get(url, params={"query": query}, timeout=60).status_code)

    with ThreadPoolExecutor(max_workers=1) as pool:
        asking = pool.submit(ask)
        try:
            yield statuses
        finally:
            stop.set()
            asking.result()


@pytest.fixture(scope="module")
def fault_server(tmp_path_factory: pytest.TempPathFactory, start_server: StartServer) -> str:
    """One server process with two query workers, each capped at WORKER_MEMORY, and no
    result cache (so every query is evaluated by a worker)."""
    data_dir: Path = make_scratch_release(tmp_path_factory.mktemp("faults") / "var")
    return start_server(data_dir, workers=1, query_workers=2, result_cache=0,
                        query_timeout=120, worker_memory=WORKER_MEMORY)  # fmt: skip


def _start(url: str, query: str) -> tuple[ThreadPoolExecutor, Future[requests.Response]]:
    pool = ThreadPoolExecutor(max_workers=1)
    return pool, pool.submit(requests.get, url, params={"query": query}, timeout=180)


@pytest.mark.slow
def test_a_killed_worker_fails_its_request_with_503_and_is_replaced(fault_server: str) -> None:
    url = fault_server + "/sparql"
    assert requests.get(url, params={"query": "ASK {}"}, timeout=60).status_code == 200
    workers = wait_for_workers(fault_server, 2)
    with other_clients(url) as statuses:
        pool, runaway = _start(url, RUNAWAY)
        victim = busy_worker(fault_server, workers)
        os.kill(victim, signal.SIGKILL)
        killed = runaway.result()
        pool.shutdown()
    assert killed.status_code == 503, killed.text
    assert "killed" in killed.json()["error"]
    assert "replaced" in killed.json()["error"]
    assert killed.headers["Retry-After"] == "5"
    assert set(statuses) == {200}, statuses  # three at least (other_clients)
    replaced = wait_for_workers(fault_server, 2, exclude=frozenset({victim}))
    assert replaced - workers, "no new worker took the killed one's place"
    for n in range(4):  # every worker answers again, the new one included
        query = f"ASK {{ FILTER({n} < 0) }}"
        response = requests.get(url, params={"query": query}, timeout=60)
        assert response.status_code == 200
        assert response.json()["boolean"] is False
    metrics = requests.get(fault_server + "/metrics", timeout=60).text
    assert _counter(metrics, "kuopio_kg_killed_workers_total") >= 1


@pytest.mark.slow
def test_a_query_over_the_memory_limit_is_a_503_naming_it(fault_server: str) -> None:
    url = fault_server + "/sparql"
    assert requests.get(url, params={"query": "ASK {}"}, timeout=60).status_code == 200
    workers = wait_for_workers(fault_server, 2)
    with other_clients(url) as statuses:
        pool, hog = _start(url, MEMORY_HOG)
        stopped = hog.result()
        pool.shutdown()
    assert stopped.status_code == 503, stopped.text
    error = stopped.json()["error"]
    assert f"{WORKER_MEMORY} MiB" in error
    assert "KUOPIO_KG_WORKER_MEMORY" in error
    assert set(statuses) == {200}, statuses  # three at least (other_clients)
    replaced = wait_for_workers(fault_server, 2)
    assert replaced != workers, "the worker that hit the limit was not replaced"
    response = requests.get(url, params={"query": "SELECT (1 AS ?one) {}"}, timeout=60)
    assert response.status_code == 200
    assert response.json()["results"]["bindings"][0]["one"]["value"] == "1"


@pytest.fixture(scope="module")
def slot_server(tmp_path_factory: pytest.TempPathFactory, start_server: StartServer) -> str:
    """One server process with one query worker (so two long-query slots), a 12 s deadline
    and no result cache."""
    data_dir: Path = make_scratch_release(tmp_path_factory.mktemp("slots") / "var")
    return start_server(data_dir, workers=1, query_workers=1, result_cache=0, query_timeout=12)


@pytest.mark.slow
def test_runaways_past_the_long_query_slots_are_stopped_and_short_queries_served(
    slot_server: str,
) -> None:
    """Four runaway queries at once on a process with two slots: two run to the deadline,
    two are stopped once they turn long, and short queries are answered all along (each
    long query has its stand-in worker)."""
    url = slot_server + "/sparql"
    assert requests.get(url, params={"query": "ASK {}"}, timeout=60).status_code == 200
    with other_clients(url) as statuses, ThreadPoolExecutor(max_workers=4) as pool:
        runaways = [
            pool.submit(requests.get, url, params={"query": RUNAWAY}, timeout=120) for _ in range(4)
        ]
        ended = [future.result() for future in runaways]
    assert [r.status_code for r in ended] == [503] * 4
    errors = sorted(r.json()["error"] for r in ended)
    assert sum("KUOPIO_KG_QUERY_TIMEOUT" in e for e in errors) == 2, errors
    assert sum("other long queries" in e for e in errors) == 2, errors
    assert set(statuses) == {200}, statuses
    assert len(wait_for_workers(slot_server, 1)) == 1
