"""Memory of ``kuopio-kg serve`` as the release grows, and the latency the in-memory copy buys.

    .venv/bin/python bench/bench_memory.py [--cache DIR] [--rows 1000000] [--triples 5000000]
        [--rounds 20] [--sizes current erasmus generated]

Memory is the sum of PSS (``/proc/<pid>/smaps_rollup``: shared pages split between the
processes that map them) over the gunicorn master, its workers, their fork servers and all
query workers, once the workers have opened the release and the example queries have run
through every one of them. The page cache of the RocksDB files is not in it (shared by all
processes, reclaimable); the store's size on disk is printed beside it.

Three releases, each made once under ``--cache``:

* ``current``   the project's inputs (``kuopio-kg build``);
* ``erasmus``   plus ``--rows`` synthetic Erasmus+ rows (``gen_erasmus.py``) imported with the
  default ``--place`` (Kuopio), then built;
* ``generated`` ``gen_graph.py``'s graph of ``--triples`` instance triples, bulk-loaded with
  pyoxigraph into a release (no SHACL or reasoning: the rdflib build of millions of triples
  is far too slow), written with ``Releases.create``.

Configurations: ``copy`` is the server before the threshold (every query worker copies the
release into memory, whatever its size), ``default`` is the defaults as they are now
(copy up to ``KUOPIO_KG_MEMORY_STORE_TRIPLES``, else read on disk), ``disk`` never copies.
At the generated size (above the threshold, so ``default`` reads on disk), ``copy`` runs
with one server process and one query worker (four copies of five million triples would
take some 12 GB of this shared machine), and the cost of one copy (``copy`` minus ``disk``
at 1x1) gives the estimate for the old default 2x2.

Latency: the p50 of each example query over ``--rounds`` sequential requests with the result
cache off (each is evaluated by a worker), and the median of those p50s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import requests

from bench_serve_support import (
    ACCEPT,
    GIB,
    REPO,
    examples,
    generated_release,
    our_server,
    settled_pss,
)
from kuopio_kg.examples import ExampleQuery
from kuopio_kg.release import Releases
from kuopio_kg.settings import Settings

COPY_ALWAYS = 10**12
#: An example query slower than this alone is left out of the latency runs at that size.
SLOW = 5.0
CONFIGS: dict[str, dict[str, object]] = {
    "copy": {"memory_store_triples": COPY_ALWAYS},
    "default": {},
    "disk": {"memory_store": "false"},
}


@dataclass
class Run:
    size: str
    triples: int
    config: str
    shape: str
    pss: int
    processes: int
    p50_ms: float | None


def cli_release(data_dir: Path, rows: int, cache: Path) -> Path:
    """The project's inputs (with ``rows`` Erasmus+ rows imported when ``rows``), built once."""
    if Releases(data_dir).current_id() is not None:
        return data_dir
    env = {k: v for k, v in os.environ.items() if not k.startswith("KUOPIO_KG_")}
    env["KUOPIO_KG_DATA_DIR"] = str(data_dir)
    cli = [sys.executable, "-m", "kuopio_kg.cli"]
    if rows:
        table = cache / f"erasmus-{rows}.csv"
        if not table.exists():
            generator = REPO / "bench" / "gen_erasmus.py"
            run = [sys.executable, str(generator), "--rows", str(rows), "--seed", "1"]
            subprocess.run([*run, "--out", str(table)], check=True)
        subprocess.run([*cli, "import", "erasmus", str(table)], env=env, check=True)
    subprocess.run([*cli, "build"], env=env, check=True)
    return data_dir


def triples_of(data_dir: Path) -> int:
    return sum(Releases(data_dir).current().metadata["graphs"].values())


def disk_bytes(data_dir: Path) -> int:
    store = Releases(data_dir).current().store_path
    return sum(f.stat().st_size for f in store.rglob("*") if f.is_file())


def _ask(url: str, query: ExampleQuery) -> float | None:
    """Seconds to the whole answer; None if it was not a 200 (a 503 under load, say)."""
    started = time.perf_counter()
    try:
        response = requests.post(
            url, data={"query": query.text}, headers={"Accept": ACCEPT}, timeout=120
        )
        _ = response.content
    except requests.RequestException:  # an answer cut at the deadline
        return None
    return time.perf_counter() - started if response.status_code == 200 else None


def within_deadline(url: str, queries: list[ExampleQuery]) -> list[ExampleQuery]:
    """The queries the server answers in time (one at a time); the others are named."""
    kept = []
    for query in queries:
        seconds = _ask(url, query)
        if seconds is None or seconds > SLOW:
            print(f"  {query.name}: not answered within {SLOW:g} s, left out", flush=True)
        else:
            kept.append(query)
    return kept


def touch_every_worker(url: str, queries: list[ExampleQuery], clients: int) -> None:
    """Run every query from ``clients`` threads at once, so every worker reads the store."""
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(lambda q: _ask(url, q), queries * clients))


def median_p50_ms(url: str, queries: list[ExampleQuery], rounds: int) -> float:
    p50s = []
    for query in queries:
        times = [t for _ in range(rounds) if (t := _ask(url, query)) is not None]
        if times:
            p50s.append(statistics.median(times))
    return statistics.median(p50s) * 1000


def measure(
    data_dir: Path, size: str, config: str, rounds: int, log: Path, shape: tuple[int, int]
) -> Run:
    workers, query_workers = shape
    settings = {**CONFIGS[config], "result_cache": 0, "workers": workers,
                "query_workers": query_workers}  # fmt: skip
    queries = examples(erasmus=size == "erasmus")
    with our_server(data_dir, log, **settings) as (url, pid):
        processes = 1 + workers * (2 + query_workers)  # master; each: itself, fork server, workers
        settled_pss(pid, processes)
        queries = within_deadline(url + "/sparql", queries)
        touch_every_worker(url + "/sparql", queries, workers * query_workers * 2)
        p50 = median_p50_ms(url + "/sparql", queries, rounds) if rounds else None
        total = settled_pss(pid, processes)
    run = Run(size, triples_of(data_dir), config, f"{workers}x{query_workers}", total,
              processes, p50)  # fmt: skip
    shown = "" if p50 is None else f", median p50 {p50:.1f} ms"
    print(f"  {size} {config} {run.shape}: {total / GIB:.2f} GiB{shown}", flush=True)
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache/kuopio-kg/bench")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--triples", type=int, default=5_000_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--sizes", nargs="+", default=["current", "erasmus", "generated"])
    args = parser.parse_args()
    cache: Path = args.cache
    cache.mkdir(parents=True, exist_ok=True)
    logs = Path(tempfile.mkdtemp(prefix="bench-memory-"))
    threshold = Settings.from_env(environ={}).memory_store_triples
    print(f"server logs in {logs}; KUOPIO_KG_MEMORY_STORE_TRIPLES default {threshold:,}")
    runs: list[Run] = []
    disk: dict[str, int] = {}
    for size in args.sizes:
        if size == "current":
            data_dir = cli_release(cache / "var-current", 0, cache)
        elif size == "erasmus":
            data_dir = cli_release(cache / f"var-erasmus-{args.rows}", args.rows, cache)
        else:
            data_dir = generated_release(cache, args.triples)
        disk[size] = disk_bytes(data_dir)
        big = size == "generated"
        rounds = 0 if big else args.rounds  # the examples ask about our vocabulary, not its
        for config in ("default",) if big else ("copy", "default", "disk"):
            runs.append(measure(data_dir, size, config, rounds, logs / f"{size}-{config}.log",
                                (2, 2)))  # fmt: skip
        if big:
            for config in ("copy", "disk"):
                runs.append(measure(data_dir, size, config, 0, logs / f"{size}-{config}-1.log",
                                    (1, 1)))  # fmt: skip
    report(runs, disk)


def report(runs: list[Run], disk: dict[str, int]) -> None:
    print()
    print("| release | triples | store on disk | configuration | processes | total PSS | "
          "median p50 of the examples |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    for run in runs:
        p50 = "—" if run.p50_ms is None else f"{run.p50_ms:.1f} ms"
        print(f"| {run.size} | {run.triples:,} | {disk[run.size] / GIB:.2f} GiB | {run.config} "
              f"{run.shape} | {run.processes} | {run.pss / GIB:.2f} GiB | {p50} |")  # fmt: skip
    by_key = {(r.size, r.config, r.shape): r for r in runs}
    one_copy = by_key.get(("generated", "copy", "1x1"))
    one_disk = by_key.get(("generated", "disk", "1x1"))
    default = by_key.get(("generated", "default", "2x2"))
    if one_copy and one_disk and default:
        copy_cost = one_copy.pss - one_disk.pss
        print(f"\none copy of the generated release: {copy_cost / GIB:.2f} GiB "
              f"({copy_cost / one_copy.triples:.0f} B a triple); the old default (a copy in "
              f"each of 4 query workers) ≈ {(default.pss + 4 * copy_cost) / GIB:.2f} GiB; "
              f"target under 6 GiB: now {default.pss / GIB:.2f} GiB")  # fmt: skip
    for run in runs:
        if run.config == "default" and run.shape == "2x2":
            print(f"serving {run.triples:,} triples with the default workers takes "
                  f"{run.pss / GIB:.2f} GiB")  # fmt: skip


if __name__ == "__main__":
    main()
