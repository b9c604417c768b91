"""Fixtures of the publishing tests.

Besides the project's real release (``settings`` → ``release`` → ``app`` → ``client`` in
tests/conftest.py), the page features are checked on a small fixed data set of our own
(``fixture/``), so that a map, a timeline, Wikidata links and inferred statements are
always there to be shown whatever the real data holds today.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests
from flask.testing import FlaskClient

from kuopio_kg.build import build
from kuopio_kg.release import Release
from kuopio_kg.settings import Settings
from kuopio_kg.web import create_app

FIXTURE = Path(__file__).parent / "fixture"


@pytest.fixture(scope="session")
def small_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings.from_env(environ={}).replace(
        data_dir=tmp_path_factory.mktemp("small-var"), source=FIXTURE
    )


@pytest.fixture(scope="session")
def small_release(small_settings: Settings) -> Release:
    return build(small_settings)


@pytest.fixture
def small_client(small_settings: Settings, small_release: Release) -> FlaskClient:
    return create_app(small_settings).test_client()


@pytest.fixture
def paged_client(settings: Settings, release: Release) -> FlaskClient:
    """The real release with two datasets per catalog page."""
    return create_app(settings.replace(catalog_page_size=2)).test_client()


@pytest.fixture(scope="session")
def live_server(settings: Settings, release: Release, start_server: Callable[..., str]) -> str:
    """The real server over the real release, with two datasets per catalog page so a
    harvester has to follow the pages."""
    return start_server(settings.data_dir, catalog_page_size=2)


@pytest.fixture(scope="session")
def erasmus_live_server(erasmus_settings: Settings, start_server: Callable[..., str]) -> str:
    """The real server over the release with an Erasmus+ import (graph/mobility filled),
    two datasets per catalog page."""
    return start_server(erasmus_settings.data_dir, catalog_page_size=2)


@pytest.fixture(scope="session")
def http() -> Iterator[requests.Session]:
    with requests.Session() as session:
        yield session
