"""Real remote stores for the tests: Oxigraph server and Virtuoso 7 on loopback.

Each kind is started once per session with a temporary database (``remote``, parametrized
by kind); ``fresh_remote`` starts a private one for a test that kills or changes it, and
``fresh_release`` builds the project's release into one. A release of the
project's inputs is loaded into the session's stores with ``build --store`` once
(``remote_settings``), and ``remote_server`` is a real gunicorn ``serve --store`` over it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kuopio_kg.build import build
from kuopio_kg.settings import Settings

from .servers import Server, start_oxigraph, start_virtuoso

KINDS = ("oxigraph", "virtuoso")
_STARTERS: dict[str, Callable[[Path], Server]] = {
    "oxigraph": start_oxigraph,
    "virtuoso": start_virtuoso,
}


@pytest.fixture(scope="session")
def _running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Server]]:
    servers: dict[str, Server] = {}
    yield servers
    for server in servers.values():
        server.stop()


def _start(kind: str, running: dict[str, Server], folder: Path) -> Server:
    if kind not in running:
        running[kind] = _STARTERS[kind](folder)
    return running[kind]


@pytest.fixture(scope="session", params=KINDS)
def remote(
    request: pytest.FixtureRequest,
    _running: dict[str, Server],
    tmp_path_factory: pytest.TempPathFactory,
) -> Server:
    """A running store of each kind, shared by the session."""
    kind: str = request.param
    return _start(kind, _running, tmp_path_factory.mktemp(kind))


@pytest.fixture
def fresh_remote(tmp_path: Path) -> Iterator[Callable[[str], Server]]:
    """``fresh_remote(kind)``: a private store, stopped at the end of the test."""
    started: list[Server] = []

    def start(kind: str) -> Server:
        server = _STARTERS[kind](tmp_path / kind)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def fresh_release(
    fresh_remote: Callable[[str], Server], tmp_path: Path
) -> Callable[[str], tuple[Server, Settings]]:
    """``fresh_release(kind)``: a private store with the project's release built into it,
    and the settings that build into and serve from it."""

    def start(kind: str) -> tuple[Server, Settings]:
        server = fresh_remote(kind)
        settings = store_settings(server, tmp_path / "var")
        build(settings)
        return server, settings

    return start


def store_settings(server: Server, data_dir: Path) -> Settings:
    """Settings that build into and serve from ``server``."""
    return Settings.from_env(environ={}).replace(
        data_dir=data_dir,
        store=server.query_url,
        store_update=server.update_url,
        store_graph_store=server.graph_store_url,
    )


def store_env(server: Server) -> dict[str, str]:
    """The same as ``start_server`` keyword settings."""
    return {
        "store": server.query_url,
        "store_update": server.update_url,
        "store_graph_store": server.graph_store_url,
    }


@pytest.fixture(scope="session")
def remote_settings(remote: Server, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The project's release loaded into ``remote`` by the build, once per kind."""
    settings = store_settings(remote, tmp_path_factory.mktemp("var"))
    build(settings)
    return settings


@pytest.fixture(scope="session")
def remote_server(
    remote: Server, remote_settings: Settings, start_server: Callable[..., str]
) -> str:
    """A real ``serve --store`` over the loaded release; its base URL."""
    return start_server(remote_settings.data_dir, **store_env(remote))
