"""Speed and memory of ``kuopio-kg import erasmus``, and of the build after it.

    .venv/bin/python bench/bench_import.py [--rows 100000 1000000] [--seed 1] [--no-build]

For each size, ``gen_erasmus.py`` writes a synthetic KA1 table into a temporary folder, and
each measurement then runs in a fresh process of its own, so that peak memory is that run's
alone (``getrusage(RUSAGE_CHILDREN).ru_maxrss`` of a small wrapper around it):

* ``import --all``   ``kuopio-kg import erasmus FILE --all``, ``KUOPIO_KG_DATA_DIR`` a new
  folder;
* ``import Kuopio``  the same with the default ``--place`` (the rows touching Kuopio);
* ``build``          ``kuopio-kg build`` after each import, with the size of the imported
  graph (lines of ``imports/erasmus/mobility.nt``) and ``kuopio-kg stats``;
* ``csv + dict``     the reference: the naive aggregation of the same file into the same
  flows with Python's ``csv`` reader and a ``dict`` (the same checks and group key, names
  folded with the project's ``fold``, memoised);
* ``pandas``         the same with pandas, when it is installed.

Ratios are reference time over ours (above 1: ours is faster). The targets of issue 12 are
checked at the end: 1M rows imported in under 60 s, peak memory under 1.5 GiB, and memory
flat in rows (peak RSS at the largest size over the smallest). Figures from one run on a
shared machine: compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import csv
import functools
import importlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gen_erasmus import generate
from gen_erasmus_tables import COUNTRIES
from kuopio_kg.reconcile.fold import fold

#: Runs argv[1:] and reports its wall time and the peak RSS of its process tree's largest.
WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:]).returncode
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print("@@measure " + json.dumps({"code": code, "seconds": seconds, "peak_kib": peak}),
      file=sys.stderr)
"""
GIB = 2**30
LEVEL = re.compile(r"ISCED-(\d)")
FIELD = re.compile(r"\s*(\d{2,4})\b\s*-?\s*(.*)")


@dataclass(frozen=True)
class Run:
    """One measured process: exit code, wall seconds, peak RSS, what it printed."""

    code: int
    seconds: float
    peak_mib: float
    stdout: str
    stderr: str


def measure(argv: list[str], env: dict[str, str] | None = None, timeout: float = 3600) -> Run:
    """Run ``argv`` in a fresh wrapper process and measure it."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", WRAPPER, *argv],
            env=env, capture_output=True, text=True, timeout=timeout,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return Run(-1, timeout, float("nan"), "", f"timed out after {timeout:.0f} s")
    lines = done.stderr.splitlines()
    mark = "@@measure "
    report = json.loads(next(line for line in reversed(lines) if line.startswith(mark))[10:])
    stderr = "\n".join(line for line in lines if not line.startswith(mark))
    return Run(report["code"], report["seconds"], report["peak_kib"] / 1024, done.stdout, stderr)


# -- the reference: csv reader + dict --------------------------------------------------------


def _columns(header: list[str]) -> dict[str, int]:
    def key(name: str) -> str:
        return " ".join(name.lower().replace("organisation", "organization").split())

    return {key(name): n for n, name in enumerate(header)}


def baseline_csv(path: Path) -> dict[str, int]:
    """Aggregate ``path`` into flows the obvious way; rows read, kept and flows."""
    folded: Callable[[str], str] = functools.lru_cache(maxsize=None)(fold)
    known = set(COUNTRIES)
    flows: dict[tuple[object, ...], int] = {}
    read = kept = 0
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = csv.reader(handle, delimiter=";")
        col = _columns(next(rows))
        sides = [
            [col[f"{side} {part}"] for part in (
                "country code", "city", "organization", "organization erasmus code")]
            for side in ("sending", "receiving")
        ]  # fmt: skip
        year, ref = col["academic year"], col["project reference"]
        activity, level = col["activity (mob)"], col["education level"]
        field, number = col["field of education"], col["participants"]
        for row in rows:
            read += 1
            participants = row[number].strip()
            if not participants.isdigit() or int(participants) < 1:
                continue
            who: list[object] = []
            for country_at, city_at, name_at, code_at in sides:
                country, name = row[country_at].strip().upper(), row[name_at].strip()
                code = " ".join(row[code_at].upper().split())
                if country not in known or (name in ("", "-") and code in ("", "-")):
                    break
                who.append(code if code not in ("", "-") else
                           (folded(name), folded(row[city_at]), country))  # fmt: skip
            else:
                level_match = LEVEL.search(row[level])
                field_match = FIELD.match(row[field])
                key = (
                    *who, row[year].strip() or None, row[ref][:4], folded(row[activity]),
                    level_match.group(1) if level_match else None,
                    field_match.group(1) if field_match else None,
                    folded(field_match.group(2)) if field_match else None,
                )  # fmt: skip
                flows[key] = flows.get(key, 0) + int(participants)
                kept += 1
    return {"rows": read, "kept": kept, "flows": len(flows)}


def baseline_pandas(path: Path) -> dict[str, int]:
    """The same aggregation with pandas (vectorised checks, folding over unique values)."""
    pd = importlib.import_module("pandas")  # optional, untyped here

    def folded(column: Any) -> Any:
        return column.map({value: fold(value) for value in column.unique()})

    frame = pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    frame.columns = list(_columns(list(frame.columns)))
    read = len(frame)
    number = pd.to_numeric(frame["participants"].str.strip(), errors="coerce")
    ok = number.notna() & (number >= 1) & (number == number.round())
    keys = []
    for side in ("sending", "receiving"):
        country = frame[f"{side} country code"].str.strip().str.upper()
        name = frame[f"{side} organization"].str.strip()
        code = frame[f"{side} organization erasmus code"].str.upper().str.split().str.join(" ")
        has_code = ~code.isin(["", "-"])
        ok &= country.isin(list(COUNTRIES)) & (has_code | ~name.isin(["", "-"]))
        city = frame[f"{side} city"]
        fallback = folded(name) + "|" + folded(city) + "|" + country
        keys.append(code.where(has_code, fallback))
    fields = frame["field of education"].str.extract(FIELD.pattern)
    frame = frame.assign(
        s=keys[0], r=keys[1], n=number, call=frame["project reference"].str[:4],
        act=folded(frame["activity (mob)"]),
        lvl=frame["education level"].str.extract(LEVEL.pattern)[0],
        fc=fields[0], fn=folded(fields[1].fillna("")),
    )[ok]  # fmt: skip
    group = ["s", "r", "academic year", "call", "act", "lvl", "fc", "fn"]
    flows = frame.groupby(group, dropna=False)["n"].sum()
    return {"rows": read, "kept": int(ok.sum()), "flows": len(flows)}


BASELINES: dict[str, Callable[[Path], dict[str, int]]] = {
    "csv": baseline_csv,
    "pandas": baseline_pandas,
}


# -- the runs --------------------------------------------------------------------------------


def _cli(given: str | None) -> str:
    """``--cli``, else the ``kuopio-kg`` script beside this interpreter, or the one on PATH."""
    if given:
        return given
    beside = Path(sys.executable).with_name("kuopio-kg")
    return str(beside) if beside.exists() else shutil.which("kuopio-kg") or "kuopio-kg"


def _has_import(cli: str) -> bool:
    done = subprocess.run([cli, "import", "erasmus", "--help"], capture_output=True, text=True)
    return done.returncode == 0


def _env(data_dir: Path) -> dict[str, str]:
    return {**os.environ, "KUOPIO_KG_DATA_DIR": str(data_dir)}


def _line(label: str, rows: int | None, run: Run, extra: str = "") -> None:
    """One result line; ``rows`` None for runs whose speed is no rows per second."""
    if run.code != 0:
        print(f"  {label:<20} FAILED (exit {run.code}): {run.stderr.strip()[-400:]}")
        return
    speed = f"{rows / run.seconds:>11,.0f} rows/s" if rows else " " * 18
    print(f"  {label:<20} {run.seconds:8.1f} s {speed} peak {run.peak_mib:7.0f} MiB  {extra}")


def _graph_size(data_dir: Path, stats: Run) -> str:
    nt = data_dir / "imports" / "erasmus" / "mobility.nt"
    triples = sum(1 for _ in nt.open("rb")) if nt.exists() else 0
    mobility = [line.strip() for line in stats.stdout.splitlines() if "mobility" in line]
    return f"mobility.nt {triples:,} triples; stats: {'; '.join(mobility) or '(no mobility line)'}"


def bench_size(rows: int, seed: int, folder: Path, build: bool, cli: str) -> dict[str, Run]:
    """Generate a table of ``rows`` rows and measure every run on it."""
    table = folder / f"erasmus-{rows}.csv"
    start = time.perf_counter()
    totals = generate(rows, seed, table, count_flows=True)
    seconds = time.perf_counter() - start
    print(f"\n{rows:,} rows: generated in {seconds:.1f} s ({rows / seconds:,.0f} rows/s), "
          f"{table.stat().st_size / 2**20:.0f} MiB, {totals.rows - sum(totals.bad.values()):,} "
          f"good rows, {len(totals.flows or ()):,} flows ({len(totals.kuopio_flows):,} touching "
          f"Kuopio)")  # fmt: skip
    runs: dict[str, Run] = {}
    if _has_import(cli):
        for label, extra in (("import --all", ["--all"]), ("import Kuopio", [])):
            data_dir = folder / f"var-{rows}-{label.split()[-1].strip('-')}"
            runs[label] = measure([cli, "import", "erasmus", str(table), *extra], _env(data_dir))
            said = runs[label].stdout.strip().splitlines()
            _line(label, rows, runs[label], said[-1] if said else "")
            if build and runs[label].code == 0:
                built = measure([cli, "build"], _env(data_dir))
                stats = measure([cli, "stats"], _env(data_dir))
                runs[f"build ({label})"] = built
                _line(f"build after {label.split()[-1]}", None, built, _graph_size(data_dir, stats))
    else:
        print(f"  {cli} has no 'import erasmus' command here: the import and build are skipped")
    for name in BASELINES:
        if name == "pandas" and importlib.util.find_spec("pandas") is None:
            print(f"  {'pandas':<20} not installed: skipped")
            continue
        script = [sys.executable, __file__, "--baseline", name, str(table)]
        runs[name] = measure(script)
        counted = runs[name].stdout.strip().splitlines()[-1:] if runs[name].code == 0 else []
        _line(f"{name} + dict" if name == "csv" else name, rows, runs[name], " ".join(counted))
    ours = runs.get("import --all")
    if ours and ours.code == 0:
        for name in BASELINES:
            if name in runs and runs[name].code == 0:
                ref = runs[name]
                print(f"  ratio {name} / import --all: time {ref.seconds / ours.seconds:.1f}x, "
                      f"peak memory {ref.peak_mib / ours.peak_mib:.1f}x")  # fmt: skip
    table.unlink()
    return runs


def _targets(results: dict[int, dict[str, Run]]) -> None:
    print("\ntargets (issue 12)")
    sizes = sorted(results)
    for label in ("import --all", "import Kuopio"):
        done = {n: r[label] for n, r in results.items() if label in r and r[label].code == 0}
        if not done:
            print(f"  {label}: not measured")
            continue
        if 1_000_000 in done:
            run = done[1_000_000]
            fast = "yes" if run.seconds < 60 else "NO"
            lean = "yes" if run.peak_mib * 2**20 < 1.5 * GIB else "NO"
            print(f"  {label}: 1M rows in {run.seconds:.1f} s (< 60 s: {fast}), "
                  f"peak {run.peak_mib:.0f} MiB (< 1.5 GiB: {lean})")  # fmt: skip
        if len(done) > 1:
            small, large = done[sizes[0]], done[sizes[-1]]
            ratio = large.peak_mib / small.peak_mib
            print(f"  {label}: peak RSS {small.peak_mib:.0f} MiB at {sizes[0]:,} rows, "
                  f"{large.peak_mib:.0f} MiB at {sizes[-1]:,} rows ({ratio:.2f}x for "
                  f"{sizes[-1] / sizes[0]:.0f}x the rows; flat if well under that)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-build", action="store_true", help="skip the builds")
    parser.add_argument("--cli", help="the kuopio-kg command to measure (default: this venv's)")
    parser.add_argument("--baseline", choices=list(BASELINES), help=argparse.SUPPRESS)
    parser.add_argument("file", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.baseline:  # a measured child: aggregate one file and say what it found
        print(json.dumps(BASELINES[args.baseline](args.file)))
        return
    results: dict[int, dict[str, Run]] = {}
    cli = _cli(args.cli)
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        for rows in args.rows:
            results[rows] = bench_size(rows, args.seed, Path(tmp), not args.no_build, cli)
    _targets(results)


if __name__ == "__main__":
    main()
