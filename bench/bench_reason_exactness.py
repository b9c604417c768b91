"""The kuopio closure equals owlrl's on the generated graphs, tautologies aside.

    python bench/bench_reason_exactness.py --data /tmp/kg-bench --scales 1000 10000 50000

owlrl's closures take minutes, so they are cached under ``--cache`` (N-Triples with the
input's blank-node labels kept, see bench_reason_support.py). Prints, per scale, the sizes
of both closures without the noise of is_trivial, what each has that the other lacks, and
whether the input was found inconsistent; exits non-zero on any difference.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench_reason_support import knowledge, load_stable, owlrl_closure_cached
from kuopio_kg.reason import owl2rl_closure


def compare(source: Path, cache: Path) -> bool:
    """Print one scale's comparison; whether the closures agree."""
    reference, took = owlrl_closure_cached(source, cache)
    ours, inconsistent = owl2rl_closure(load_stable(source))
    theirs, mine = knowledge(reference), knowledge(ours)
    timing = "cached" if took is None else f"{took:.1f} s"
    print(
        f"{source.name}: owlrl {len(theirs)} ({timing}), kuopio {len(mine)}; "
        f"missing {len(theirs - mine)}, extra {len(mine - theirs)}; "
        f"inconsistent: {inconsistent}",
        flush=True,
    )
    for triple in sorted(theirs - mine)[:5]:
        print("  missing", triple)
    for triple in sorted(mine - theirs)[:5]:
        print("  extra  ", triple)
    return theirs == mine


def main() -> None:
    """Compare every requested scale."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=Path("/tmp/kg-bench"))
    ap.add_argument("--cache", type=Path, default=Path("/tmp/kg-owlrl"))
    ap.add_argument("--scales", type=int, nargs="+", default=[1000, 10000, 50000])
    args = ap.parse_args()
    results = [compare(args.data / f"kg_{n}.nt", args.cache) for n in args.scales]
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
