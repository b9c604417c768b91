"""The SPARQL endpoint at /sparql: GET and POST, SPARQL JSON results and Turtle graphs."""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, request

from kuopio_kg.errors import QueryError, UnsupportedMediaType
from kuopio_kg.namespaces import prefixes
from kuopio_kg.results import render
from kuopio_kg.web.extension import current_settings, current_store

sparql = Blueprint("sparql", __name__)

#: Media type of each result kind's response.
MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "turtle": "text/turtle; charset=utf-8",
}


@sparql.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response:
    text = _query_text()
    result = current_store().query(text)
    name = "turtle" if isinstance(result, ox.QueryTriples) else "json"
    body = render(result, name, prefixes(current_settings().base_iri))
    return Response(body, mimetype=MEDIA_TYPES[name])


def _query_text() -> str:
    if request.method == "GET":
        text = request.args.get("query")
    elif request.mimetype == "application/sparql-query":
        text = request.get_data(as_text=True)
    elif request.mimetype == "application/x-www-form-urlencoded":
        text = request.form.get("query")
    else:
        raise UnsupportedMediaType(
            "POST bodies must be application/sparql-query or a form, "
            f"not {request.mimetype or 'empty'}."
        )
    if not text:
        raise QueryError("No query given; send it in the 'query' parameter.")
    return text
