"""What the reading step accepts of the published format (header spellings, byte-order
mark, quoting, spellings of years, levels and fields) and what it refuses (a header
without a needed column, a file that is no table), and why rows are skipped."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from kuopio_kg.errors import ImportFormatError, InputError
from kuopio_kg.ingest.erasmus.aggregate import aggregate_file
from kuopio_kg.ingest.erasmus.columns import COLUMNS, USED, header_key, match_header

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "erasmus"
FIRST = FIXTURES / "mobility-2019-2020.csv"

#: One valid row, by header: Savonia sends one student to Granada.
ROW = {
    "Project Reference": "2019-1-FI01-KA103-060254",
    "Academic Year": "2019-2020",
    "Mobility Start Month": "2019-09",
    "Mobility End Month": "2020-01",
    "Mobility Duration": "120",
    "Activity (mob)": "Student mobility for studies between Programme Countries",
    "Field of Education": "0913 - Nursing and midwifery",
    "Participant Nationality": "FI",
    "Education Level": "ISCED-6 - First cycle / Bachelor\u2019s or equivalent level (EQF-6)",
    "Participant Gender": "Female",
    "Participant Profile": "Learner",
    "Special Needs": "No",
    "Fewer Opportunities": "No",
    "GroupLeader": "No",
    "Participant Age": "22",
    "Sending Country Code": "FI",
    "Sending City": "Kuopio",
    "Sending Organization": "Savonia-ammattikorkeakoulu Oy",
    "Sending Organisation Erasmus Code": "SF KUOPIO08",
    "Receiving Country Code": "ES",
    "Receiving City": "Granada",
    "Receiving Organization": "Universidad de Granada",
    "Receiving Organisation Erasmus Code": "E GRANADA01",
    "Participants": "1",
}


def _table(folder: Path, rows: list[dict[str, str]]) -> Path:
    """A semicolon-separated table of ``rows`` (each ``ROW`` with changes) under the
    published header."""
    lines = [";".join(ROW)]
    lines += [";".join({**ROW, **row}[name] for name in ROW) for row in rows]
    path = folder / "table.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _one_flow(folder: Path, **cells: str) -> dict[str, object]:
    flows, _ = aggregate_file(_table(folder, [cells]), None)
    assert flows.height == 1
    row: dict[str, object] = flows.row(0, named=True)
    return row


def test_the_header_table_names_every_published_column_once() -> None:
    assert [column.header for column in COLUMNS] == [
        "Project Reference", "Academic Year", "Mobility Start Month", "Mobility End Month",
        "Mobility Duration", "Activity (mob)", "Field of Education", "Participant Nationality",
        "Education Level", "Participant Gender", "Participant Profile", "Special Needs",
        "Fewer Opportunities", "GroupLeader", "Participant Age", "Sending Country Code",
        "Sending City", "Sending Organization", "Sending Organisation Erasmus Code",
        "Receiving Country Code", "Receiving City", "Receiving Organization",
        "Receiving Organisation Erasmus Code", "Participants",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("written", "published"),
    [
        ("\ufeffProject Reference", "Project Reference"),
        ("project reference", "Project Reference"),
        ("ACADEMIC  YEAR", "Academic Year"),
        (" Sending\tCity ", "Sending City"),
        ("Sending Organisation", "Sending Organization"),
        ("Receiving Organization Erasmus Code", "Receiving Organisation Erasmus Code"),
        ("Group Leader", "GroupLeader"),
    ],
)
def test_header_names_match_without_case_space_bom_or_spelling(
    written: str, published: str
) -> None:
    assert header_key(written) == header_key(published)


def test_the_british_and_american_headers_of_the_fixtures_map_alike() -> None:
    american = (FIXTURES / "mobility-2019-2020.csv").read_text(encoding="utf-8-sig")
    british = (FIXTURES / "mobility-2021.csv").read_text(encoding="utf-8")
    first, second = (text.splitlines()[0].split(";") for text in (american, british))
    assert "Sending Organization Erasmus Code" in first
    assert "Sending Organisation" in second
    assert "project reference" in second
    used = sorted(column.name for column in USED)
    assert sorted(match_header(first, "a").values()) == used
    assert sorted(match_header(second, "b").values()) == used


def test_the_byte_order_mark_is_read_past() -> None:
    assert FIRST.read_bytes().startswith(b"\xef\xbb\xbf")
    flows, stats = aggregate_file(FIRST, None)
    assert stats.rows_read == 35
    assert flows["call_year"].null_count() == 1  # only line 33 has no call year in front


def test_a_quoted_field_keeps_its_semicolon() -> None:
    flows, _ = aggregate_file(FIRST, "Kuopio")
    names = set(flows["sender_name"]) | set(flows["receiver_name"])
    assert "Hochschule für Musik; Theater und Medien Hannover" in names
    assert not any(name.startswith("Theater") for name in names)


@pytest.mark.parametrize("missing", [column.header for column in USED])
def test_a_header_without_a_needed_column_names_the_file_and_the_column(
    tmp_path: Path, missing: str
) -> None:
    header = [name for name in ROW if name != missing]
    path = tmp_path / "table.csv"
    path.write_text(";".join(header) + "\n" + ";".join(ROW[name] for name in header) + "\n")
    with pytest.raises(ImportFormatError) as caught:
        aggregate_file(path, None)
    error = caught.value
    assert str(path) in error.message
    assert repr(missing) in error.message
    assert isinstance(error, InputError)
    assert (error.exit_code, error.http_status) == (65, 422)
    assert error.problems[0].file == str(path)
    assert error.problems[0].line == 1


def test_personal_columns_are_not_needed(tmp_path: Path) -> None:
    header = [column.header for column in COLUMNS if column.used]
    path = tmp_path / "table.csv"
    path.write_text(";".join(header) + "\n" + ";".join(ROW[name] for name in header) + "\n")
    flows, stats = aggregate_file(path, None)
    assert (flows.height, stats.rows_kept) == (1, 1)


def test_a_column_given_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text(";".join([*ROW, "Sending Organisation"]) + "\n")
    with pytest.raises(ImportFormatError, match="Sending Organisation"):
        aggregate_file(path, None)


def _published(*rows: dict[str, str]) -> bytes:
    lines = [";".join(ROW), *(";".join({**ROW, **row}.values()) for row in rows)]
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\x01\x02 not a table\xff\xfe",
        _published({}).replace(b"Kuopio", b"Kuop\xffio"),
    ],
    ids=["empty", "binary", "not-utf-8"],
)
def test_a_file_that_is_no_mobility_table_is_a_format_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "table.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFormatError, match=r"table\.csv"):
        aggregate_file(path, None)


def test_a_missing_file_is_a_format_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match=r"absent\.csv cannot be imported"):
        aggregate_file(tmp_path / "absent.csv", None)


def test_an_xlsx_that_is_no_workbook_is_a_format_error(tmp_path: Path) -> None:
    path = tmp_path / "table.xlsx"
    path.write_bytes(FIRST.read_bytes())
    with pytest.raises(ImportFormatError, match=r"table\.xlsx"):
        aggregate_file(path, None)


@pytest.mark.parametrize(
    ("written", "year"),
    [
        ("2019-2020", "2019-2020"),
        ("2019-20", "2019-2020"),
        ("2019/2020", "2019-2020"),
        (" 2019 / 20 ", "2019-2020"),
        ("1999-00", "1999-2000"),
        ("", None),
        ("-", None),
        ("2019", None),
    ],
)
def test_academic_years_are_written_one_way(tmp_path: Path, written: str, year: str | None) -> None:
    assert _one_flow(tmp_path, **{"Academic Year": written})["academic_year"] == year


@pytest.mark.parametrize(
    ("reference", "call_year"),
    [
        ("2019-1-FI01-KA103-060254", 2019),
        ("2021-1-FI01-KA131-HED-000012345", 2021),
        ("FI01-KA103", None),
        ("-", None),
    ],
)
def test_the_call_year_is_the_start_of_the_project_reference(
    tmp_path: Path, reference: str, call_year: int | None
) -> None:
    assert _one_flow(tmp_path, **{"Project Reference": reference})["call_year"] == call_year


@pytest.mark.parametrize(
    ("written", "level"),
    [
        ("ISCED-6 - First cycle / Bachelor\u2019s or equivalent level (EQF-6)", 6),
        ("ISCED-8 - Third cycle / Doctoral or equivalent level (EQF-8)", 8),
        ("isced-7", 7),
        ("??? - ? Unknown ?", None),
        ("-", None),
        ("", None),
    ],
)
def test_the_education_level_is_the_isced_digit(
    tmp_path: Path, written: str, level: int | None
) -> None:
    assert _one_flow(tmp_path, **{"Education Level": written})["education_level"] == level


@pytest.mark.parametrize(
    ("written", "code", "name"),
    [
        ("0413 - Management and administration", "0413", "Management and administration"),
        ("041 Business and administration", "041", "Business and administration"),
        ("04 - Business, administration and law", "04", "Business, administration and law"),
        ("0413", "0413", None),
        ("Business and administration", None, "Business and administration"),
        ("  Nursing   and midwifery ", None, "Nursing and midwifery"),
        ("??? - ? Unknown ?", None, None),
        ("-", None, None),
    ],
)
def test_the_field_code_and_name_are_taken_apart(
    tmp_path: Path, written: str, code: str | None, name: str | None
) -> None:
    flow = _one_flow(tmp_path, **{"Field of Education": written})
    assert (flow["field_code"], flow["field_name"]) == (code, name)


def test_an_organisation_with_a_code_is_one_however_its_name_and_city_are_written(
    tmp_path: Path,
) -> None:
    code = "Sending Organisation Erasmus Code"
    rows = [
        {"Sending Organization": "Savonia University of Applied Sciences", code: "SF KUOPIO08"},
        {"Sending Organization": "Savonia-ammattikorkeakoulu Oy", "Sending City": "Iisalmi"},
        {"Sending Organization": "Savonia-ammattikorkeakoulu Oy", code: "sf kuopio08"},
    ]
    flow = _one_flow_of(tmp_path, rows)
    assert (flow["sender_code"], flow["sender_name"]) == (
        "SF KUOPIO08",
        "Savonia-ammattikorkeakoulu Oy",
    )
    assert (flow["sender_name_key"], flow["sender_city"]) == (
        "savonia ammattikorkeakoulu oy",
        "Kuopio",
    )
    assert (flow["participants"], flow["rows"]) == (3, 3)


def test_organisations_without_a_code_differ_by_name_city_or_country(tmp_path: Path) -> None:
    code = "Receiving Organisation Erasmus Code"
    rows = [
        {code: "-", "Receiving Organization": "Escuela Uno"},
        {code: "", "Receiving Organization": " ESCUELA  UNO "},
        {code: "-", "Receiving Organization": "Escuela Uno", "Receiving City": "Madrid"},
        {code: "-", "Receiving Organization": "Escuela Uno", "Receiving Country Code": "PT"},
        {code: "-", "Receiving Organization": "Escuela Dos"},
    ]
    flows, _ = aggregate_file(_table(tmp_path, rows), None)
    assert sorted(flows["rows"]) == [1, 1, 1, 2]


def test_codes_are_upper_case_with_single_spaces(tmp_path: Path) -> None:
    flow = _one_flow(tmp_path, **{"Sending Organisation Erasmus Code": "  sf   kuopio08 "})
    assert flow["sender_code"] == "SF KUOPIO08"


@pytest.mark.parametrize(
    ("cells", "reason", "detail"),
    [
        ({"Receiving Country Code": "XX"}, "unknown_country", "Receiving Country Code 'XX'"),
        ({"Sending Country Code": "-"}, "unknown_country", "Sending Country Code ''"),
        ({"Sending Country Code": "Finland"}, "unknown_country", "Sending Country Code 'FINLAND'"),
        ({"Participants": "0"}, "bad_participants", "Participants '0'"),
        ({"Participants": "1e3"}, "bad_participants", "Participants '1e3'"),
        ({"Participants": "+3"}, "bad_participants", "Participants '+3'"),
        ({"Participants": "-"}, "bad_participants", "Participants '-'"),
        (
            {"Receiving Organization": "", "Receiving Organisation Erasmus Code": "-"},
            "no_organisation",
            "no receiving organisation",
        ),
        (
            {"Receiving Country Code": "XX", "Participants": "abc"},
            "unknown_country",
            "Receiving Country Code 'XX'",
        ),
    ],
)
def test_a_bad_row_is_skipped_with_its_reason_and_line(
    tmp_path: Path, cells: dict[str, str], reason: str, detail: str
) -> None:
    flows, stats = aggregate_file(_table(tmp_path, [{}, cells, {}]), None)
    assert (flows.height, stats.rows_read, stats.rows_kept) == (1, 3, 2)
    assert stats.skipped[reason] == 1
    assert sum(stats.skipped.values()) == 1
    ((line, said),) = stats.examples[reason]
    assert line == 3
    assert detail in said


def test_examples_are_the_first_lines_of_each_distinct_problem_at_most_five(tmp_path: Path) -> None:
    counts = ["abc", "abc", "x1", "x2", "x3", "x4", "x5", "x6"]
    rows = [{"Participants": count} for count in counts]
    flows, stats = aggregate_file(_table(tmp_path, rows), None)
    assert flows.height == 0
    assert flows.schema == aggregate_file(FIRST, None)[0].schema
    assert stats.skipped["bad_participants"] == 8
    assert stats.examples["bad_participants"] == [
        (2, "Participants 'abc'"),
        (4, "Participants 'x1'"),
        (5, "Participants 'x2'"),
        (6, "Participants 'x3'"),
        (7, "Participants 'x4'"),
    ]


def test_blank_lines_are_not_rows_but_keep_the_line_numbers(tmp_path: Path) -> None:
    path = _table(tmp_path, [{}, {"Participants": "abc"}])
    path.write_text(path.read_text().replace("\n", "\n\n", 1) + ";;;\n\n")
    _, stats = aggregate_file(path, None)
    assert (stats.rows_read, stats.rows_kept) == (2, 1)
    assert stats.examples["bad_participants"] == [(4, "Participants 'abc'")]


def test_participants_are_summed_and_rows_counted(tmp_path: Path) -> None:
    rows = [{"Participants": "2"}, {"Participants": " 3 "}, {"Participants": "007"}]
    flow = _one_flow_of(tmp_path, rows)
    assert (flow["participants"], flow["rows"]) == (12, 3)


def _one_flow_of(folder: Path, rows: list[dict[str, str]]) -> dict[str, object]:
    flows, _ = aggregate_file(_table(folder, rows), None)
    assert flows.height == 1
    row: dict[str, object] = flows.row(0, named=True)
    return row


def test_flows_are_sorted_and_typed(tmp_path: Path) -> None:
    flows, _ = aggregate_file(FIRST, None)
    assert flows.equals(flows.sort(flows.columns, nulls_last=True))
    assert flows.schema["call_year"] == pl.Int32
    assert flows.schema["education_level"] == pl.Int8
