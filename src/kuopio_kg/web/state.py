"""The one object an app keeps: settings, the release follower, the query service, metrics.

:func:`create_app` makes it and hangs it on ``app.extensions``; views reach it through
:func:`state`. One :class:`~kuopio_kg.current.Follower` serves everything: the publishing
pages read its store and remember what they made per release, the query service asks it
which release to run on, and the explainer is remembered on the release it explains.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app

from kuopio_kg.current import Current, Follower, RemoteFollower
from kuopio_kg.settings import Settings
from kuopio_kg.sparql.service import Endpoint
from kuopio_kg.web.metrics import Metrics

EXTENSION = "kuopio_kg"


@dataclass(frozen=True)
class AppState:
    settings: Settings
    releases: Follower
    endpoint: Endpoint
    metrics: Metrics

    @classmethod
    def create(cls, settings: Settings) -> AppState:
        """Everything an app needs for ``settings``; no process is started yet."""
        releases = _remote_follower(settings) if settings.store else Follower(settings.data_dir)
        metrics = Metrics()
        endpoint = Endpoint(settings, releases.release, metrics)
        metrics.cache = endpoint.cache
        return cls(settings, releases, endpoint, metrics)

    def current(self) -> Current:
        """The current release (followed on every call: one readlink)."""
        return self.releases.get()


def _remote_follower(settings: Settings) -> Follower:
    """The follower of the remote store's release record (the HTTP client loads only here)."""
    from kuopio_kg.store.remote import remote_store
    from kuopio_kg.store.versions import RemoteReleases

    releases = RemoteReleases(remote_store(settings), settings.base_iri, settings.data_dir)
    return RemoteFollower(releases)


def install(app: Flask, app_state: AppState) -> None:
    app.extensions[EXTENSION] = app_state


def state_of(app: Flask) -> AppState:
    found: AppState = app.extensions[EXTENSION]
    return found


def state() -> AppState:
    """The state of the app handling this request."""
    return state_of(current_app)
