"""The query page: YASGUI (vendored in ``web/static/yasgui``) preset to this endpoint.

Served at /query, and at /sparql when a browser asks for HTML. Every ``queries/*.rq``
file is offered beside the editor with its title and description. ``?query=`` in the
page's address fills the editor, and the page keeps the address in step with the query,
so a link carries it. Without JavaScript the page falls back to a plain form. The
vendored YASGUI script is a megabyte; static files go gzipped to clients that accept it.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

from flask import Blueprint, Response, render_template, request, url_for
from werkzeug.security import safe_join

from kuopio_kg.examples import load_examples
from kuopio_kg.web.hygiene import GZIP_MINIMUM, accepts_gzip
from kuopio_kg.web.state import state

#: The app's static files (shared with the publishing pages' templates).
STATIC = Path(__file__).parent.parent / "static"


@lru_cache(maxsize=16)
def _gzipped(path: str, version: int) -> bytes:
    """The file at ``path`` gzipped, once per ``version`` (its modification time)."""
    return gzip.compress(Path(path).read_bytes(), 9)


class GzipStatic(Blueprint):
    """A blueprint whose static files are sent gzipped to clients that accept gzip."""

    def send_static_file(self, filename: str) -> Response:
        response = super().send_static_file(filename)
        path = safe_join(str(self.static_folder), filename)
        if (
            response.status_code != 200
            or path is None
            or not accepts_gzip(request)
            or (response.content_length or 0) < GZIP_MINIMUM
        ):
            return response
        tag, _ = response.get_etag()
        response.close()
        response.direct_passthrough = False
        response.set_data(_gzipped(path, Path(path).stat().st_mtime_ns))
        response.headers["Content-Encoding"] = "gzip"
        if tag:
            response.set_etag(tag, weak=True)
        return response


ui = GzipStatic("ui", __name__, static_folder=STATIC, static_url_path="/static/ui")


def render_ui() -> Response:
    """The UI page; the endpoint is the /sparql URL of the host the browser used."""
    page = render_template(
        "sparql_query.html",
        endpoint=url_for("sparql.endpoint", _external=True),
        examples=load_examples(state().settings.queries_dir),
        initial_query=request.args.get("query", ""),
    )
    return Response(page, content_type="text/html; charset=utf-8")


@ui.get("/query")
def query_page() -> Response:
    return render_ui()
