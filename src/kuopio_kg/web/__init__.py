"""The web application: create_app(settings) builds everything, no module-level state."""

from kuopio_kg.web.app import create_app

__all__ = ["create_app"]
