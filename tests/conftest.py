"""The fixture chain: settings → built release → app → client (and a real server)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient

from kuopio_kg.build import build
from kuopio_kg.ingest.erasmus import import_erasmus
from kuopio_kg.release import Release
from kuopio_kg.settings import Settings
from kuopio_kg.web import create_app

#: The checkout the tests run from.
REPO = Path(__file__).resolve().parents[1]
#: The team's folder beside the checkout: the seed text and the verified fact sheet. It is
#: on our machines and in CI, not in a user's clone; everything else the tests read is in
#: the repository.
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared``; the checks against the seed text and the fact sheet skip without it,
    and say why (``-ra`` prints the reason)."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent: checks against the seed text and fact sheet need it")
    return SHARED


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings for the real inputs, with releases written to a private folder."""
    return Settings.from_env(environ={}).replace(data_dir=tmp_path_factory.mktemp("var"))


@pytest.fixture(scope="session")
def release(settings: Settings) -> Release:
    """One build of the project's real inputs, shared by the whole session."""
    return build(settings)


#: The hand-written Erasmus+ tables in the published format (two call years, both header
#: spellings), with their totals counted by hand in ``totals.json`` beside them.
ERASMUS_FIXTURE = REPO / "tests" / "fixtures" / "erasmus"
ERASMUS_TABLES = sorted(ERASMUS_FIXTURE.glob("mobility-*.csv"))


@pytest.fixture(scope="session")
def erasmus_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings whose release is the project's inputs plus an import of the hand-written
    Erasmus+ tables with the default place (Kuopio), built once per session."""
    settings = Settings.from_env(environ={}).replace(data_dir=tmp_path_factory.mktemp("var"))
    import_erasmus(settings, ERASMUS_TABLES)
    build(settings)
    return settings


@pytest.fixture(scope="session")
def app(settings: Settings, release: Release) -> Flask:
    return create_app(settings)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def start_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., str]]:
    """``start_server(data_dir, **settings)`` runs the real CLI server (gunicorn) on a free
    loopback port with those settings and returns its base URL; all stop at session end.

    Server output goes to a file: a pipe nobody reads fills up and stalls the server.
    """
    processes: list[subprocess.Popen[bytes]] = []

    def start(data_dir: Path, **settings: object) -> str:
        port = free_port()
        env = {
            **os.environ,
            "KUOPIO_KG_DATA_DIR": str(data_dir),
            "KUOPIO_KG_PORT": str(port),
            "KUOPIO_KG_HOST": "127.0.0.1",
            **{f"KUOPIO_KG_{name.upper()}": str(value) for name, value in settings.items()},
        }
        log = tmp_path_factory.mktemp("server") / "server.log"
        with log.open("wb") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", "kuopio_kg.cli", "serve"],
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        processes.append(process)
        url = f"http://127.0.0.1:{port}"
        wait_until_up(url + "/healthz", process, log)
        return url

    yield start
    stop(*processes)


def stop(*processes: subprocess.Popen[bytes]) -> None:
    """Ask each server to stop, and kill the ones still running 20 s later."""
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def server(settings: Settings, release: Release, start_server: Callable[..., str]) -> str:
    """The real server over the project's release; its base URL."""
    return start_server(settings.data_dir)


def wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = log.read_text(encoding="utf-8", errors="replace")[-3000:]
            raise RuntimeError(f"server exited with {process.returncode}: {output}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):
            # not listening yet, or too busy to answer in time (a loaded CI machine)
            time.sleep(0.2)
    raise RuntimeError(f"server at {url} did not come up within 60 s")


@pytest.fixture
def own_inputs(tmp_path: Path) -> Settings:
    """Settings over a private copy of the ontology and data folders, for tests that break them."""
    target = tmp_path
    shutil.copytree(REPO / "ontology", target / "ontology")
    shutil.copytree(REPO / "data", target / "data")
    return Settings.from_env(environ={}).replace(data_dir=target / "var", source=target)
