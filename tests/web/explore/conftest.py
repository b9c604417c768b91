"""The explore tests' release, an app and a real server over it.

The release is the session's ``erasmus_settings`` one (tests/conftest.py): the project's
inputs plus a real import of the hand-written Erasmus+ tables, so the views draw flows in
graph/mobility as a researcher's import makes them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from flask.testing import FlaskClient

from kuopio_kg.settings import Settings
from kuopio_kg.web import create_app
from kuopio_kg.web.state import state_of


@pytest.fixture(scope="session")
def mobility_settings(erasmus_settings: Settings) -> Settings:
    return erasmus_settings


@pytest.fixture(scope="module")
def explore_client(mobility_settings: Settings) -> Iterator[FlaskClient]:
    app = create_app(mobility_settings)
    yield app.test_client()
    state_of(app).endpoint.close()


@pytest.fixture(scope="session")
def explore_server(mobility_settings: Settings, start_server: Callable[..., str]) -> str:
    """The real server (gunicorn, loopback) over the release with mobility flows."""
    return start_server(mobility_settings.data_dir)
