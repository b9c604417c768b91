"""The production gunicorn configuration, derived from the settings.

``kuopio-kg serve`` runs gunicorn with :func:`gunicorn_options`, so production and tests
share one configuration, and every value follows a setting. Threaded workers keep serving
while a request waits on its query worker; each server process starts its query workers
right after the fork (``post_worker_init``), not on the first request; every log line
carries the request id (the app logs each request once, as ``kuopio_kg.web.access``).
"""

from __future__ import annotations

import copy
from typing import Any

from kuopio_kg.settings import Settings


def _logging() -> dict[str, Any]:
    """gunicorn's own logging configuration plus the app's loggers with the request id."""
    from gunicorn.glogging import CONFIG_DEFAULTS

    config: dict[str, Any] = copy.deepcopy(CONFIG_DEFAULTS)
    config.setdefault("filters", {})["request_id"] = {"()": "kuopio_kg.web.hygiene.RequestIdFilter"}
    config["formatters"]["app"] = {
        "format": "%(asctime)s %(levelname)s %(name)s id=%(request_id)s %(message)s"
    }
    config["handlers"]["app"] = {
        "class": "logging.StreamHandler",
        "formatter": "app",
        "filters": ["request_id"],
        "stream": "ext://sys.stderr",
    }
    config["loggers"]["kuopio_kg"] = {"handlers": ["app"], "level": "INFO", "propagate": False}
    config["loggers"]["gunicorn.error"]["propagate"] = False  # else the root prints it again
    return config


def _post_worker_init(worker: Any) -> None:
    """Start this server process's query workers, with the current release open, before it
    takes requests (with no release yet, requests get a 503 that says so)."""
    from kuopio_kg.web.state import state_of

    state_of(worker.wsgi).endpoint.start()


def gunicorn_options(settings: Settings) -> dict[str, Any]:
    """Bind, workers, threads, timeouts, limits, logging and hooks for ``settings``."""
    return {
        "bind": f"{settings.host}:{settings.port}",
        "workers": settings.workers,
        "worker_class": "gthread",
        "threads": settings.threads,
        "timeout": int(max(settings.query_timeout, settings.service_timeout)) + 30,
        "graceful_timeout": 10,
        "keepalive": 5,
        "limit_request_line": 8190,
        "limit_request_field_size": 16380,
        "logconfig_dict": _logging(),
        "post_worker_init": _post_worker_init,
    }
