"""Where the app keeps its per-app objects: ``app.extensions``, never a module global."""

from __future__ import annotations

from flask import Flask, current_app

from kuopio_kg.query import CurrentStore
from kuopio_kg.settings import Settings

EXTENSION = "kuopio_kg"


def install(app: Flask, settings: Settings) -> None:
    app.extensions[EXTENSION] = CurrentStore(settings)


def current_store() -> CurrentStore:
    """The current release's store of the app handling this request."""
    store: CurrentStore = current_app.extensions[EXTENSION]
    return store


def current_settings() -> Settings:
    return current_store().settings
