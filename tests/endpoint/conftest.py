"""Fixtures of the endpoint suite: scratch releases and real servers with chosen settings.

``scratch_release`` is an empty release in its own data folder (never the project's
``var/``), for tests that load their own data with updates. ``start_server`` runs the
real CLI server (gunicorn) on a free loopback port with extra environment.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient

from kuopio_kg.release import Releases
from kuopio_kg.settings import Settings
from kuopio_kg.store import OxigraphStore
from kuopio_kg.web import create_app
from kuopio_kg.web.sparql_endpoint import EXTENSION, Endpoint

TOKEN = "test-update-token"
StartServer = Callable[..., str]


def make_scratch_release(data_dir: Path) -> Path:
    """An empty release (one empty store) made current in ``data_dir``."""

    def write(folder: Path) -> dict[str, object]:
        store = OxigraphStore(folder / "store", read_only=False)
        store.flush()
        del store
        return {"graphs": {}}

    Releases(data_dir).create("scratch", write)
    return data_dir


@pytest.fixture
def scratch_dir(tmp_path: Path) -> Path:
    return make_scratch_release(tmp_path / "var")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            stderr = process.stderr.read().decode() if process.stderr else ""
            raise RuntimeError(f"server exited with {process.returncode}: {stderr}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server at {url} did not come up within 60 s")


@pytest.fixture(scope="session")
def start_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StartServer]:
    """``start_server(data_dir, **settings)`` → base URL; every server stops at session end."""
    processes: list[subprocess.Popen[bytes]] = []

    def start(data_dir: Path, **settings: object) -> str:
        port = _free_port()
        env = {
            **os.environ,
            "KUOPIO_KG_DATA_DIR": str(data_dir),
            "KUOPIO_KG_PORT": str(port),
            "KUOPIO_KG_HOST": "127.0.0.1",
            **{f"KUOPIO_KG_{k.upper()}": str(v) for k, v in settings.items()},
        }
        log = tmp_path_factory.mktemp("server-log") / "stderr.log"
        process = subprocess.Popen(
            [sys.executable, "-m", "kuopio_kg.cli", "serve"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log.open("wb"),
        )
        processes.append(process)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(url + "/healthz", process)
        except RuntimeError as exc:
            raise RuntimeError(f"{exc}\n{log.read_text()[-3000:]}") from None
        return url

    yield start
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def update_server(tmp_path_factory: pytest.TempPathFactory, start_server: StartServer) -> str:
    """A server on an empty scratch release with updates enabled and standard datasets."""
    data_dir = make_scratch_release(tmp_path_factory.mktemp("scratch") / "var")
    return start_server(data_dir, update_token=TOKEN, union_default_graph="false")


class BufferedClient(FlaskClient):
    """Reads each streamed body at once, as a real client does, so workers come back."""

    def open(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("buffered", True)
        return super().open(*args, **kwargs)


@pytest.fixture(scope="module")
def scratch_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlaskClient]:
    """Flask's client on an app over a scratch release holding a little test data.

    Updates are on (token :data:`TOKEN`), the default graph is the store's own (not the
    union), and the row limit is 5 so that cutting a result is easy to see.
    """
    data_dir = make_scratch_release(tmp_path_factory.mktemp("scratch-app") / "var")
    settings = Settings.from_env(environ={}).replace(
        data_dir=data_dir, update_token=TOKEN, union_default_graph=False, max_rows=5
    )
    app = create_app(settings)
    app.test_client_class = BufferedClient
    client = app.test_client()
    response = client.post(
        "/sparql",
        data=SAMPLE_DATA,
        content_type="application/sparql-update",
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 204, response.data
    yield client
    current_endpoint_of(app).pool.close()


#: Ten people in the default graph, one fact in a named graph.
SAMPLE_DATA = (
    "PREFIX ex: <http://example.org/> INSERT DATA { "
    + " ".join(
        f'ex:p{i} a ex:Person ; ex:name "Person {i}"@en ; ex:age {20 + i} .' for i in range(10)
    )
    + " GRAPH ex:g { ex:p0 ex:knows ex:p1 } }"
)


def current_endpoint_of(app: Flask) -> Endpoint:
    endpoint: Endpoint = app.extensions[EXTENSION]
    return endpoint
