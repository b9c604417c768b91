"""The example queries in ``queries/``: their text, and the header that introduces them.

A query file starts with comment lines of the form ``# key: value``; ``title`` and
``description`` are required, ``view`` (``table`` by default) hints how a UI shows it, and
``lists`` names the columns that hold a ``GROUP_CONCAT`` with the separator ``"; "``, whose
items come in no fixed order, and ``fixture`` names the test data the expected answer was
computed over when the published graph cannot give one (``erasmus``: the project's inputs
plus an import of the hand-written Erasmus+ tables in ``tests/fixtures/erasmus/``).
Its expected answer lies beside it: ``<name>.srj`` (SPARQL JSON results) for SELECT and
ASK, ``<name>.ttl`` for CONSTRUCT and DESCRIBE.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kuopio_kg.errors import InputError, Problem
from kuopio_kg.load import display_path

REQUIRED = ("title", "description")
#: How the items of a ``lists`` column are joined.
LIST_SEPARATOR = "; "
_SERVICE = re.compile(r"\bSERVICE\s+(?:SILENT\s+)?<([^>]+)>", re.IGNORECASE)
EXPECTED_SUFFIXES = (".srj", ".ttl")


@dataclass(frozen=True)
class ExampleQuery:
    name: str
    path: Path
    title: str
    description: str
    view: str
    text: str
    lists: tuple[str, ...] = ()
    fixture: str | None = None

    @property
    def services(self) -> tuple[str, ...]:
        """The endpoints a federated example calls through ``SERVICE <...>``."""
        return tuple(dict.fromkeys(_SERVICE.findall(self.text)))

    @property
    def expected(self) -> Path | None:
        """The stored expected answer, if there is one."""
        for suffix in EXPECTED_SUFFIXES:
            candidate = self.path.with_suffix(suffix)
            if candidate.exists():
                return candidate
        return None


def read_example(path: Path) -> ExampleQuery:
    """Parse one query file's header; a missing title or description is an InputError."""
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line.lstrip("# ").partition(":")
        if sep and key.strip().isidentifier():
            header[key.strip().lower()] = value.strip()
    for key in REQUIRED:
        if not header.get(key):
            shown = display_path(path, path.parent.parent)
            raise InputError(
                Problem(shown, 1, path.stem, f"the header has no '# {key}:' line",
                        f"start the file with '# {key}: ...'")
            )  # fmt: skip
    return ExampleQuery(
        name=path.stem,
        path=path,
        title=header["title"],
        description=header["description"],
        view=header.get("view", "table"),
        text=text,
        lists=tuple(header.get("lists", "").split()),
        fixture=header.get("fixture") or None,
    )


def load_examples(folder: Path) -> list[ExampleQuery]:
    """Every example query in ``folder``, sorted by file name."""
    return [read_example(path) for path in sorted(folder.glob("*.rq"))]
