"""Benchmark of the SPARQL endpoint (issue 3, section 9). Not a test: it prints a table.

On the OWL 2 RL closure of a graph from ``bench/gen_graph.py`` (200k triples by default),
side by side in one run:

* the median latency of a fixed mix of queries through our real server (gunicorn, started
  with ``python -m kuopio_kg.cli serve``, result cache off) against pyoxigraph in-process
  on the same triples held in memory, as our query workers hold them, including writing
  the same result format (target: HTTP within 1.5x + 5 ms);
* throughput with 8 and 32 concurrent clients on the analytic queries, against
  rdflib-endpoint serving the same triples (target: at least 20x, zero errors), for our
  server as it runs by default (repeated queries come from its result cache) and with
  the result cache off (every request evaluated).

The graph, its closure, the release and a venv for rdflib-endpoint are cached outside git
(``--cache``). The closure is made by the project's own ``kuopio`` engine. Every request
goes to 127.0.0.1 and is bounded in count and time.

    .venv/bin/python bench/bench_endpoint.py [--cache DIR] [--scale 200000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import requests
from rdflib import Graph

from kuopio_kg.reason import infer
from kuopio_kg.release import Releases
from kuopio_kg.settings import Reasoner, Settings
from kuopio_kg.store import OxigraphStore

GENERATOR = Path(__file__).resolve().parent / "gen_graph.py"
RDFLIB_ENDPOINT = "rdflib-endpoint[cli]==0.6.3"
CLIENTS = (8, 32)
PREFIXES = """PREFIX kg: <http://example.org/kg/ontology#>
PREFIX id: <http://example.org/kg/id/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""


@dataclass(frozen=True)
class Query:
    name: str
    text: str
    analytic: bool
    graph: bool = False


QUERIES = (
    Query("IRI lookup", "SELECT ?p ?o WHERE { id:org-17 ?p ?o }", analytic=False),
    Query(
        "3-pattern join",
        "SELECT ?ed ?venue ?year WHERE { ?ed kg:editionOf id:event-5 ; kg:hostedIn ?venue ;"
        " kg:year ?year }",
        analytic=False,
    ),
    Query(
        "GROUP BY",
        "SELECT ?year (SUM(?n) AS ?students) (COUNT(?f) AS ?flows) WHERE { ?f a kg:MobilityFlow ;"
        " kg:academicYear ?year ; kg:studentCount ?n } GROUP BY ?year ORDER BY ?year",
        analytic=True,
    ),
    Query(
        "OPTIONAL+FILTER",
        "SELECT ?o ?en ?de WHERE { ?o a kg:EducationalInstitution ; rdfs:label ?en ;"
        ' kg:foundingYear ?y FILTER (?y < 1500 && LANG(?en) = "en")'
        ' OPTIONAL { ?o rdfs:label ?de FILTER (LANG(?de) = "de") } }',
        analytic=True,
    ),
    Query(
        "property path",
        "SELECT ?place WHERE { ?place kg:locatedIn+ id:place-europe }",
        analytic=True,
    ),
    Query(
        "CONSTRUCT",
        "CONSTRUCT { ?ed kg:hostedIn ?v ; kg:year ?y } WHERE { ?ed kg:editionOf ?ev ;"
        " kg:hostedIn ?v ; kg:year ?y . ?ev a kg:ElectronicDanceFestival }",
        analytic=False,
        graph=True,
    ),
)


def _accept(query: Query) -> str:
    return "text/turtle" if query.graph else "application/sparql-results+json"


# ------------------------------------------------------------------ data and release


def graph_file(cache: Path, scale: int) -> Path:
    """The generator's N-Triples file at ``scale``, generated once."""
    path = cache / "graph" / f"kg_{scale}.nt"
    if not path.exists():
        subprocess.run(
            [sys.executable, str(GENERATOR), "--scales", str(scale), "--out", str(path.parent)],
            check=True,
        )
    return path


def inferred_file(cache: Path, source: Path) -> tuple[Path, str]:
    """The new, non-trivial triples of the closure of ``source`` (N-Triples), made once."""
    name = Reasoner.KUOPIO
    path = cache / f"inferred-{name}-{source.stem}.nt"
    if not path.exists():
        started = time.perf_counter()
        inferred = infer(Graph().parse(source, format="nt"), name)
        print(f"closure by {name}: {time.perf_counter() - started:.1f} s", flush=True)
        inferred.serialize(path, format="nt", encoding="utf-8")
    return path, name


def release_dir(cache: Path, source: Path, inferred: Path, engine: str) -> Path:
    """A data folder whose current release stores ``source`` and ``inferred``."""
    settings = Settings.from_env(environ={})
    data_dir = cache / f"var-{engine}-{source.stem}"

    def write(folder: Path) -> dict[str, Any]:
        store = OxigraphStore(folder / "store", read_only=False)
        store.add_graph(settings.graph_iri("data"), source.read_bytes())
        store.add_graph(settings.graph_iri("inferred"), inferred.read_bytes())
        store.flush()
        return {"graphs": {}, "reasoner": engine}

    Releases(data_dir).create(f"bench-{engine}-{source.stem}", write)
    return data_dir


# ------------------------------------------------------------------ servers


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def running(command: list[str], env: dict[str, str], probe: str, log: Path) -> Iterator[None]:
    """Run ``command`` until the block ends; wait until GET ``probe`` answers 200."""
    with log.open("wb") as sink:
        process = subprocess.Popen(command, env=env, stdout=sink, stderr=sink)
        try:
            deadline = time.monotonic() + 300
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"{command[0]} exited; see {log}")
                try:
                    if requests.get(probe, timeout=5).status_code == 200:
                        break
                except requests.ConnectionError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{command[0]} did not answer within 300 s; see {log}")
                time.sleep(0.5)
            yield
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def rdflib_endpoint(cache: Path) -> Path:
    """The rdflib-endpoint command, installed once in its own venv (it pins FastAPI)."""
    venv = cache / "rdflib-endpoint-venv"
    command = venv / "bin" / "rdflib-endpoint"
    if not command.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", RDFLIB_ENDPOINT]
        subprocess.run(pip, check=True)
    return command


# ------------------------------------------------------------------ measurements


def _count(body: bytes, query: Query) -> int:
    if query.graph:
        return sum(1 for _ in ox.parse(body, format=ox.RdfFormat.TURTLE))
    parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    assert isinstance(parsed, ox.QuerySolutions)
    return sum(1 for _ in parsed)


def in_process(store: OxigraphStore, query: Query) -> bytes:
    """The query on the store and its answer written in the format the server sends."""
    result = store.query(PREFIXES + query.text, union_default_graph=True)
    if isinstance(result, ox.QueryTriples):
        return ox.serialize(result, format=ox.RdfFormat.TURTLE) or b""
    assert isinstance(result, ox.QuerySolutions)
    return result.serialize(format=ox.QueryResultsFormat.JSON) or b""


def over_http(session: requests.Session, url: str, query: Query) -> bytes:
    response = session.post(
        url, data={"query": PREFIXES + query.text}, headers={"Accept": _accept(query)}, timeout=120
    )
    response.raise_for_status()
    return response.content


def median_ms(run: Callable[[], object], runs: int) -> float:
    run()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def throughput(url: str, query: Query, clients: int, rounds: int, cap: float) -> tuple[float, int]:
    """Requests per second and errors: each client sends up to ``rounds`` requests, and
    none starts after ``cap`` seconds."""
    started = time.perf_counter()

    def client() -> tuple[int, int]:
        ok = errors = 0
        with requests.Session() as session:
            for _ in range(rounds):
                if time.perf_counter() - started > cap:
                    break
                try:
                    over_http(session, url, query)
                    ok += 1
                except requests.RequestException:
                    errors += 1
        return ok, errors

    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(lambda _: client(), range(clients)))
    elapsed = time.perf_counter() - started
    return sum(ok for ok, _ in results) / elapsed, sum(err for _, err in results)


# ------------------------------------------------------------------ the run


def warm(url: str) -> None:
    """Make every query worker of the server load the store before anything is timed."""
    warmup = Query("warm-up", "ASK { ?s ?p ?o }", analytic=False)
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda _: over_http(requests.Session(), url, warmup), range(64)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache/kuopio-kg/bench")
    parser.add_argument("--scale", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=15, help="timed runs per latency cell")
    parser.add_argument("--rounds", type=int, default=40, help="requests per client (ours)")
    parser.add_argument("--ref-rounds", type=int, default=2, help="per client (rdflib-endpoint)")
    parser.add_argument("--cap", type=float, default=20.0, help="seconds per throughput cell")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)

    source = graph_file(args.cache, args.scale)
    inferred, engine = inferred_file(args.cache, source)
    data_dir = release_dir(args.cache, source, inferred, engine)
    store_path = Releases(data_dir).current().store_path
    ours_port, ref_port = free_port(), free_port()
    ours, ref = f"http://127.0.0.1:{ours_port}/sparql", f"http://127.0.0.1:{ref_port}/"
    ours_env = {**os.environ, "KUOPIO_KG_DATA_DIR": str(data_dir),
                "KUOPIO_KG_HOST": "127.0.0.1", "KUOPIO_KG_PORT": str(ours_port)}  # fmt: skip
    serve = [sys.executable, "-m", "kuopio_kg.cli", "serve"]
    ref_command = [str(rdflib_endpoint(args.cache)), "serve", str(source), str(inferred),
                   "--host", "127.0.0.1", "--port", str(ref_port)]  # fmt: skip
    ask = "?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D"
    analytic = [q for q in QUERIES if q.analytic]

    def rates(url: str, rounds: int) -> dict[tuple[str, int], tuple[float, int]]:
        return {(q.name, c): throughput(url, q, c, rounds, args.cap)
                for q in analytic for c in CLIENTS}  # fmt: skip

    store = OxigraphStore(store_path, in_memory=True)
    triples = sum(store.graph_sizes().values())
    print(f"\n{triples} triples ({source.name} + closure by {engine}), store {store_path}")
    uncached_env = {**ours_env, "KUOPIO_KG_RESULT_CACHE": "0"}
    with running(
        serve, uncached_env, ours.replace("/sparql", "/healthz"), args.cache / "server.log"
    ):
        warm(ours)
        session = requests.Session()
        rows: dict[str, int] = {}
        print(f"\n{'latency, median ms':<18} {'pyoxigraph':>10} {'HTTP':>8} {'ratio':>6} "
              f"{'target':>8} {'rows':>6}  check")  # fmt: skip
        for query in QUERIES:
            local = median_ms(partial(in_process, store, query), args.runs)
            remote = median_ms(partial(over_http, session, ours, query), args.runs)
            rows[query.name] = _count(over_http(session, ours, query), query)
            same = rows[query.name] == _count(in_process(store, query), query)
            target = 1.5 * local + 5
            print(f"{query.name:<18} {local:>10.2f} {remote:>8.2f} {remote / local:>6.1f} "
                  f"{target:>8.2f} {rows[query.name]:>6}  {'ok' if remote <= target else 'MISSED'}"
                  f"{'' if same else ' (row counts differ)'}")  # fmt: skip
        session.close()
        uncached = rates(ours, args.rounds)
    with running(serve, ours_env, ours.replace("/sparql", "/healthz"), args.cache / "server.log"):
        warm(ours)
        cached = rates(ours, args.rounds)
    with running(ref_command, dict(os.environ), ref + ask, args.cache / "rdflib-endpoint.log"):
        ref_rows = {q.name: _count(over_http(requests.Session(), ref, q), q) for q in analytic}
        reference = rates(ref, args.ref_rounds)

    print(f"\n{'throughput, req/s':<18} {'clients':>7} {'rdflib-ep':>10} {'kuopio-kg':>10} "
          f"{'ratio':>6} {'no cache':>9} {'ratio':>6} {'errors':>8}  "
          "check (>= 20x, 0 errors, same rows)")  # fmt: skip
    for key, (ref_rate, ref_errors) in reference.items():
        (rate, errors), (bare, bare_errors) = cached[key], uncached[key]
        ratio, bare_ratio = (r / ref_rate if ref_rate else float("inf") for r in (rate, bare))
        good = errors == bare_errors == 0 and ref_rows[key[0]] == rows[key[0]]
        verdict = "ok" if good and ratio >= 20 else "MISSED"
        verdict += "" if good and bare_ratio >= 20 else " (no cache: MISSED)"
        print(f"{key[0]:<18} {key[1]:>7} {ref_rate:>10.2f} {rate:>10.1f} {ratio:>6.1f} "
              f"{bare:>9.1f} {bare_ratio:>6.1f} {errors:>2}/{bare_errors}/{ref_errors:<2}  "
              f"{verdict}")  # fmt: skip


if __name__ == "__main__":
    main()
