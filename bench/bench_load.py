"""Load on the SPARQL endpoint: many clients mixing the example queries, with and without a
runaway query injected every second. Not a test: it prints a table.

    .venv/bin/python bench/bench_load.py [--seconds 60] [--clients 8 32 64] [--cache DIR]
        [--endpoint URL --store-endpoint URL] [--erasmus DATA_DIR] [--only ours|store]

For each number of clients, each client (a thread with its own keep-alive ``requests``
session) sends the example queries of ``queries/`` one after the other (each client starts
at a different one; those calling SERVICE are left out, and those over the Erasmus+ import
too unless ``--erasmus`` names a data folder holding an import) for ``--seconds``, and
the table gives throughput, p50, p99 and errors (any answer but 200, or no answer; target 0)
for:

* ``ours``            our endpoint, result cache off: every request is evaluated by a worker;
* ``ours, cached``    our endpoint as it runs by default (repeated queries from its cache);
* ``store``           the store's own SPARQL endpoint on the same queries; its p50 against
  ours is the overhead of our endpoint (policy, negotiation, worker pipe, gunicorn);
* ``ours + runaway``  ours again (cache off) while one more client starts, every second, a
  query that never ends in time (a cross join of all triples, stopped at the deadline): the
  other queries' p99 must stay under a second. The runaways' own answers are counted apart;
* ``store + runaway`` the same against the store's own endpoint, for comparison.

After each row it prints the first error of each kind (the query, what the server said)
and the three queries with the highest p99 (p50/p99 in ms), which is where to look first.

Without ``--endpoint`` the bench builds the project's release under ``--cache`` (or serves
``--erasmus``), starts ``kuopio-kg serve`` on it with the defaults (embedded store), and
starts Oxigraph's own server (``oxigraph serve`` from the PyPI package ``oxigraph``, in the
``bench`` extra, with ``--union-default-graph`` as ours, and the same 30 s timeout) on a
copy of the same release store. ``--endpoint URL`` (our server's base URL) and
``--store-endpoint URL`` (a store's ``/sparql``: Virtuoso, or an Oxigraph server behind
``kuopio-kg serve --store URL``) measure servers someone else started; the plain and
runaway runs then go to ``--endpoint`` as it is configured (over a remote store it keeps no
answers, so there is no cached run).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import requests

from bench_memory import cli_release
from bench_serve_support import ACCEPT, examples, free_port, our_server, percentile, running
from kuopio_kg.examples import ExampleQuery
from kuopio_kg.release import Releases

#: Every triple against every triple against every triple: never done within a deadline.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
OXIGRAPH = shutil.which("oxigraph") or str(
    Path(__file__).resolve().parents[1] / ".venv/bin/oxigraph"
)


@dataclass
class Tally:
    """What the clients of one run saw."""

    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    runaways: dict[str, int] = field(default_factory=dict)
    #: The first error of each kind: the query's name and what the server said.
    samples: dict[str, str] = field(default_factory=dict)
    #: The latencies of each query, by name.
    by_query: dict[str, list[float]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, seconds: float, outcome: str, name: str, said: str) -> None:
        with self.lock:
            if outcome == "200":
                self.latencies.append(seconds)
                self.by_query.setdefault(name, []).append(seconds)
            else:
                self.errors[outcome] = self.errors.get(outcome, 0) + 1
                self.samples.setdefault(outcome, f"{name}: {said[:300]}")


def _outcome(session: requests.Session, url: str, text: str, timeout: float) -> tuple[str, str]:
    """The status (or the exception's name) and the body of an error answer."""
    try:
        response = session.post(url, data={"query": text}, headers={"Accept": ACCEPT},
                                timeout=timeout)  # fmt: skip
        said = "" if response.ok else response.text
        return str(response.status_code), said
    except requests.RequestException as exc:
        return type(exc).__name__, str(exc)


def client(url: str, queries: list[ExampleQuery], start: int, until: float, tally: Tally) -> None:
    with requests.Session() as session:
        index = start
        while time.monotonic() < until:
            query = queries[index % len(queries)]
            index += 1
            began = time.perf_counter()
            outcome, said = _outcome(session, url, query.text, 120)
            tally.record(time.perf_counter() - began, outcome, query.name, said)


def injector(url: str, until: float, tally: Tally, pool: ThreadPoolExecutor) -> None:
    """Start one runaway query every second until ``until``; count how each one ended."""

    def one() -> None:
        with requests.Session() as session:
            outcome, _ = _outcome(session, url, RUNAWAY, 120)
        with tally.lock:
            tally.runaways[outcome] = tally.runaways.get(outcome, 0) + 1

    while time.monotonic() < until:
        pool.submit(one)
        time.sleep(1)


def load(url: str, queries: list[ExampleQuery], clients: int, seconds: float,
         runaway: bool) -> tuple[Tally, float]:  # fmt: skip
    """Run ``clients`` clients (and the injector) against ``url``; the tally and wall time."""
    tally = Tally()
    until = time.monotonic() + seconds
    began = time.monotonic()
    with ThreadPoolExecutor(max_workers=clients) as pool, ThreadPoolExecutor(200) as runaways:
        for n in range(clients):
            pool.submit(client, url, queries, n, until, tally)
        if runaway:
            injector(url, until, tally, runaways)
        pool.shutdown(wait=True)
        elapsed = time.monotonic() - began
    return tally, elapsed


@contextmanager
def store_server(data_dir: Path, logs: Path) -> Iterator[str]:
    """Oxigraph's own server on a copy of the current release store; its /sparql URL."""
    copy = Path(tempfile.mkdtemp(prefix="bench-load-store-"))
    try:
        shutil.copytree(Releases(data_dir).current().store_path, copy / "store")
        port = free_port()
        command = [OXIGRAPH, "serve", "--location", str(copy / "store"), "--bind",
                   f"127.0.0.1:{port}", "--union-default-graph", "--timeout-s", "30"]  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        with running(command, {}, url + "/query?query=ASK%7B%7D", logs / "oxigraph.log"):
            yield url + "/query"
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def slowest(tally: Tally, shown: int = 3) -> str:
    """The queries with the highest p99, each with its p50 and p99 in ms."""
    p99 = {name: percentile(times, 0.99) for name, times in tally.by_query.items()}
    names = sorted(p99, key=p99.__getitem__, reverse=True)[:shown]
    return ", ".join(f"{name} {percentile(tally.by_query[name], 0.5) * 1000:.0f}/"
                     f"{p99[name] * 1000:.0f}" for name in names)  # fmt: skip


def row(target: str, clients: int, tally: Tally, elapsed: float) -> str:
    done = len(tally.latencies)
    errors = sum(tally.errors.values())
    detail = ", ".join(f"{k}: {v}" for k, v in sorted(tally.errors.items()))
    runaways = ", ".join(f"{k}: {v}" for k, v in sorted(tally.runaways.items())) or "—"
    return (f"| {target} | {clients} | {done / elapsed:.1f} | "
            f"{percentile(tally.latencies, 0.5) * 1000:.1f} | "
            f"{percentile(tally.latencies, 0.99) * 1000:.1f} | {errors}"
            f"{f' ({detail})' if detail else ''} | {runaways} |")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, nargs="+", default=[8, 32, 64])
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache/kuopio-kg/bench")
    parser.add_argument("--endpoint", help="our server's base URL (else one is started)")
    parser.add_argument("--store-endpoint", help="the store's own SPARQL query URL")
    parser.add_argument("--erasmus", type=Path, help="a data folder with an Erasmus+ import")
    parser.add_argument("--only", choices=["ours", "store"], help="measure one side only")
    args = parser.parse_args()
    logs = Path(tempfile.mkdtemp(prefix="bench-load-"))
    queries = examples(erasmus=args.erasmus is not None)
    data_dir = args.erasmus or cli_release(args.cache / "var-current", 0, args.cache)
    print(f"{len(queries)} example queries; server logs in {logs}", flush=True)
    lines: list[str] = []
    with ExitStack() as stack:
        targets: list[tuple[str, str, bool]] = []
        if args.only != "store":
            if args.endpoint:  # one server, as it is configured: no separate cached run
                ours = args.endpoint.rstrip("/") + "/sparql"
                targets.append(("ours", ours, False))
            else:
                ours = stack.enter_context(our_server(data_dir, logs / "ours.log",
                                                      result_cache=0))[0] + "/sparql"  # fmt: skip
                cached = stack.enter_context(our_server(data_dir, logs / "cached.log"))[0]
                cached += "/sparql"
                targets += [("ours", ours, False), ("ours, cached", cached, False)]
        if args.only != "ours":
            store = args.store_endpoint or stack.enter_context(store_server(data_dir, logs))
            targets.append(("store", store, False))
        if args.only != "store":
            targets.append(("ours + runaway", ours, True))
        if args.only != "ours":
            targets.append(("store + runaway", store, True))
        for target, url, runaway in targets:
            for clients in args.clients:
                tally, elapsed = load(url, queries, clients, args.seconds, runaway)
                lines.append(row(target, clients, tally, elapsed))
                print(lines[-1], flush=True)
                for outcome, sample in sorted(tally.samples.items()):
                    print(f"  first {outcome}: {sample}", flush=True)
                print(f"  slowest: {slowest(tally)}", flush=True)
    print()
    print("| endpoint | clients | queries/s | p50 ms | p99 ms | errors | runaways |")
    print("|---|---|---|---|---|---|---|")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
