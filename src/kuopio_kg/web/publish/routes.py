"""The publishing wing on the app: landing, catalog, VoID, dumps, /why, dereferenceable IRIs."""

from __future__ import annotations

import pyoxigraph as ox
from flask import Flask

from kuopio_kg.web.publish.catalog import catalog
from kuopio_kg.web.publish.dumps import dumps
from kuopio_kg.web.publish.landing import landing
from kuopio_kg.web.publish.resources import resources
from kuopio_kg.web.publish.why import why


def install_publishing(app: Flask) -> None:
    """Register the publishing blueprints and what their templates need."""
    app.jinja_env.tests["iri"] = lambda value: isinstance(value, ox.NamedNode)
    app.jinja_env.tests["literal"] = lambda value: isinstance(value, ox.Literal)
    for blueprint in (landing, catalog, dumps, why, resources):
        app.register_blueprint(blueprint)
