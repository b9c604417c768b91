"""An explore query run through the app's query service, as /sparql would run it.

The downloads use the same :class:`~kuopio_kg.sparql.service.Endpoint` as the endpoint, so
the same deadline, row limit and result cache apply; a cut result is reported, not hidden.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from flask import url_for

from kuopio_kg.examples import ExampleQuery, read_example
from kuopio_kg.sparql.service import Dataset, QueryRequest
from kuopio_kg.web.state import state

#: The query file behind each view, in ``queries/``.
QUERIES = {"network": "explore-network", "map": "explore-places", "timeline": "explore-timeline"}

#: One solution: variable name → the value of its term (unbound variables are absent).
Row = dict[str, str]


@dataclass(frozen=True)
class Rows:
    rows: list[Row]
    #: Whether the endpoint's row limit cut the answer.
    truncated: bool


def example(view: str) -> ExampleQuery:
    """The query file of ``view`` (a key of :data:`QUERIES`)."""
    return read_example(state().settings.queries_dir / f"{QUERIES[view]}.rq")


def run(view: str) -> Rows:
    """The rows of the query of ``view``, from the query service."""
    answer = state().endpoint.query(
        QueryRequest(
            example(view).text,
            url_for("sparql.endpoint", _external=True),
            Dataset(),
            result_format="json",
            graph_format=None,
        )
    )
    body = json.loads(b"".join(answer.body))
    rows = [{name: term["value"] for name, term in binding.items()}
            for binding in body["results"]["bindings"]]  # fmt: skip
    return Rows(rows, answer.head is not None and answer.head.truncated)
