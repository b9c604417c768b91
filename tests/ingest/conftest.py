"""Fixtures of the import tests: settings over a private data folder, and reading that
returns flows written by hand (so these tests do not depend on the reading stage)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

from ingest.flows import (
    GRONINGEN,
    HOTEL,
    MADRID,
    NOWHERE,
    SAKKY,
    SAVONIA,
    UEF,
    flow,
    frame,
    reading,
)
from kuopio_kg.ingest.erasmus.aggregate import FileStats
from kuopio_kg.ingest.gazetteer import Gazetteer
from kuopio_kg.settings import Settings

#: The flows of two files: a.csv (Kuopio's three institutions and four partners) and b.csv
#: (one flow that is also in a.csv, and one of its own).
FILES = {
    "a.csv": frame(
        flow(SAVONIA, MADRID, 2),
        flow(("sf  kuopio08", "Savonia", "Kuopio", "FI"), MADRID, 1),
        flow(GRONINGEN, UEF, 1, activity="Staff mobility for teaching", level=7, field_code="0912",
             field_name="Medicine"),
        flow(SAKKY, HOTEL, 3, academic_year=None, activity="VET learners mobility", level=None,
             field_code="1013", field_name="Hotel, restaurants and catering", rows=2),
        flow(SAKKY, ("E SEVILLA99", 'Colegio "San José" \\ Sevilla', "Sevilla", "ES"), 1),
        flow(SAKKY, NOWHERE, 1, academic_year=None, call_year=None, activity=None, level=None,
             field_code=None, field_name=None),
    ),
    "b.csv": frame(
        flow(SAVONIA, MADRID, 5),
        flow(UEF, GRONINGEN, 2, academic_year="2020-2021", call_year=2020),
    ),
}  # fmt: skip


@pytest.fixture
def import_settings(tmp_path: Path) -> Settings:
    return Settings.from_env(environ={}).replace(data_dir=tmp_path / "var")


class Inputs:
    """Writes the input files by name (each with its own content, so its own checksum) and
    notes which ones the import reads."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.reads: list[str] = []

    def __call__(self, *names: str) -> list[Path]:
        self.folder.mkdir(exist_ok=True)
        for name in names:
            (self.folder / name).write_text(f"stand-in for {name}\n", encoding="utf-8")
        return [self.folder / name for name in names]


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
        path: Path, place: str | None, progress: Callable[[int], None] | None = None
    ) -> tuple[pl.DataFrame, FileStats]:
        inputs.reads.append(path.name)
        return stub(path, place, progress)

    monkeypatch.setattr("kuopio_kg.ingest.erasmus.importer.aggregate_file", read)
    monkeypatch.setattr("kuopio_kg.ingest.erasmus.importer.Gazetteer", lambda: gazetteer)
    return inputs
