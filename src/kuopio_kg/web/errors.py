"""The one place errors become HTTP responses.

A project error answers with its own status and sentence (and the headers it carries); a
Werkzeug HTTP error with its description; anything else, and an :class:`InternalError`
such as a crashed worker, is logged with the request id and answered with a 500 that
only asks the user to quote that id. Browsers get an HTML page, other clients JSON;
under the paths a wing names with :func:`answer_json_under` (an API such as /reconcile,
whose clients may send a browser's Accept), every client gets JSON.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from flask import Flask, Response, current_app, g, jsonify, request
from werkzeug.exceptions import HTTPException

from kuopio_kg.errors import EndpointError, InternalError, KuopioKgError
from kuopio_kg.web.pages import error_page, prefers_html

log = logging.getLogger("kuopio_kg.web")

#: Where ``app.extensions`` keeps the path prefixes whose errors are always JSON.
JSON_ONLY = "kuopio_kg.json_errors"


def answer_json_under(app: Flask, prefix: str) -> None:
    """Answer every error on a path under ``prefix`` with JSON, whatever the Accept."""
    app.extensions[JSON_ONLY] = (*app.extensions.get(JSON_ONLY, ()), prefix)


def install_errors(app: Flask) -> None:
    @app.errorhandler(KuopioKgError)
    def _known(error: KuopioKgError) -> tuple[Response, int]:
        if isinstance(error, InternalError):
            return _unknown(error)
        response = _body(error.message, error.http_status, getattr(error, "suggestions", ()))
        if isinstance(error, EndpointError):
            response.headers.update(error.headers())
        return response, error.http_status

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> tuple[Response, int]:
        status = error.code or 500
        return _body(error.description or error.name, status), status

    @app.errorhandler(Exception)
    def _unknown(error: Exception) -> tuple[Response, int]:
        log.error("request %s failed", g.get("request_id"), exc_info=error)
        message = f"Internal error; quote request id {g.get('request_id')} when reporting it."
        return _body(message, 500), 500


def _body(message: str, status: int, suggestions: Sequence[str] = ()) -> Response:
    json_only = current_app.extensions.get(JSON_ONLY, ())
    if prefers_html() and not any(_under(request.path, p) for p in json_only):
        return error_page(message, status, suggestions)
    return jsonify(error=message, status=status, request_id=g.get("request_id"))


def _under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + "/")
