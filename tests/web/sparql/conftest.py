"""Fixtures of the endpoint suite: scratch releases and real servers with chosen settings.

``scratch_release`` is an empty release in its own data folder (never the project's
``var/``), for tests that load their own data with updates. ``start_server`` runs the
real CLI server (gunicorn) on a free loopback port with extra settings (tests/conftest.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from kuopio_kg.release import Releases
from kuopio_kg.settings import Settings
from kuopio_kg.store import OxigraphStore
from kuopio_kg.web import create_app
from kuopio_kg.web.state import state_of

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
    state_of(app).endpoint.close()


#: Ten people in the default graph, one fact in a named graph.
SAMPLE_DATA = (
    "PREFIX ex: <http://example.org/> INSERT DATA { "
    + " ".join(
        f'ex:p{i} a ex:Person ; ex:name "Person {i}"@en ; ex:age {20 + i} .' for i in range(10)
    )
    + " GRAPH ex:g { ex:p0 ex:knows ex:p1 } }"
)
