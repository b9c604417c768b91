"""Load stage: files to named graphs, syntax errors with file and line, base IRI rewrite."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from kuopio_kg.errors import InputError, NoInputError
from kuopio_kg.load import discover, input_digest, load, parse_file
from kuopio_kg.settings import Reasoner, Settings


def _inputs(root: Path) -> Settings:
    (root / "ontology").mkdir()
    (root / "data" / "links").mkdir(parents=True)
    (root / "ontology" / "kuopio.ttl").write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "<https://w3id.org/kuopio-kg/ontology#Festival> a owl:Class .\n"
    )
    (root / "ontology" / "shapes.ttl").write_text("")
    (root / "data" / "events.ttl").write_text(
        "@prefix kid: <https://w3id.org/kuopio-kg/id/> .\n"
        "@prefix kkg: <https://w3id.org/kuopio-kg/ontology#> .\n"
        "kid:event\\/anti a kkg:Festival .\n"
    )
    (root / "data" / "links" / "wikidata.ttl").write_text(
        "<https://w3id.org/kuopio-kg/id/place/kuopio> "
        "<http://www.w3.org/2004/02/skos/core#exactMatch> "
        "<http://www.wikidata.org/entity/Q162279> .\n"
    )
    return Settings.from_env(environ={}).replace(source=root, data_dir=root / "var")


def test_files_go_to_their_graphs(tmp_path: Path) -> None:
    settings = _inputs(tmp_path)
    assert [(f.path.name, f.graph) for f in discover(settings)] == [
        ("kuopio.ttl", "ontology"),
        ("events.ttl", "data"),
        ("wikidata.ttl", "links"),
    ]
    loaded = load(settings)
    assert {name: len(g) for name, g in loaded.graphs.items()} == {
        "ontology": 1,
        "data": 1,
        "links": 1,
        "mobility": 0,
        "inferred": 0,
        "metadata": 0,
    }


def test_an_imported_graph_is_loaded_as_n_triples_into_graph_mobility(tmp_path: Path) -> None:
    """No import yet is an empty graph/mobility; an import's mobility.nt (and its manifest)
    goes into the release id and, rebased like the curated files, into graph/mobility."""
    settings = _inputs(tmp_path).replace(base_iri="http://localhost:8080/")
    before = input_digest(settings)
    folder = settings.imports_dir / "erasmus"
    folder.mkdir(parents=True)
    (folder / "mobility.nt").write_text(
        "<https://w3id.org/kuopio-kg/id/mobility/erasmus-1> "
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://w3id.org/kuopio-kg/ontology#MobilityFlow> .\n"
    )
    with_graph = input_digest(settings)
    (folder / "manifest.json").write_text('{"files": []}')
    assert len({before, with_graph, input_digest(settings)}) == 3
    (imported,) = [f for f in discover(settings) if f.graph == "mobility"]
    assert imported.shown == "imports/erasmus/mobility.nt"
    mobility = load(settings).graphs["mobility"]
    assert (URIRef("http://localhost:8080/id/mobility/erasmus-1"), None, None) in mobility


def test_files_are_shown_relative_to_the_source(tmp_path: Path) -> None:
    shown = [f.shown for f in discover(_inputs(tmp_path))]
    assert shown == ["ontology/kuopio.ttl", "data/events.ttl", "data/links/wikidata.ttl"]


@pytest.mark.parametrize("missing", ["ontology", "data"])
def test_a_source_without_ontology_or_data_names_the_folder(tmp_path: Path, missing: str) -> None:
    settings = _inputs(tmp_path)
    for path in (tmp_path / missing).glob("*.ttl"):
        if path.name != "shapes.ttl":
            path.unlink()
    with pytest.raises(NoInputError) as caught:
        load(settings)
    assert caught.value.folder == tmp_path / missing
    assert str(tmp_path / missing) in caught.value.message
    assert caught.value.exit_code != 0


def test_an_empty_source_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(NoInputError, match=str(tmp_path / "ontology")):
        input_digest(Settings.from_env(environ={}).replace(source=tmp_path))


def test_another_base_iri_rewrites_every_iri(tmp_path: Path) -> None:
    settings = _inputs(tmp_path).replace(base_iri="http://localhost:8080/")
    data = load(settings).graphs["data"]
    assert (
        URIRef("http://localhost:8080/id/event/anti"),
        URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        URIRef("http://localhost:8080/ontology#Festival"),
    ) in data


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n\nex:d ex:e "open\n')
    with pytest.raises(InputError) as caught:
        parse_file(bad)
    problem = caught.value.problems[0]
    assert problem.file.endswith("bad.ttl")
    assert problem.line == 4
    assert "newline" in problem.what


def test_release_id_follows_content_not_time(tmp_path: Path) -> None:
    settings = _inputs(tmp_path)
    first = input_digest(settings)
    assert input_digest(settings) == first
    (settings.input_dir / "events.ttl").write_text("# changed\n", encoding="utf-8")
    assert input_digest(settings) != first
    assert input_digest(_inputs_changed_reasoner(settings)) != input_digest(settings)


def _inputs_changed_reasoner(settings: Settings) -> Settings:
    return settings.replace(reasoner=Reasoner.OWLRL)
