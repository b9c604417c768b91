"""``kuopio-kg import erasmus`` end to end, on a small table in the published format."""

from __future__ import annotations

from pathlib import Path

import pytest

from kuopio_kg.cli import main

HEADER = (
    "Project Reference;Academic Year;Mobility Start Month;Mobility End Month;Mobility Duration;"
    "Activity (mob);Field of Education;Participant Nationality;Education Level;"
    "Participant Gender;Participant Profile;Special Needs;Fewer Opportunities;GroupLeader;"
    "Participant Age;Sending Country Code;Sending City;Sending Organization;"
    "Sending Organisation Erasmus Code;Receiving Country Code;Receiving City;"
    "Receiving Organization;Receiving Organisation Erasmus Code;Participants"
)
ROW = (
    "2019-1-FI01-KA103-060254;2019-2020;2019-09;2019-12;90;Student mobility for studies;"
    "0413 - Management and administration;FI;ISCED-6 - First cycle / Bachelor's or equivalent "
    "level (EQF-6);Female;Learner;No;No;No;21;FI;Kuopio;Savonia-ammattikorkeakoulu Oy;"
    "SF KUOPIO08;{country};Madrid;Universidad Complutense de Madrid;E MADRID03;{participants}"
)


@pytest.fixture
def table(tmp_path: Path) -> Path:
    path = tmp_path / "mobility-2019.csv"
    rows = [ROW.format(country="ES", participants=2), ROW.format(country="ES", participants=1),
            ROW.format(country="XX", participants=1)]  # fmt: skip
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_import_erasmus_writes_the_folder_and_reports(
    table: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "var"
    assert main(["--data-dir", str(data_dir), "import", "erasmus", str(table)]) == 0
    out = capsys.readouterr().out
    assert "mobility-2019.csv: read; rows read 3, kept 2, skipped 1" in out
    assert "unknown country code" in out
    assert "mobility-2019.csv:4" in out
    assert "flows written: 1" in out
    assert "organisations: 1 matched, 1 new" in out
    folder = data_dir / "imports" / "erasmus"
    assert {p.name for p in folder.iterdir()} >= {"manifest.json", "mobility.nt", "tables"}
    assert main(["--data-dir", str(data_dir), "import", "erasmus", str(table)]) == 0
    assert "already imported, unchanged" in capsys.readouterr().out


def test_place_and_all_together_are_refused(table: Path, tmp_path: Path) -> None:
    argv = ["--data-dir", str(tmp_path), "import", "erasmus", str(table), "--all", "--place", "X"]
    assert main(argv) == 2
    assert not (tmp_path / "imports").exists()


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    assert main(["--data-dir", str(tmp_path), "import", "erasmus", str(tmp_path / "no.csv")]) == 2
