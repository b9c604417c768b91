"""The build: releases are complete or absent, reproducible, and failures change nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from kuopio_kg.build import build
from kuopio_kg.errors import InputError, ValidationError
from kuopio_kg.graphs import ASSERTED
from kuopio_kg.release import Release, Releases
from kuopio_kg.settings import Settings
from kuopio_kg.store import OxigraphStore
from kuopio_kg.web import create_app

ONTOLOGY = """
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix kkg: <https://w3id.org/kuopio-kg/ontology#> .
kkg:Festival a owl:Class ; rdfs:subClassOf schema:Event .
"""

SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix kkg: <https://w3id.org/kuopio-kg/ontology#> .
kkg:LabelShape a sh:NodeShape ; sh:targetClass kkg:Festival ;
  sh:property [ sh:path rdfs:label ; sh:minCount 1 ;
    sh:message "has no label" ; sh:description "add an rdfs:label in Finnish and English" ] .
"""

FESTIVAL = """
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix kkg: <https://w3id.org/kuopio-kg/ontology#> .
<https://w3id.org/kuopio-kg/id/event/{slug}> a kkg:Festival ;
    rdfs:label "{label}"@en .
"""


@pytest.fixture
def small(tmp_path: Path) -> Settings:
    (tmp_path / "ontology").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "ontology" / "kuopio.ttl").write_text(ONTOLOGY)
    (tmp_path / "ontology" / "shapes.ttl").write_text(SHAPES)
    (tmp_path / "data" / "events.ttl").write_text(FESTIVAL.format(slug="anti", label="ANTI"))
    return Settings.from_env(environ={}).replace(source=tmp_path, data_dir=tmp_path / "var")


def _count(settings: Settings, release: Release, graph: str) -> int:
    store = OxigraphStore(release.store_path)
    return store.graph_sizes()[settings.graph_iri(graph)]


def test_build_writes_every_named_graph_and_infers(small: Settings) -> None:
    release = build(small)
    assert Releases(small.data_dir).current().id == release.id
    assert release.metadata["graphs"]["data"] == 2
    assert _count(small, release, "data") == 2
    inferred = OxigraphStore(release.store_path).ask(
        "ASK { GRAPH <https://w3id.org/kuopio-kg/graph/inferred> "
        "{ <https://w3id.org/kuopio-kg/id/event/anti> a <https://schema.org/Event> } }"
    )
    assert inferred


def test_unchanged_inputs_give_the_same_release(small: Settings) -> None:
    first = build(small)
    second = build(small)
    assert first.id == second.id
    (small.input_dir / "more.ttl").write_text(FESTIVAL.format(slug="rock", label="Kuopiorock"))
    assert build(small).id != first.id


def test_inferred_graph_holds_only_new_storable_triples(
    settings: Settings, release: Release
) -> None:
    store = OxigraphStore(release.store_path)
    inferred = settings.graph_iri("inferred")
    asserted = " ".join(f"<{settings.graph_iri(g)}>" for g in ASSERTED)
    overlap = store.ask(
        f"ASK {{ GRAPH <{inferred}> {{ ?s ?p ?o }} "
        f"VALUES ?g {{ {asserted} }} GRAPH ?g {{ ?s ?p ?o }} }}"
    )
    assert not overlap
    reflexive = store.ask(
        f"ASK {{ GRAPH <{inferred}> {{ ?x <http://www.w3.org/2002/07/owl#sameAs> ?x }} }}"
    )
    assert not reflexive
    assert release.metadata["graphs"]["inferred"] > 0


def test_syntax_error_stops_the_build_and_keeps_the_release(small: Settings) -> None:
    good = build(small)
    (small.input_dir / "broken.ttl").write_text("<a> <b> .\n")
    with pytest.raises(InputError, match=r"broken\.ttl"):
        build(small)
    assert Releases(small.data_dir).current().id == good.id
    assert not [p for p in (small.data_dir / "releases").iterdir() if p.name.startswith(".")]


def test_shape_violation_stops_the_build_and_the_server_keeps_serving(small: Settings) -> None:
    good = build(small)
    client: FlaskClient = create_app(small).test_client()
    assert client.get("/healthz").get_json()["release"] == good.id
    (small.input_dir / "nolabel.ttl").write_text(
        "<https://w3id.org/kuopio-kg/id/event/x> "
        "a <https://w3id.org/kuopio-kg/ontology#Festival> .\n"
    )
    with pytest.raises(ValidationError) as caught:
        build(small)
    (problem,) = caught.value.problems
    assert problem.file.endswith("nolabel.ttl")
    assert problem.line == 1
    assert problem.entity == "https://w3id.org/kuopio-kg/id/event/x"
    assert problem.what.startswith("has no label")
    assert problem.fix == "add an rdfs:label in Finnish and English"
    assert client.get("/healthz").get_json()["release"] == good.id


def test_server_follows_a_new_release(small: Settings) -> None:
    build(small)
    client = create_app(small).test_client()
    ask = {"query": 'ASK { ?s ?p "Kuopiorock"@en }'}
    assert client.get("/sparql", query_string=ask).get_json()["boolean"] is False
    (small.input_dir / "more.ttl").write_text(FESTIVAL.format(slug="rock", label="Kuopiorock"))
    newer = build(small)
    assert client.get("/sparql", query_string=ask).get_json()["boolean"] is True
    assert client.get("/healthz").get_json()["release"] == newer.id


def test_metadata_graph_describes_the_release(small: Settings) -> None:
    release = build(small)
    store = OxigraphStore(release.store_path)
    rows = store.select("SELECT ?id WHERE { ?d <http://purl.org/dc/terms/identifier> ?id }")
    assert [row["id"].value for row in rows] == [release.id]
