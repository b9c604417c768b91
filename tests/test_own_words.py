"""Facts carry over from the source text, its sentences do not: no literal in the data
repeats a run of seven or more words of the seed text."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph, Literal

from conftest import REPO

RUN = 7


def _runs(text: str) -> set[str]:
    words = re.findall(r"[\w']+", text.lower())
    return {" ".join(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def test_data_literals_do_not_copy_the_seed_text(shared_dir: Path) -> None:
    seed_files = sorted((shared_dir / "seed").glob("*.txt"))
    assert seed_files, f"no seed text under {shared_dir / 'seed'}"
    seed = set().union(*(_runs(path.read_text(encoding="utf-8")) for path in seed_files))
    copied: list[str] = []
    for path in sorted((REPO / "data").rglob("*.ttl")):
        graph = Graph().parse(path, format="turtle")
        for s, p, o in graph:
            if isinstance(o, Literal) and (shared := _runs(str(o)) & seed):
                copied.append(f"{Path(path).name}: {s} {p}: {sorted(shared)[0]!r}")
    assert not copied, "\n".join(copied)
