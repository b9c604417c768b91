"""What ``bench_memory.py`` and ``bench_load.py`` share: releases to serve, a real server
started with chosen settings, the example queries, and the memory of a process tree."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import requests

from kuopio_kg.examples import ExampleQuery, load_examples
from kuopio_kg.release import Releases
from kuopio_kg.settings import Settings

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
GENERATOR = BENCH / "gen_graph.py"
GIB = 2**30
#: Asks for SPARQL JSON results, or Turtle for CONSTRUCT and DESCRIBE (ours and Oxigraph's
#: server negotiate the same way).
ACCEPT = "application/sparql-results+json, text/turtle;q=0.9"


def examples(erasmus: bool) -> list[ExampleQuery]:
    """The example queries that run offline (no SERVICE); those over the Erasmus+ import
    (``# fixture: erasmus``) only if ``erasmus``."""
    chosen = load_examples(REPO / "queries")
    return [q for q in chosen if not q.services and (erasmus or q.fixture != "erasmus")]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_up(url: str, process: subprocess.Popen[bytes], log: Path, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited with {process.returncode}; see {log}")
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds:g} s; see {log}")


@contextmanager
def running(command: list[str], env: dict[str, str], probe: str, log: Path) -> Iterator[int]:
    """Run ``command`` until the block ends, once GET ``probe`` answers 200; its pid."""
    with log.open("wb") as sink:
        process = subprocess.Popen(command, env=env, stdout=sink, stderr=sink)
    try:
        wait_up(probe, process, log)
        yield process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def our_server(data_dir: Path, log: Path, **settings: object) -> Iterator[tuple[str, int]]:
    """``kuopio-kg serve`` over ``data_dir`` with ``settings`` (else the defaults) on a free
    port: its base URL and the gunicorn master's pid."""
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("KUOPIO_KG_")}
    env |= {"KUOPIO_KG_DATA_DIR": str(data_dir), "KUOPIO_KG_PORT": str(port)}
    env |= {f"KUOPIO_KG_{name.upper()}": str(value) for name, value in settings.items()}
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "kuopio_kg.cli", "serve"]
    with running(command, env, url + "/healthz", log) as pid:
        yield url, pid


def descendants(pid: int) -> list[int]:
    """``pid`` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        pending += children.get(current, [])
    return found


def pss_bytes(pid: int) -> int:
    """Proportional set size of ``pid`` (shared pages split between their users), 0 if gone."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return 0


def tree_pss(pid: int) -> tuple[int, int]:
    """Total PSS of the process tree under ``pid``, and how many processes it has."""
    tree = descendants(pid)
    return sum(pss_bytes(p) for p in tree), len(tree)


def settled_pss(pid: int, processes: int, seconds: float = 600) -> int:
    """The tree's PSS once it has at least ``processes`` processes and has stopped growing
    (the query workers have made their copies of the release)."""
    deadline = time.monotonic() + seconds
    last = -1
    steady = 0
    while time.monotonic() < deadline:
        total, count = tree_pss(pid)
        if count >= processes and abs(total - last) < 4 * 2**20:
            steady += 1
            if steady >= 3:
                return total
        else:
            steady = 0
        last = total
        time.sleep(1)
    return tree_pss(pid)[0]


def generated_release(cache: Path, triples: int) -> Path:
    """A data folder whose current release holds ``gen_graph.py``'s graph of ``triples``
    instance triples, bulk-loaded with pyoxigraph into graph/data (no SHACL, no reasoning:
    the rdflib build of millions of triples takes hours). Made once under ``cache``."""
    data_dir = cache / f"var-gen-{triples}"
    if Releases(data_dir).current_id() is not None:
        return data_dir
    source = cache / "graph" / f"kg_{triples}.nt"
    if not source.exists():
        run = [
            sys.executable,
            str(GENERATOR),
            "--scales",
            str(triples),
            "--out",
            str(source.parent),
        ]
        subprocess.run(run, check=True)
    graph = Settings.from_env(environ={}).graph_iri("data")

    def write(folder: Path) -> dict[str, Any]:
        store = ox.Store(str(folder / "store"))
        store.bulk_load(
            path=str(source), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph)
        )
        store.optimize()
        count = len(store)
        store.flush()
        del store
        return {"graphs": {"data": count}, "generator": f"gen_graph.py --scales {triples}"}

    Releases(data_dir).create(f"gen-{triples}", write)
    return data_dir


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile (nearest rank) of ``values``; NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]
