"""Flows frames written by hand, in the schema the reading stage hands to resolution (see
the spec of issue 12), a stand-in for reading a file that returns them, and the input
files of the import tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl

from kuopio_kg.ingest.erasmus.aggregate import FileStats
from kuopio_kg.reconcile.fold import fold

SCHEMA: dict[str, Any] = {
    **{
        f"{side}_{part}": pl.Utf8
        for side in ("sender", "receiver")
        for part in ("code", "name", "name_key", "city", "city_key", "country")
    },
    "academic_year": pl.Utf8,
    "call_year": pl.Int32,
    "activity": pl.Utf8,
    "activity_key": pl.Utf8,
    "education_level": pl.Int8,
    "field_code": pl.Utf8,
    "field_name": pl.Utf8,
    "participants": pl.Int64,
    "rows": pl.Int64,
}


def flow(
    sender: tuple[str | None, str, str, str],
    receiver: tuple[str | None, str, str, str],
    participants: int = 1,
    *,
    academic_year: str | None = "2019-2020",
    call_year: int | None = 2019,
    activity: str | None = "Student mobility for studies",
    level: int | None = 6,
    field_code: str | None = "0413",
    field_name: str | None = "Management and administration",
    rows: int = 1,
) -> dict[str, Any]:
    """One flow row; each side is (code, name, city, country)."""
    row: dict[str, Any] = {}
    for side, (code, name, city, country) in (("sender", sender), ("receiver", receiver)):
        row |= {
            f"{side}_code": code,
            f"{side}_name": name,
            f"{side}_name_key": fold(name),
            f"{side}_city": city,
            f"{side}_city_key": fold(city),
            f"{side}_country": country,
        }
    return row | {
        "academic_year": academic_year,
        "call_year": call_year,
        "activity": activity,
        "activity_key": fold(activity) if activity else None,
        "education_level": level,
        "field_code": field_code,
        "field_name": field_name,
        "participants": participants,
        "rows": rows,
    }


def frame(*rows: dict[str, Any]) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=SCHEMA)


SAVONIA = ("SF KUOPIO08", "Savonia-ammattikorkeakoulu Oy", "Kuopio", "FI")
UEF = ("SF KUOPIO12", "Itä-Suomen yliopisto", "KUOPIO", "FI")
SAKKY = (None, "Savon ammattiopisto", "Kuopio", "FI")
MADRID = ("E  madrid03", "Universidad Complutense de Madrid", "MADRID", "ES")
GRONINGEN = ("NL GRONING01", "Rijksuniversiteit Groningen", "Groningen", "NL")
HOTEL = (None, "Hotel Olympia", "Thessaloniki", "GR")
NOWHERE = (None, "Tiny Trust", "Smallvillebury-on-Nothing", "GB")


def reading(by_name: dict[str, pl.DataFrame]) -> Callable[..., tuple[pl.DataFrame, FileStats]]:
    """A stand-in for ``aggregate_file``: the flows of a file by its name, with stats that
    count one row per flow row and skip one row for an unknown country code."""

    def aggregate_file(
        path: Path,
        place: str | None,
        progress: Callable[[int], None] | None = None,
        sha256: str | None = None,
    ) -> tuple[pl.DataFrame, FileStats]:
        flows = by_name[path.name]
        kept = int(flows["rows"].sum())
        if progress is not None:
            progress(kept + 1)
        stats = FileStats(
            path=path,
            sha256="",
            rows_read=kept + 1,
            rows_kept=kept,
            skipped={"unknown_country": 1, "bad_participants": 0, "no_organisation": 0},
            examples={"unknown_country": [(3, "country code XX")]},
            outside_place=0,
        )
        return flows, stats

    return aggregate_file


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
