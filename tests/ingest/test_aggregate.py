"""The flows of the hand-written fixture tables equal the totals counted by hand in
``tests/fixtures/erasmus/totals.json``: per country, year, activity and Kuopio institution,
rows read, kept and skipped (with their lines), for one file, for the .xlsx copy and for
files combined."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from kuopio_kg.ingest.erasmus.aggregate import FLOW_SCHEMA, aggregate_file
from kuopio_kg.ingest.erasmus.columns import PERSONAL
from kuopio_kg.ingest.erasmus.read import scan

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "erasmus"
FIRST = FIXTURES / "mobility-2019-2020.csv"
SECOND = FIXTURES / "mobility-2021.csv"
PLACES = {"kuopio": "Kuopio", "all": None}


@pytest.fixture(scope="module")
def totals() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((FIXTURES / "totals.json").read_text(encoding="utf-8"))
    return loaded


def _by(flows: pl.DataFrame, column: str) -> dict[str, int]:
    sums: Counter[str] = Counter()
    for value, participants in flows.select(column, "participants").iter_rows():
        sums["" if value is None else str(value)] += participants
    return dict(sums)


def _side_ids(flows: pl.DataFrame, side: str) -> set[tuple[object, ...]]:
    rows = flows.select(
        f"{side}_code", f"{side}_name_key", f"{side}_city_key", f"{side}_country"
    ).iter_rows()
    return {
        (code,) if code is not None else (name, city, country) for code, name, city, country in rows
    }


def _institution(flows: pl.DataFrame, expected: dict[str, Any]) -> dict[str, Any]:
    def matches(side: str) -> pl.Expr:
        code = pl.col(f"{side}_code")
        if "erasmus_code" in expected:
            return code.eq(str(expected["erasmus_code"]))
        return code.is_null() & pl.col(f"{side}_name_key").eq(str(expected["name_key"]))

    counted = {key: value for key, value in expected.items() if key not in ("out", "in")}
    counted["out"] = int(flows.filter(matches("sender"))["participants"].sum())
    counted["in"] = int(flows.filter(matches("receiver"))["participants"].sum())
    return counted


def _totals(flows: pl.DataFrame, expected: dict[str, Any]) -> dict[str, Any]:
    """The totals of ``flows``, in the shape of one place section of totals.json."""
    cities = {
        (row[0], row[1])
        for side in ("sender", "receiver")
        for row in flows.select(f"{side}_city_key", f"{side}_country").iter_rows()
    }
    countries = set(flows["sender_country"]) | set(flows["receiver_country"])
    return {
        "flows": flows.height,
        "participants": int(flows["participants"].sum()),
        "organisations": len(_side_ids(flows, "sender") | _side_ids(flows, "receiver")),
        "cities": len(cities),
        "countries": len(countries),
        "by_receiving_country": _by(flows, "receiver_country"),
        "by_sending_country": _by(flows, "sender_country"),
        "by_academic_year": _by(flows, "academic_year"),
        "by_call_year": _by(flows, "call_year"),
        "by_activity": _by(flows, "activity"),
        "institutions": {
            name: _institution(flows, institution)
            for name, institution in expected["institutions"].items()
        },
    }


def _flow_part(expected: dict[str, Any]) -> dict[str, Any]:
    return {
        key: value for key, value in expected.items() if key not in ("rows_kept", "outside_place")
    }


@pytest.mark.parametrize("section", PLACES)
@pytest.mark.parametrize("path", [FIRST, SECOND], ids=lambda path: path.name)
def test_one_file_gives_the_hand_counted_totals(
    totals: dict[str, Any], path: Path, section: str
) -> None:
    expected_file = totals["files"][path.name]
    expected = expected_file[section]
    flows, stats = aggregate_file(path, PLACES[section])
    assert _totals(flows, expected) == _flow_part(expected)
    assert stats.rows_read == expected_file["rows_read"]
    assert stats.rows_kept == expected["rows_kept"] == flows["rows"].sum()
    assert stats.outside_place == expected["outside_place"]
    assert stats.skipped == expected_file["skipped"]
    assert stats.examples == {
        reason: [tuple(example) for example in examples]
        for reason, examples in expected_file["examples"].items()
    }
    assert stats.path == path
    assert stats.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("section", PLACES)
def test_combined_files_give_the_hand_counted_totals(totals: dict[str, Any], section: str) -> None:
    expected = totals["combined"][section]
    results = [aggregate_file(path, PLACES[section]) for path in (FIRST, SECOND)]
    # No flow is in both files (their call years differ): the totals are the frames' sums.
    flows = pl.concat([frame for frame, _ in results])
    assert _totals(flows, expected) == _flow_part(expected)
    assert flows["rows"].sum() == expected["rows_kept"]
    assert sum(stats.outside_place for _, stats in results) == expected["outside_place"]


def test_the_xlsx_sheet_gives_the_same_flows_and_lines_as_the_csv() -> None:
    for place in PLACES.values():
        from_csv, csv_stats = aggregate_file(FIRST, place)
        from_xlsx, xlsx_stats = aggregate_file(FIRST.with_suffix(".xlsx"), place)
        assert from_xlsx.equals(from_csv)
        for field in ("rows_read", "rows_kept", "skipped", "examples", "outside_place"):
            assert getattr(xlsx_stats, field) == getattr(csv_stats, field), field


def test_a_flow_shows_the_spelling_most_rows_used() -> None:
    """Lines 2 to 4: one flow written three ways; two rows write the sender in mixed case and
    the receiver in capitals; the three cities tie and the smallest string wins."""
    flows, _ = aggregate_file(FIRST, "Kuopio")
    (flow,) = flows.filter(
        (pl.col("sender_code") == "SF KUOPIO08")
        & (pl.col("receiver_code") == "E GRANADA01")
        & (pl.col("academic_year") == "2019-2020")
    ).iter_rows(named=True)
    assert flow["sender_name"] == "Savonia-ammattikorkeakoulu Oy"
    assert flow["sender_name_key"] == "savonia ammattikorkeakoulu oy"
    assert flow["sender_city"] == "KUOPIO"
    assert flow["sender_city_key"] == "kuopio"
    assert flow["receiver_name"] == "UNIVERSIDAD DE GRANADA"
    assert flow["receiver_city"] == "Granada"
    assert (flow["participants"], flow["rows"]) == (6, 3)
    assert (flow["call_year"], flow["education_level"], flow["field_code"]) == (2019, 6, "0913")
    assert flow["field_name"] == "Nursing and midwifery"


def test_unknown_level_and_field_are_null_however_written() -> None:
    """Lines 8 and 34: ``??? - ? Unknown ?`` and ``-`` are one unknown: one flow."""
    flows, _ = aggregate_file(FIRST, "Kuopio")
    flow = flows.filter(pl.col("receiver_code") == "UK EDINBUR01", pl.col("call_year") == 2019)
    assert flow.height == 1
    assert flow.select("education_level", "field_code", "field_name").row(0) == (None, None, None)
    assert (flow["participants"].item(), flow["rows"].item()) == (3, 2)


def test_eu_country_codes_become_iso_codes() -> None:
    flows, _ = aggregate_file(FIRST, None)
    countries = set(flows["sender_country"]) | set(flows["receiver_country"])
    assert {"GR", "GB"} <= countries
    assert not {"EL", "UK"} & countries


def test_organisations_without_a_code_are_told_apart_by_folded_name_and_city() -> None:
    """Lines 15 and 16 write Sakky and its partner in two ways, without codes: one flow."""
    flows, _ = aggregate_file(FIRST, "Kuopio")
    lingen = flows.filter(pl.col("receiver_city_key") == "lingen")
    assert lingen.height == 1
    assert lingen.select("sender_code", "sender_name_key", "participants", "rows").row(0) == (
        None,
        "savon koulutuskuntayhtyma",
        6,
        2,
    )


@pytest.mark.parametrize("place", ["Kuopio", "  KUOPIO ", "kuopio"])
def test_the_place_is_matched_folded(place: str) -> None:
    flows, stats = aggregate_file(FIRST, place)
    assert (flows.height, stats.rows_kept, stats.outside_place) == (19, 24, 3)


def test_a_place_keeps_the_flows_with_either_side_there() -> None:
    flows, stats = aggregate_file(FIRST, "Granada")
    assert flows.height > 0
    assert all(
        "granada" in pair
        for pair in flows.select("sender_city_key", "receiver_city_key").iter_rows()
    )
    assert stats.rows_kept + stats.outside_place + sum(stats.skipped.values()) == stats.rows_read


def test_no_personal_column_survives_reading() -> None:
    assert {
        "nationality", "gender", "profile", "special_needs", "fewer_opportunities",
        "group_leader", "age",
    } == PERSONAL  # fmt: skip
    read = set(scan(FIRST).collect_schema().names())
    assert not read & PERSONAL
    flows, _ = aggregate_file(FIRST, None)
    assert flows.schema == pl.Schema(FLOW_SCHEMA)
    values = {str(value) for column in flows.iter_columns() for value in column}
    assert not {"Female", "Male", "Learner", "Staff"} & values


def test_progress_reports_every_row_read() -> None:
    reported: list[int] = []
    aggregate_file(FIRST, "Kuopio", progress=reported.append)
    assert reported
    assert sum(reported) == 35
