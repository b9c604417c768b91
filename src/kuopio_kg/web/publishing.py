"""Linked Data publishing on the app: dereferenceable IRIs, catalog, VoID, dumps, landing."""

from __future__ import annotations

import pyoxigraph as ox
from flask import Flask

from kuopio_kg.web.cache import install_cache
from kuopio_kg.web.catalog import catalog
from kuopio_kg.web.dumps import dumps
from kuopio_kg.web.landing import landing
from kuopio_kg.web.resources import resources


def install_publishing(app: Flask) -> None:
    """Register the publishing blueprints and what their templates need."""
    install_cache(app)
    app.jinja_env.tests["iri"] = lambda value: isinstance(value, ox.NamedNode)
    app.jinja_env.tests["literal"] = lambda value: isinstance(value, ox.Literal)
    for blueprint in (landing, catalog, dumps, resources):
        app.register_blueprint(blueprint)
