"""The Flask app factory and the one place errors become HTTP responses."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence

from flask import Flask, Response, g, jsonify, request
from werkzeug.exceptions import HTTPException

from kuopio_kg.errors import EndpointError, KuopioKgError
from kuopio_kg.settings import Settings
from kuopio_kg.web.extension import current_store, install
from kuopio_kg.web.pages import error_page, prefers_html
from kuopio_kg.web.publishing import install_publishing
from kuopio_kg.web.sparql import sparql
from kuopio_kg.web.sparql_endpoint import install_endpoint
from kuopio_kg.web.sparql_hygiene import install_hygiene
from kuopio_kg.web.sparql_metrics import metrics_blueprint
from kuopio_kg.web.sparql_ui import ui
from kuopio_kg.web.why import install_why

log = logging.getLogger("kuopio_kg.web")


def create_app(settings: Settings) -> Flask:
    """A ready app serving the current release under ``settings``."""
    app = Flask(__name__)
    install(app, settings)
    endpoint = install_endpoint(app, settings)
    app.register_blueprint(sparql)
    install_publishing(app)
    install_why(app)
    app.register_blueprint(ui)
    app.register_blueprint(metrics_blueprint(endpoint.metrics.render))

    @app.before_request
    def _request_id() -> None:
        g.request_id = request.headers.get("X-Request-Id") or uuid.uuid4().hex[:12]

    @app.after_request
    def _tag(response: Response) -> Response:
        response.headers["X-Request-Id"] = g.get("request_id", "")
        return response

    install_hygiene(app, endpoint)

    @app.get("/healthz")
    def healthz() -> Response:
        release, _ = current_store().get()
        return jsonify(status="ok", release=release.id)

    @app.errorhandler(KuopioKgError)
    def _known(error: KuopioKgError) -> tuple[Response, int]:
        response = _error_body(error.message, error.http_status, getattr(error, "suggestions", ()))
        if isinstance(error, EndpointError):
            response.headers.update(error.headers())
        return response, error.http_status

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> tuple[Response, int]:
        status = error.code or 500
        return _error_body(error.description or error.name, status), status

    @app.errorhandler(Exception)
    def _unknown(error: Exception) -> tuple[Response, int]:
        log.exception("request %s failed", g.get("request_id"))
        message = f"Internal error; quote request id {g.get('request_id')} when reporting it."
        return _error_body(message, 500), 500

    return app


def _error_body(message: str, status: int, suggestions: Sequence[str] = ()) -> Response:
    if prefers_html():
        return error_page(message, status, suggestions)
    return jsonify(error=message, status=status, request_id=g.get("request_id"))
