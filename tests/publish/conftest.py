"""Fixtures of the publishing tests.

Besides the project's real release (``settings`` → ``release`` → ``app`` → ``client`` in
tests/conftest.py), the page features are checked on a small fixed data set of our own
(``fixture/``), so that a map, a timeline, Wikidata links and inferred statements are
always there to be shown whatever the real data holds today.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from flask.testing import FlaskClient

from kuopio_kg.build import build
from kuopio_kg.release import Release
from kuopio_kg.settings import Settings
from kuopio_kg.web import create_app

from .server import free_port, wait_until_up

FIXTURE = Path(__file__).parent / "fixture"


@pytest.fixture(scope="session")
def small_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings.from_env(environ={}).replace(
        data_dir=tmp_path_factory.mktemp("small-var"),
        ontology_dir=FIXTURE / "ontology",
        input_dir=FIXTURE / "data",
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
def live_server(
    settings: Settings, release: Release, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The real CLI server (gunicorn) over the real release, with two datasets per catalog
    page so a harvester has to follow the pages. Its output goes to a file: a pipe nobody
    reads fills up after a few thousand requests and stalls the server."""
    log = tmp_path_factory.mktemp("live-server") / "server.log"
    port = free_port()
    env = {
        **os.environ,
        "KUOPIO_KG_DATA_DIR": str(settings.data_dir),
        "KUOPIO_KG_PORT": str(port),
        "KUOPIO_KG_HOST": "127.0.0.1",
        "KUOPIO_KG_CATALOG_PAGE_SIZE": "2",
    }
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "kuopio_kg.cli", "serve"],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(url + "/healthz", process, log)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=30)


@pytest.fixture(scope="session")
def http() -> Iterator[requests.Session]:
    with requests.Session() as session:
        yield session
