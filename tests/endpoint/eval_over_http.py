"""An engine for the shared evaluation runner that takes every answer over HTTP, CSV too.

``run_sparql_eval.py --engine http://…`` skips the three CSV-format tests: they need a
second request, in CSV, for the same query. With ``--engine
tests.endpoint.eval_over_http:run`` the runner's own HTTP client loads each test's data
with SPARQL Update and asks the query, and asks again in CSV when the runner wants CSV,
so every one of the 238 tests measures the endpoint at ``EVAL_ENDPOINT`` over HTTP.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import rdflib
import run_sparql_eval as runner  # type: ignore[import-not-found]  # the runner's own folder
from rdflib.query import Result

#: What the runner's HTTP engine accepts, and how each answer type is parsed.
ACCEPT = (
    "application/sparql-results+json, text/turtle;q=0.9, application/n-triples;q=0.8, "
    "application/sparql-results+xml;q=0.7"
)
RESULT_FORMATS = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
}
GRAPH_FORMATS = {"text/turtle": "turtle", "application/n-triples": "nt"}


class OverHttp(Result):
    """A parsed answer that asks the endpoint again when it is to be written as CSV."""

    def __init__(self, parsed: Result, ask_csv: Callable[[], bytes]) -> None:
        super().__init__(parsed.type)
        self.vars = parsed.vars
        self.askAnswer = parsed.askAnswer
        self.graph = parsed.graph
        if parsed.type == "SELECT":
            self.bindings = parsed.bindings
        self._ask_csv = ask_csv

    def serialize(self, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("format") == "csv":
            return self._ask_csv()
        return super().serialize(*args, **kwargs)


def run(
    query: str,
    base: str,
    default_files: list[tuple[str, str]],
    named_files: list[tuple[str, str, str]],
) -> Result:
    client = runner.HttpEngine(os.environ["EVAL_ENDPOINT"])
    suite = (Path(runner.HERE) / "sparql11").resolve()
    client._load(
        [
            (path, fmt, runner.OFFICIAL_BASE + Path(path).resolve().relative_to(suite).as_posix())
            for path, fmt in default_files
        ],
        named_files,
    )
    text = query if "BASE" in query.upper()[:200] else f"BASE <{base}>\n{query}"
    body, content_type = client._post(client.url, text, "application/sparql-query", ACCEPT)
    kind = content_type.split(";")[0].strip().lower()
    if kind in RESULT_FORMATS:
        parsed = Result.parse(io.BytesIO(body), format=RESULT_FORMATS[kind])
    else:
        parsed = Result("CONSTRUCT")
        parsed.graph = rdflib.Graph().parse(data=body, format=GRAPH_FORMATS[kind])

    def ask_csv() -> bytes:
        csv_body: bytes = client._post(client.url, text, "application/sparql-query", "text/csv")[0]
        return csv_body

    return OverHttp(parsed, ask_csv)
