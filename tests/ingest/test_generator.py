"""The synthetic Erasmus+ tables of bench/gen_erasmus.py are in the published format, and
its totals say what it wrote.

The generator runs as the benchmark runs it (a subprocess), and the file is read back
with Python's csv module, independently of the generator's code: the header is compared
with the published one, and every total is recounted from the rows.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import REPO
from kuopio_kg.reconcile.fold import fold

GENERATOR = REPO / "bench" / "gen_erasmus.py"
#: The header of the published KA1 tables, as the Commission writes it.
PUBLISHED = (
    "Project Reference;Academic Year;Mobility Start Month;Mobility End Month;"
    "Mobility Duration;Activity (mob);Field of Education;Participant Nationality;"
    "Education Level;Participant Gender;Participant Profile;Special Needs;"
    "Fewer Opportunities;GroupLeader;Participant Age;Sending Country Code;Sending City;"
    "Sending Organization;Sending Organisation Erasmus Code;Receiving Country Code;"
    "Receiving City;Receiving Organization;Receiving Organisation Erasmus Code;Participants"
)
#: The country codes of the Erasmus+ tables (EU codes: EL, UK), to ISO 3166-1 alpha-2.
COUNTRY = {code: code for code in [
    "AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "HR", "HU", "IE",
    "IS", "IT", "LI", "LT", "LU", "LV", "MK", "MT", "NL", "NO", "PL", "PT", "RO", "RS", "SE",
    "SI", "SK", "TR",
]} | {"EL": "GR", "UK": "GB"}  # fmt: skip
ROWS = 2000


def _generate(out: Path, *extra: str, seed: int = 5, rows: int = ROWS) -> None:
    subprocess.run(
        [sys.executable, str(GENERATOR), "--rows", str(rows), "--seed", str(seed),
         "--out", str(out), *extra],
        check=True, capture_output=True,
    )  # fmt: skip


@pytest.fixture(scope="module", params=["american", "british"])
def table(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated table of ``ROWS`` rows, its totals beside it as ``.json``."""
    out = tmp_path_factory.mktemp("erasmus") / f"{request.param}.csv"
    british = ["--british"] if request.param == "british" else []
    _generate(out, "--totals", str(out.with_suffix(".json")), "--count-flows", *british)
    return out


def _rows(table: Path) -> list[dict[str, str]]:
    with table.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def test_header_is_the_published_one_after_a_byte_order_mark(table: Path) -> None:
    raw = table.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    first = raw[3:].split(b"\n", 1)[0].decode("utf-8")
    expected = PUBLISHED
    if table.stem == "british":
        expected = PUBLISHED.replace("Organization", "Organisation")
        assert "Organization" not in first
    assert first == expected


def test_every_row_parses_into_24_fields_and_some_quote_semicolons(table: Path) -> None:
    with table.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert len(rows) == ROWS + 1
    assert {len(row) for row in rows} == {24}
    assert any(";" in cell for row in rows for cell in row), "no quoted semicolon"
    assert any('"' in cell for row in rows for cell in row), "no quoted quote"
    assert b'""' in table.read_bytes()


def test_the_quirks_are_there(table: Path) -> None:
    rows = _rows(table)
    cities = [row["Sending City"] for row in rows]
    assert any(city.isupper() for city in cities)
    assert any(city != " ".join(city.split()) for city in cities)
    assert {"EL", "UK"} <= {row["Receiving Country Code"] for row in rows}
    assert "" in {row["Academic Year"] for row in rows}
    assert "??? - ? Unknown ?" in {row["Education Level"] for row in rows}
    assert any(row["Sending Organisation Erasmus Code"].startswith("D  ") for row in rows)
    assert all(row["Project Reference"][:4].isdigit() for row in rows)


def _fault(row: dict[str, str], org_column: str) -> list[str]:
    """The reasons a row is bad for, recounted from its text."""
    faults = []
    if any(row[f"{side} Country Code"] not in COUNTRY for side in ("Sending", "Receiving")):
        faults.append("unknown_country")
    number = row["Participants"]
    if not (number.isdigit() and int(number) > 0):
        faults.append("bad_participants")
    for side in ("Sending", "Receiving"):
        name = row[f"{side} {org_column}"].strip()
        code = row[f"{side} Organisation Erasmus Code"].strip()
        if name in ("", "-") and code in ("", "-"):
            faults.append("no_organisation")
    return faults


def _institution(name: str, code: str) -> str:
    return " ".join(code.upper().split()) if code.strip() not in ("", "-") else fold(name)


def test_totals_agree_with_a_recount_of_the_file(table: Path) -> None:
    totals = json.loads(table.with_suffix(".json").read_text(encoding="utf-8"))
    org = "Organisation" if table.stem == "british" else "Organization"
    bad: Counter[str] = Counter()
    sums: dict[str, Counter[str]] = {"all": Counter(), "kuopio": Counter()}
    institutions: Counter[tuple[str, str]] = Counter()
    kuopio_rows = 0
    for row in _rows(table):
        faults = _fault(row, org)
        assert len(faults) <= 1, (faults, row)
        if faults:
            bad[faults[0]] += 1
            continue
        n = int(row["Participants"])
        keys = {
            "receiving_country": COUNTRY[row["Receiving Country Code"]],
            "sending_country": COUNTRY[row["Sending Country Code"]],
            "academic_year": row["Academic Year"],
            "call_year": row["Project Reference"][:4],
            "activity": row["Activity (mob)"],
        }
        scopes = ["all"]
        sides = [(side, fold(row[f"{side} City"]) == "kuopio") for side in ("Sending", "Receiving")]
        if any(home for _, home in sides):
            scopes.append("kuopio")
            kuopio_rows += 1
            for side, home in sides:
                if home:
                    code = row[f"{side} Organisation Erasmus Code"]
                    who = _institution(row[f"{side} {org}"], code)
                    institutions[who, "out" if side == "Sending" else "in"] += n
        for scope in scopes:
            for key, value in keys.items():
                sums[scope][f"{key}|{value}"] += n
    assert totals["rows"] == ROWS
    assert totals["rows_bad"] == {reason: bad[reason] for reason in totals["rows_bad"]}
    assert sum(bad.values()) > 0
    assert set(bad) <= set(totals["rows_bad"])
    assert totals["rows_good"] == ROWS - sum(bad.values())
    for scope, written in (("all", totals), ("kuopio", totals["kuopio"])):
        recounted = {
            f"{key[len('participants_by_'):]}|{value}": n
            for key, by in written.items() if key.startswith("participants_by_")
            for value, n in by.items()
        }  # fmt: skip
        assert recounted == dict(sums[scope]), scope
        assert written["participants"] == sum(
            n for key, n in sums[scope].items() if key.startswith("activity|")
        )
    assert totals["kuopio"]["rows"] == kuopio_rows
    assert 0.01 < kuopio_rows / ROWS < 0.06
    for name, about in totals["kuopio"]["institutions"].items():
        who = about["erasmus_code"] or fold(name)
        assert (about["out"], about["in"]) == (institutions[who, "out"], institutions[who, "in"])
        assert about["out"] > 0, name
        assert about["in"] > 0, name
    assert 0 < totals["flows"] <= totals["rows_good"]


def test_same_seed_same_bytes_another_seed_another_table(tmp_path: Path) -> None:
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        _generate(tmp_path / f"{name}.csv", seed=seed, rows=300)
    a, b, c = ((tmp_path / f"{n}.csv").read_bytes() for n in "abc")
    assert a == b
    assert a != c
