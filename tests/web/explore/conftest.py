"""A release with mobility flows for the explore tests, an app and a real server over it.

The release is the project's own inputs plus ``tests/fixtures/explore/mobility.ttl``, a
small hand-written SYNTHETIC file of flows in the importer's shape (issue 12), loaded with
the curated data. The lead may switch this to the importer's fixture once
``kuopio-kg import erasmus`` has landed.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator

import pytest
from flask.testing import FlaskClient

from conftest import REPO
from kuopio_kg.build import build
from kuopio_kg.settings import Settings
from kuopio_kg.web import create_app
from kuopio_kg.web.state import state_of

FLOWS = REPO / "tests" / "fixtures" / "explore" / "mobility.ttl"


@pytest.fixture(scope="session")
def mobility_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings over a copy of the inputs with the synthetic flows added, built once."""
    source = tmp_path_factory.mktemp("explore-inputs")
    for folder in ("ontology", "data", "queries"):
        shutil.copytree(REPO / folder, source / folder)
    shutil.copy(FLOWS, source / "data" / "explore-mobility.ttl")
    settings = Settings.from_env(environ={}).replace(data_dir=source / "var", source=source)
    build(settings)
    return settings


@pytest.fixture(scope="module")
def explore_client(mobility_settings: Settings) -> Iterator[FlaskClient]:
    app = create_app(mobility_settings)
    yield app.test_client()
    state_of(app).endpoint.close()


@pytest.fixture(scope="session")
def explore_server(mobility_settings: Settings, start_server: Callable[..., str]) -> str:
    """The real server (gunicorn, loopback) over the release with mobility flows."""
    return start_server(mobility_settings.data_dir)
