"""Speed and memory of the reasoners, side by side, from an rdflib Graph to an rdflib Graph.

    python bench/bench_reason.py --data /tmp/kg-bench --scales 1000 10000 50000 200000

Each measurement runs in a fresh worker process (so peak memory is that engine's alone,
with the parsed input graph included) and times only the reasoning call, input graph to
closed graph. Engines:

* ``owlrl``     owlrl's OWLRL_Semantics ``expand``, in place (the reference);
* ``reasonable`` reasonable 0.4.x: ``from_graph``, ``reason``, a new rdflib Graph built from
  its triples;
* ``kuopio``    :func:`kuopio_kg.reason.owl2rl_closure`, in place, tautologies included;
* ``kuopio-build`` the build's engine: a new graph with the input and the non-trivial
  inferred triples.

owlrl is skipped above ``--owlrl-max`` (minutes per run). Ratios are engine time over
kuopio time. Figures from one run on a shared machine: compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import importlib
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph


def _owlrl(graph: Graph) -> Graph:
    import owlrl

    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return graph


def _reasonable(graph: Graph) -> Graph:
    reasonable = importlib.import_module("reasonable")  # bench extra, untyped
    engine = reasonable.PyReasoner()
    engine.from_graph(graph)
    out = Graph()
    for triple in engine.reason():
        out.add(triple)
    return out


def _kuopio(graph: Graph) -> Graph:
    from kuopio_kg.reason import owl2rl_closure

    return owl2rl_closure(graph)[0]


def _kuopio_build(graph: Graph) -> Graph:
    from kuopio_kg.reason.kuopio_engine import kuopio_closure

    return kuopio_closure(graph).graph


ENGINES: dict[str, Callable[[Graph], Graph]] = {
    "owlrl": _owlrl,
    "reasonable": _reasonable,
    "kuopio": _kuopio,
    "kuopio-build": _kuopio_build,
}


def worker(engine: str, path: Path) -> dict[str, float]:
    """Parse ``path``, close it with ``engine``; seconds, peak MiB, triples in and out."""
    graph = Graph()
    graph.parse(path, format="nt")
    size = len(graph)
    started = time.perf_counter()
    closed = ENGINES[engine](graph)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mib": peak, "input": size, "output": len(closed)}


def measure(engine: str, path: Path) -> dict[str, float]:
    """:func:`worker` in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, __file__, "--worker", engine, str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    """Run the side-by-side table."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=Path("/tmp/kg-bench"))
    ap.add_argument("--scales", type=int, nargs="+", default=[1000, 10000, 50000, 200000])
    ap.add_argument("--engines", nargs="+", default=list(ENGINES))
    ap.add_argument("--owlrl-max", type=int, default=50000)
    ap.add_argument("--worker", nargs=2, metavar=("ENGINE", "FILE"))
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker[0], Path(args.worker[1]))))
        return
    print("scale  engine        seconds  peak MiB   in -> out       x kuopio")
    for scale in args.scales:
        path = args.data / f"kg_{scale}.nt"
        rows = {}
        for engine in args.engines:
            if engine == "owlrl" and scale > args.owlrl_max:
                continue
            rows[engine] = measure(engine, path)
        base = rows.get("kuopio", {}).get("seconds")
        for engine, row in rows.items():
            ratio = f"{row['seconds'] / base:8.1f}x" if base else ""
            print(
                f"{scale:<6} {engine:<12} {row['seconds']:8.2f} {row['peak_mib']:9.0f}  "
                f"{int(row['input']):>7} -> {int(row['output']):<8} {ratio}",
                flush=True,
            )


if __name__ == "__main__":
    main()
