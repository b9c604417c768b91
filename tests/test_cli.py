"""The CLI: every command, its output formats, and errors as messages with exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kuopio_kg.release import Release
from kuopio_kg.settings import Settings


def run(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kuopio_kg.cli", "--data-dir", str(settings.data_dir), *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_query_inline_as_json(settings: Settings, release: Release) -> None:
    done = run(settings, "query", "-f", "json", "ASK { ?s ?p ?o }")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["boolean"] is True


@pytest.mark.parametrize(("fmt", "marker"), [("table", "(1 row)"), ("csv", "n\n"), ("tsv", "?n\n")])
def test_query_select_formats(settings: Settings, release: Release, fmt: str, marker: str) -> None:
    done = run(settings, "query", "-f", fmt, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert done.returncode == 0, done.stderr
    assert marker in done.stdout


def test_query_file_as_turtle(settings: Settings, release: Release, tmp_path: Path) -> None:
    query = tmp_path / "graphs.rq"
    query.write_text(
        "CONSTRUCT { ?g a <http://example.org/Graph> } WHERE { GRAPH ?g { ?s ?p ?o } }"
    )
    done = run(settings, "query", "-f", "turtle", str(query))
    assert done.returncode == 0, done.stderr
    assert "graph/data" in done.stdout


def test_bad_query_is_a_message_and_exit_1(settings: Settings, release: Release) -> None:
    done = run(settings, "query", "SELEC ?x")
    assert done.returncode == 1
    assert done.stderr.startswith("error: The query is not valid SPARQL")
    assert "Traceback" not in done.stderr


def test_stats_lists_graph_counts(settings: Settings, release: Release) -> None:
    done = run(settings, "stats")
    assert done.returncode == 0, done.stderr
    for graph, count in release.metadata["graphs"].items():
        assert f"graph {graph}" in done.stdout
        assert str(count) in done.stdout


def test_no_release_yet_says_what_to_do(tmp_path: Path) -> None:
    done = run(Settings.from_env(environ={}).replace(data_dir=tmp_path), "stats")
    assert done.returncode == 3
    assert "run `kuopio-kg build` first" in done.stderr


def test_bad_setting_is_exit_2(settings: Settings) -> None:
    done = run(settings, "--port", "x", "stats")
    assert done.returncode == 2
    assert "--port='x' is not valid" in done.stderr


def test_validate_reports_file_line_entity_and_fix(own_inputs: Settings) -> None:
    broken = own_inputs
    (broken.input_dir / "zz-broken.ttl").write_text(
        "@prefix kkg: <https://w3id.org/kuopio-kg/ontology#> .\n"
        "\n"
        "<https://w3id.org/kuopio-kg/id/event/nameless> a kkg:Festival .\n"
    )
    done = subprocess.run(
        [
            sys.executable, "-m", "kuopio_kg.cli",
            "--source", str(broken.source),
            "validate",
        ],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if "zz-broken.ttl:3" in line]
    assert lines, done.stderr
    assert all("id/event/nameless" in line and " — " in line for line in lines)
    assert done.stderr.rstrip().splitlines()[-1].startswith("error: ")


def test_valid_inputs_validate(settings: Settings) -> None:
    done = run(settings, "validate")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("valid:")


def test_syntax_error_exit_code_names_file_and_line(own_inputs: Settings) -> None:
    broken = own_inputs
    (broken.input_dir / "zz-syntax.ttl").write_text("<a> <b> <c>\n<d> .\n")
    done = subprocess.run(
        [sys.executable, "-m", "kuopio_kg.cli", "--source", str(broken.source),
         "--data-dir", str(broken.data_dir), "build"],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert done.returncode == 65
    # The file, the line the parser stopped at (the statement lacks its '.' before line 2).
    assert "data/zz-syntax.ttl:2: (syntax): Turtle syntax error" in done.stderr, done.stderr
    assert not (broken.data_dir / "current").exists()
