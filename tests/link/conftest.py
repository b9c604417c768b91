"""Fixtures of the linker tests: a fresh stand-in for Wikidata per test, a private copy of
the inputs (so links the linker writes stay in the test's folder), and a client whose
sleep records the waits instead of waiting."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO
from kuopio_kg.link import WikidataClient, client_for
from kuopio_kg.settings import Settings
from link.standin import StandIn, start

CONTACT = "linker-tests@example.org"


@pytest.fixture
def standin() -> Iterator[StandIn]:
    running, server = start()
    yield running
    server.shutdown()
    server.server_close()


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A copy of the project's inputs, for tests that write links."""
    folder = tmp_path / "source"
    for name in ("ontology", "data", "queries"):
        shutil.copytree(REPO / name, folder / name)
    return folder


@pytest.fixture
def link_settings(tmp_path: Path, source: Path, standin: StandIn) -> Settings:
    return Settings.from_env(environ={}).replace(
        source=source,
        data_dir=tmp_path / "var",
        wikidata_endpoint=standin.url,
        wikidata_timeout=1.0,
        contact_email=CONTACT,
    )


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def client(link_settings: Settings, sleeps: list[float]) -> WikidataClient:
    return client_for(link_settings, sleep=sleeps.append)
