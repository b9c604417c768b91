"""A build over an import: graph/mobility is loaded, passes SHACL, is closed by the
reasoner, described in graph/metadata and shown by ``kuopio-kg stats``."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ingest.flows import FILES, Inputs, reading
from kuopio_kg.build import build
from kuopio_kg.cli import cli
from kuopio_kg.ingest.erasmus import import_erasmus
from kuopio_kg.ingest.gazetteer import Gazetteer
from kuopio_kg.load import load
from kuopio_kg.release import Release
from kuopio_kg.settings import Settings
from kuopio_kg.store import OxigraphStore
from kuopio_kg.validate import validate

PREFIXES = """PREFIX kkg: <https://w3id.org/kuopio-kg/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
MOBILITY = "<https://w3id.org/kuopio-kg/graph/mobility>"
INFERRED = "<https://w3id.org/kuopio-kg/graph/inferred>"
METADATA = "<https://w3id.org/kuopio-kg/graph/metadata>"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory, gazetteer: Gazetteer) -> Settings:
    root = tmp_path_factory.mktemp("built")
    settings = Settings.from_env(environ={}).replace(data_dir=root / "var")
    inputs = Inputs(root / "in")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("kuopio_kg.ingest.erasmus.importer.aggregate_file", reading(FILES))
        patch.setattr("kuopio_kg.ingest.erasmus.importer.Gazetteer", lambda: gazetteer)
        import_erasmus(settings, inputs("a.csv", "b.csv"))
    return settings


@pytest.fixture(scope="module")
def built(imported: Settings) -> Release:
    return build(imported)


def _ask(release: Release, where: str) -> bool:
    return bool(OxigraphStore(release.store_path).query(PREFIXES + f"ASK {{ {where} }}"))


def test_the_build_loads_graph_mobility(built: Release) -> None:
    assert built.metadata["graphs"]["mobility"] > 50
    assert any(name.endswith("mobility.nt") for name in built.metadata["inputs"])
    assert _ask(built, f"GRAPH {MOBILITY} {{ ?f a kkg:MobilityFlow ; kkg:sender ?s }}")


def test_the_reasoner_closes_the_imported_flows(built: Release) -> None:
    assert _ask(
        built,
        f"GRAPH {MOBILITY} {{ ?f a kkg:MobilityFlow }} "
        f"GRAPH {INFERRED} {{ ?f a schema:Intangible ; rdfs:label ?label }}",
    )
    assert _ask(
        built,
        f"GRAPH {MOBILITY} {{ ?o a kkg:Organisation }} "
        f"GRAPH {INFERRED} {{ ?o a schema:Organization }}",
    )


def test_the_metadata_describes_the_imported_files(built: Release) -> None:
    assert _ask(
        built,
        f"GRAPH {METADATA} {{ {MOBILITY} prov:wasDerivedFrom ?file . "
        '?file a dcat:Distribution ; <http://purl.org/dc/terms/title> "a.csv" ; '
        "kkg:rowsRead 8 ; kkg:rowsKept 7 }",
    )


def test_stats_shows_graph_mobility(built: Release, imported: Settings) -> None:
    result = CliRunner().invoke(cli, ["--data-dir", str(imported.data_dir), "stats"])
    assert result.exit_code == 0, result.output
    (line,) = [line for line in result.output.splitlines() if line.startswith("graph mobility")]
    assert int(line.split()[-1]) == built.metadata["graphs"]["mobility"]


def test_a_broken_imported_flow_fails_the_shapes(imported: Settings, tmp_path: Path) -> None:
    """Without its participant count, an imported flow breaks ImportedFlowShape."""
    settings = imported.replace(data_dir=tmp_path / "var")
    folder = settings.imports_dir / "erasmus"
    folder.mkdir(parents=True)
    original = (imported.imports_dir / "erasmus" / "mobility.nt").read_text(encoding="utf-8")
    kept = [line for line in original.splitlines(keepends=True) if "#participants>" not in line]
    (folder / "mobility.nt").write_text("".join(kept), encoding="utf-8")
    problems = validate(load(settings))
    assert problems
    assert all(p.file == "imports/erasmus/mobility.nt" for p in problems)
    assert any(
        "participant count" in p.what and "/id/mobility/erasmus-" in p.entity for p in problems
    )
