"""The Flask app factory: one state object, the core hooks, the four wings."""

from __future__ import annotations

from flask import Flask, Response, jsonify

from kuopio_kg.settings import Settings
from kuopio_kg.web.errors import install_errors
from kuopio_kg.web.explore.routes import install_explore
from kuopio_kg.web.hygiene import install_hygiene
from kuopio_kg.web.metrics import metrics_blueprint
from kuopio_kg.web.publish.routes import install_publishing
from kuopio_kg.web.reconcile.routes import install_reconcile
from kuopio_kg.web.sparql.views import install_sparql
from kuopio_kg.web.state import AppState, install, state


def create_app(settings: Settings) -> Flask:
    """A ready app serving the current release under ``settings`` (no process started)."""
    app = Flask(__name__)
    app_state = AppState.create(settings)
    install(app, app_state)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body
    install_hygiene(app, app_state.metrics)
    install_errors(app)
    install_sparql(app)
    install_publishing(app)
    install_reconcile(app)
    install_explore(app)
    app.register_blueprint(metrics_blueprint(app_state.metrics.render))

    @app.get("/healthz")
    def healthz() -> Response:
        return jsonify(status="ok", release=state().releases.release().id)

    return app
