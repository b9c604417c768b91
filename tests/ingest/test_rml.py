"""The published RML mapping and the import's fast path cannot drift apart.

morph-kgc (the field's Python RML engine) runs the mapping over the hand-written tables in
``tests/fixtures/erasmus/tables/``, in a virtualenv of its own (see ``morph_kgc_env.py``), from
inside the tables folder, since it opens each ``rml:source`` relative to its working
directory. Its output must equal the graph written by hand from the spec (``expected.ttl``) and
the graph the fast path ``graph_from_tables`` makes from the same tables; and over the tables a
real import of the hand-written published files leaves, the graph that import wrote. The wheel
must carry the mapping, so that a user of the package can find it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.term import Node

from conftest import REPO
from kuopio_kg.ingest.erasmus import import_erasmus
from kuopio_kg.ingest.erasmus.rdf import graph_from_tables
from kuopio_kg.namespaces import DEFAULT_BASE
from kuopio_kg.settings import Settings

from .morph_kgc_env import MorphKgcEnvError, morph_kgc_python

pytestmark = pytest.mark.slow

MAPPING_IN_PACKAGE = "kuopio_kg/ingest/erasmus/mapping.rml.ttl"
MAPPING = REPO / "src" / MAPPING_IN_PACKAGE
TABLES = REPO / "tests" / "fixtures" / "erasmus" / "tables"
#: The hand-written tables in the published format (two call years, both header spellings).
PUBLISHED = sorted((REPO / "tests" / "fixtures" / "erasmus").glob("mobility-*.csv"))
#: The tables of the spec (issue 12), each one logical source of the mapping.
TABLE_NAMES = {
    "flows.csv",
    "flow_sources.csv",
    "organisations.csv",
    "cities.csv",
    "countries.csv",
    "activities.csv",
    "entity_sources.csv",
}
#: ``na_values`` empty: only an empty cell is absent (morph-kgc's default also drops "nan").
CONFIG = """\
[CONFIGURATION]
na_values:
output_file: {output}
output_format: N-TRIPLES
number_of_processes: 1
logging_level: WARNING

[ErasmusMobility]
mappings: {mapping}
"""
RUN_TIMEOUT = 300

#: What the wheel is built from: the checkout without its environments, caches and releases.
_NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "var", "build", "dist", "*.egg-info", "__pycache__", ".*cache", ".hypothesis"
)


@pytest.fixture(scope="module")
def morph_kgc() -> Path:
    """The Python of the morph-kgc virtualenv; a failure to create it fails the tests."""
    try:
        return morph_kgc_python(REPO / ".venv")
    except MorphKgcEnvError as error:
        pytest.fail(f"no morph-kgc to run the RML mapping with: {error}", pytrace=False)


@pytest.fixture(scope="module")
def rml_graph(morph_kgc: Path, tmp_path_factory: pytest.TempPathFactory) -> Graph:
    """What morph-kgc makes of the hand-written tables with the published mapping."""
    return _run_mapping(morph_kgc, TABLES, tmp_path_factory.mktemp("morph-kgc"))


def _run_mapping(morph_kgc: Path, tables: Path, work: Path) -> Graph:
    """morph-kgc's graph of the tables in ``tables``, run from inside that folder."""
    output = work / "mobility-rml.nt"
    config = work / "morph-kgc.ini"
    config.write_text(CONFIG.format(output=output, mapping=MAPPING), encoding="utf-8")
    done = subprocess.run(
        [str(morph_kgc), "-m", "morph_kgc", str(config)],
        cwd=tables,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, f"morph-kgc failed:\n{done.stdout}\n{done.stderr}"
    return Graph().parse(output, format="nt")


def _assert_same_graph(
    actual: Graph, expected: Graph, actual_name: str, expected_name: str
) -> None:
    """Fail with the triples that differ (blank nodes named canonically) unless isomorphic."""
    if isomorphic(actual, expected):
        return
    _, only_actual, only_expected = graph_diff(to_isomorphic(actual), to_isomorphic(expected))
    lines = [f"{actual_name} ({len(actual)} triples) is not {expected_name} ({len(expected)})"]
    lines += [f"  only in {actual_name}: {_n3(t)}" for t in sorted(only_actual)]
    lines += [f"  only in {expected_name}: {_n3(t)}" for t in sorted(only_expected)]
    pytest.fail("\n".join(lines), pytrace=False)


def _n3(triple: tuple[Node, Node, Node]) -> str:
    return " ".join(term.n3() for term in triple)


def test_the_mapping_reads_the_tables_of_the_spec() -> None:
    mapping = Graph().parse(MAPPING, format="turtle")
    source = URIRef("http://semweb.mmlab.be/ns/rml#source")
    assert {str(name) for name in mapping.objects(None, source)} == TABLE_NAMES
    assert {path.name for path in TABLES.glob("*.csv")} == TABLE_NAMES


def test_morph_kgc_makes_the_graph_the_spec_lists(rml_graph: Graph) -> None:
    expected = Graph().parse(TABLES / "expected.ttl", format="turtle")
    _assert_same_graph(rml_graph, expected, "morph-kgc's output", "expected.ttl")


def test_the_fast_path_writes_what_the_mapping_declares(rml_graph: Graph) -> None:
    fast = graph_from_tables(TABLES, DEFAULT_BASE)
    _assert_same_graph(fast, rml_graph, "graph_from_tables", "morph-kgc's output")


def test_the_mapping_over_an_import_gives_the_graph_the_import_wrote(
    morph_kgc: Path, tmp_path: Path
) -> None:
    """The real import of the hand-written published tables: its mobility.nt and the
    mapping run over the tables it left beside it are one graph."""
    settings = Settings.from_env(environ={}).replace(data_dir=tmp_path / "var")
    report = import_erasmus(settings, PUBLISHED, place=None)
    written = Graph().parse(report.folder / "mobility.nt", format="nt")
    assert len(written) > 100
    mapped = _run_mapping(morph_kgc, report.folder / "tables", tmp_path)
    _assert_same_graph(mapped, written, "morph-kgc's output", "the import's mobility.nt")


def test_the_wheel_carries_the_mapping(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    shutil.copytree(REPO, tree, symlinks=True, ignore=_NOT_SOURCES)
    wheels = tmp_path / "wheels"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(wheels), str(tree)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    (wheel,) = wheels.glob("kuopio_kg-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert MAPPING_IN_PACKAGE in archive.namelist()
        assert archive.read(MAPPING_IN_PACKAGE) == MAPPING.read_bytes()
