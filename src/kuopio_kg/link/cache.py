"""Answers of the Wikidata endpoint kept on disk, so a re-run asks nothing it already knows.

Each answer is one JSON file named by the SHA-256 of the query text, holding the SPARQL JSON
results and the date they were retrieved.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Answer:
    """SPARQL JSON results of one query and the UTC date they were retrieved (ISO 8601)."""

    results: dict[str, Any]
    retrieved: str

    def rows(self) -> list[dict[str, str]]:
        """Each solution as a mapping from variable name to the term's plain value."""
        bindings: list[dict[str, dict[str, str]]] = self.results["results"]["bindings"]
        return [{name: term["value"] for name, term in row.items()} for row in bindings]


class AnswerCache:
    """A folder of answers keyed by a hash of the query text."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, query: str) -> Path:
        return self.folder / (hashlib.sha256(query.encode("utf-8")).hexdigest() + ".json")

    def get(self, query: str) -> Answer | None:
        """The stored answer to ``query``, or None if it was never asked."""
        path = self._path(query)
        if not path.is_file():
            return None
        stored = json.loads(path.read_text(encoding="utf-8"))
        return Answer(stored["results"], stored["retrieved"])

    def put(self, query: str, answer: Answer) -> None:
        """Store ``answer``; written to a temporary file and renamed, so never half a file."""
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._path(query)
        partial = path.with_suffix(".part")
        text = json.dumps(
            {"query": query, "retrieved": answer.retrieved, "results": answer.results},
            ensure_ascii=False,
        )
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
