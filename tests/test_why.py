"""Explanations of inferred triples: ``kuopio-kg why`` and the ``/why`` pages."""

from __future__ import annotations

import re
import subprocess
import sys

from flask.testing import FlaskClient

from kuopio_kg.release import Release
from kuopio_kg.settings import Settings
from kuopio_kg.store import OxigraphStore

#: A statement only the property chain gives: a series is held where its editions were.
CHAIN = """
SELECT ?series ?place WHERE {
  GRAPH <https://w3id.org/kuopio-kg/graph/inferred> {
    ?series <https://w3id.org/kuopio-kg/ontology#heldIn> ?place }
  GRAPH <https://w3id.org/kuopio-kg/graph/data> {
    ?edition <https://w3id.org/kuopio-kg/ontology#editionOf> ?series ;
             <https://w3id.org/kuopio-kg/ontology#heldIn> ?place }
} ORDER BY ?series ?place LIMIT 1
"""
HELD_IN = "https://w3id.org/kuopio-kg/ontology#heldIn"


def _chain_triple(release: Release) -> str:
    (row,) = OxigraphStore(release.store_path).select(CHAIN)
    return f"<{row['series'].value}> <{HELD_IN}> <{row['place'].value}>"


def _why(settings: Settings, triple: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "kuopio_kg.cli",
            "--data-dir",
            str(settings.data_dir),
            "why",
            triple,
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def test_why_explains_a_chain_inference_down_to_asserted_triples(
    settings: Settings, release: Release
) -> None:
    triple = _chain_triple(release)
    done = _why(settings, triple)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith(triple + " .")
    assert "[prp-spo2]" in lines[0]
    leaves = [line for line in lines if line.rstrip().endswith("[asserted]")]
    assert leaves
    assert any("#editionOf>" in line for line in leaves)
    depth = [len(line) - len(line.lstrip()) for line in lines]
    assert depth[0] == 0
    assert max(depth) > 0


def test_why_refuses_a_triple_not_in_the_release(settings: Settings, release: Release) -> None:
    done = _why(settings, "<http://example.org/a> <http://example.org/b> <http://example.org/c>")
    assert done.returncode == 1
    assert "neither asserted nor inferred" in done.stderr


def test_why_refuses_what_is_not_a_triple(settings: Settings, release: Release) -> None:
    done = _why(settings, "kuopio is in finland")
    assert done.returncode == 2
    assert "is not one N-Triples triple" in done.stderr


def test_entity_page_links_inferred_statements_to_their_explanation(
    client: FlaskClient, release: Release
) -> None:
    triple = _chain_triple(release)
    series = triple.split(">", 1)[0].removeprefix("<https://w3id.org/kuopio-kg")
    page = client.get(series, headers={"Accept": "text/html"})
    assert page.status_code == 200
    links = re.findall(r'href="(/why\?triple=[^"]+)"', page.get_data(as_text=True))
    assert links
    explained = client.get(links[0].replace("&amp;", "&"), headers={"Accept": "text/html"})
    assert explained.status_code == 200
    assert "asserted" in explained.get_data(as_text=True)


def test_why_answers_text_to_non_browsers(
    client: FlaskClient, settings: Settings, release: Release
) -> None:
    triple = _chain_triple(release)
    response = client.get("/why", query_string={"triple": triple})
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert response.get_data(as_text=True) == _why(settings, triple).stdout


def test_why_errors_are_4xx(client: FlaskClient, release: Release) -> None:
    assert client.get("/why").status_code == 400
    assert client.get("/why", query_string={"triple": "nonsense"}).status_code == 400
    missing = client.get(
        "/why", query_string={"triple": '<http://example.org/a> <http://example.org/b> "1"'}
    )
    assert missing.status_code == 404
    assert "neither asserted nor inferred" in missing.get_json()["error"]
