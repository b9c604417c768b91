"""Serving the app with gunicorn, configured from the settings (``kuopio-kg serve``)."""

from __future__ import annotations

from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication

from kuopio_kg.settings import Settings
from kuopio_kg.web.app import create_app
from kuopio_kg.web.gunicorn_conf import gunicorn_options


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, app: Flask, options: dict[str, Any]) -> None:
        self._app = app
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self._app


def serve(settings: Settings) -> None:
    """Run gunicorn in the foreground until interrupted."""
    _Gunicorn(create_app(settings), gunicorn_options(settings)).run()
