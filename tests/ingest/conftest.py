"""Fixtures of the import tests: settings over a private data folder, and reading that
returns flows written by hand (so these tests do not depend on the reading stage)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

from ingest.flows import FILES, Inputs, reading
from kuopio_kg.ingest.erasmus.aggregate import FileStats
from kuopio_kg.ingest.gazetteer import Gazetteer
from kuopio_kg.settings import Settings


@pytest.fixture
def import_settings(tmp_path: Path) -> Settings:
    return Settings.from_env(environ={}).replace(data_dir=tmp_path / "var")


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """One gazetteer for the session's imports (each import would read GeoNames again)."""
    return Gazetteer()


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gazetteer: Gazetteer) -> Inputs:
    """Input files whose reading is stubbed to return the hand-written flows of FILES."""
    inputs = Inputs(tmp_path / "in")
    stub = reading(FILES)

    def read(
        path: Path,
        place: str | None,
        progress: Callable[[int], None] | None = None,
        sha256: str | None = None,
    ) -> tuple[pl.DataFrame, FileStats]:
        inputs.reads.append(path.name)
        return stub(path, place, progress, sha256)

    monkeypatch.setattr("kuopio_kg.ingest.erasmus.importer.aggregate_file", read)
    monkeypatch.setattr("kuopio_kg.ingest.erasmus.importer.Gazetteer", lambda: gazetteer)
    return inputs
