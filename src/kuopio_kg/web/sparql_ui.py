"""The query page: YASGUI (vendored in ``static/yasgui``) preset to this endpoint.

Served at /query, and at /sparql when a browser asks for HTML. Every ``queries/*.rq``
file is offered beside the editor with its title and description. ``?query=`` in the
page's address fills the editor, and the page keeps the address in step with the query,
so a link carries it. Without JavaScript the page falls back to a plain form.
"""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request, url_for

from kuopio_kg.examples import load_examples
from kuopio_kg.web.extension import current_settings

ui = Blueprint("ui", __name__, template_folder="templates", static_folder="static",
               static_url_path="/static/ui")  # fmt: skip


def render_ui() -> Response:
    """The UI page; the endpoint is the /sparql URL of the host the browser used."""
    page = render_template(
        "sparql_query.html",
        endpoint=url_for("sparql.endpoint", _external=True),
        examples=load_examples(current_settings().queries_dir),
        initial_query=request.args.get("query", ""),
    )
    return Response(page, content_type="text/html; charset=utf-8")


@ui.get("/query")
def query_page() -> Response:
    return render_ui()
