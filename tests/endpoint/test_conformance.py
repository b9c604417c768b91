"""The W3C suites against the real server: protocol + service description, and evaluation.

Both run the shared runners as separate processes against a server with updates enabled
on a scratch release and standard dataset semantics (no union default graph), as the
suites assume. The thresholds are the issue's acceptance numbers.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from kuopio_kg.settings import PROJECT_ROOT, Settings
from kuopio_kg.web import create_app

from .conftest import TOKEN, current_endpoint_of, make_scratch_release

CONFORMANCE = PROJECT_ROOT.parent / "shared" / "conformance"


def _run(script: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(CONFORMANCE / script), *args],
        env={**os.environ, "SPARQL_TOKEN": TOKEN},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    return result.stdout + result.stderr


@pytest.mark.slow
def test_protocol_and_service_description_pass_37_of_37(update_server: str) -> None:
    output = _run("run_protocol.py", update_server + "/sparql", "--with-sd")
    assert "34 passed, 0 failed" in output, output
    assert "service description: 3 passed, 0 failed" in output, output


#: pyoxigraph 0.5.13's own failures in-process with the same runner (its 218/238 run).
OXIGRAPH_OWN_FAILURES = frozenset(
    [
        "aggregates/agg-groupconcat-04",
        "aggregates/agg-groupconcat-06",
        "aggregates/agg-avg-02",
        "aggregates/agg-min-01",
        "aggregates/agg-min-02",
        "aggregates/agg-err-02",
        "aggregates/agg-empty-group-count-graph",
        "aggregates/agg-min-distinct",
        "bindings/graph",
        "functions/plus-1-corrected",
        "functions/plus-2-corrected",
        "functions/bnode01",
        "functions/coalesce01",
        "negation/graph-minus",
        "property-path/zero_or_more_set_start",
        "property-path/zero_or_more_set_end",
        "property-path/zero_or_one_set_start",
        "property-path/zero_or_one_set_end",
        "csv-tsv-res/csv03",
        "csv-tsv-res/tsv03",
    ]
)


@pytest.mark.slow
def test_query_evaluation_over_http_loses_nothing_against_oxigraph_in_process(
    update_server: str,
) -> None:
    """Every test pyoxigraph passes in-process passes over HTTP.

    The runner skips the three CSV-format tests over HTTP (they need one request per
    format), so 218 in-process is 216 passed + 3 skipped here; the CSV tests below check
    our CSV output against those tests' expected files.
    """
    output = _run("run_sparql_eval.py", "--engine", update_server + "/sparql")
    found = re.search(r"^(\d+) passed, (\d+) failed, (\d+) skipped", output, re.M)
    assert found, output
    passed, failed, skipped = (int(n) for n in found.groups())
    assert passed + failed + skipped == 238, output
    assert passed >= 216, output[-4000:]
    failing = re.search(r"^failing tests: (.*)$", output, re.M)
    assert failing, output
    assert set(failing.group(1).split()) <= OXIGRAPH_OWN_FAILURES, output[-4000:]


CSV_TESTS = [
    ("csvtsv01.rq", "data.ttl", "csvtsv01.csv"),
    ("csvtsv02.rq", "data.ttl", "csvtsv02.csv"),
    pytest.param(
        "csvtsv01.rq",
        "data2.ttl",
        "csvtsv03.csv",
        marks=pytest.mark.xfail(
            strict=True, reason="pyoxigraph writes doubles as 1000000, not 1.0E6 (its own csv03)"
        ),
    ),
]


@pytest.mark.parametrize(("query", "data", "expected"), CSV_TESTS)
def test_results_formats_csv_tests_the_runner_skips_over_http(
    tmp_path: Path, query: str, data: str, expected: str
) -> None:
    """csv01-03: our CSV output against the expected files, rows compared as multisets.

    blank node labels are compared by position of first use, as the runner does.
    """
    folder = CONFORMANCE / "sparql11" / "csv-tsv-res"
    base = "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/csv-tsv-res/"
    settings = Settings.from_env(environ={}).replace(
        data_dir=make_scratch_release(tmp_path / "var"),
        update_token=TOKEN,
        union_default_graph=False,
    )
    app = create_app(settings)
    try:
        client = app.test_client()
        triples = Graph().parse(folder / data, publicID=base + data).serialize(format="nt")
        loaded = client.post(
            "/sparql",
            data=f"INSERT DATA {{ {triples} }}",
            content_type="application/sparql-update",
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert loaded.status_code == 204
        text = f"BASE <{base}>\n" + (folder / query).read_text(encoding="utf-8")
        got = client.post("/sparql", data={"query": text}, headers={"Accept": "text/csv"})
        assert got.status_code == 200
        assert _csv_rows(got.data.decode()) == _csv_rows(
            (folder / expected).read_text(encoding="utf-8")
        )
    finally:
        current_endpoint_of(app).pool.close()


def _csv_rows(text: str) -> list[tuple[str, ...]]:
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    order = sorted(range(len(header)), key=lambda i: header[i])
    labels: dict[str, str] = {}
    out = []
    for row in body:
        cells = []
        for i in order:
            cell = row[i]
            if cell.startswith("_:"):
                cell = labels.setdefault(cell, f"_:b{len(labels)}")
            cells.append(cell)
        out.append(tuple(cells))
    return sorted(out)
