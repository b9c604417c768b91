"""The writer over a real build: updates validated, closed by the reasoner, journaled, and
kept by the next build; the store follows the journal after a crash between the two."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from kuopio_kg import graphs
from kuopio_kg.build import build
from kuopio_kg.errors import QueryError, UpdateForbidden, UpdateRefused
from kuopio_kg.reason import infer
from kuopio_kg.release import Releases
from kuopio_kg.settings import Reasoner, Settings
from kuopio_kg.store import OxigraphStore
from kuopio_kg.updates.config import writer_config
from kuopio_kg.updates.journal import Journal
from kuopio_kg.updates.position import position
from kuopio_kg.updates.state import Delta
from kuopio_kg.updates.terms import triple_to_oxigraph, triple_to_rdflib
from kuopio_kg.updates.writer import Writer

BASE = "https://w3id.org/kuopio-kg/"
DATA = BASE + "graph/data"
INFERRED = BASE + "graph/inferred"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
FESTIVAL = f"<{BASE}id/event/test-festival>"
INSERT = f"""PREFIX kkg: <{BASE}ontology#>
INSERT DATA {{ GRAPH <{DATA}> {{ {FESTIVAL} a kkg:Festival ;
    <http://www.w3.org/2004/02/skos/core#prefLabel> "Test festival"@en ;
    kkg:heldIn <{BASE}id/place/kuopio> ;
    <http://purl.org/dc/terms/source> <https://example.org/test-source> }} }}"""


def _store(settings: Settings) -> OxigraphStore:
    return OxigraphStore(Releases(settings.data_dir).current().store_path)


def _graph(store: OxigraphStore, iri: str) -> set[ox.Triple]:
    return {q.triple for q in store.quads() if q.graph_name == ox.NamedNode(iri)}


def _asserted(store: OxigraphStore) -> set[ox.Triple]:
    computed = {ox.NamedNode(BASE + "graph/" + g) for g in (graphs.INFERRED, graphs.METADATA)}
    return {q.triple for q in store.quads() if q.graph_name not in computed}


def test_an_update_is_journaled_and_the_inferred_graph_stays_the_closure(built: Settings) -> None:
    store_path = Releases(built.data_dir).current().store_path
    entry = Writer(writer_config(built)).update(store_path, INSERT, None)
    assert entry is not None
    assert entry.position == 1
    assert position(store_path) == 1
    assert [e.text for e in Journal(built.data_dir).entries()] == [INSERT]
    store = _store(built)
    inferred = _graph(store, INFERRED)
    event = ox.Triple(ox.NamedNode(FESTIVAL.strip("<>")), ox.NamedNode(RDF_TYPE),
                      ox.NamedNode("https://schema.org/Event"))  # fmt: skip
    assert event in inferred
    # the closure a full recomputation of the asserted triples gives, triple for triple
    asserted = Graph()
    for triple in _asserted(store):
        asserted.add(triple_to_rdflib(triple))
    assert inferred == {triple_to_oxigraph(t) for t in infer(asserted, Reasoner.KUOPIO)}


def test_removing_the_fact_takes_back_what_was_inferred_from_it(built: Settings) -> None:
    store_path = Releases(built.data_dir).current().store_path
    before = _graph(_store(built), INFERRED)
    writer = Writer(writer_config(built))
    writer.update(store_path, INSERT, None)
    writer.update(store_path, INSERT.replace("INSERT DATA", "DELETE DATA"), None)
    assert _graph(_store(built), INFERRED) == before
    assert position(store_path) == 2


def test_an_update_breaking_a_shape_is_refused_whole(built: Settings) -> None:
    store_path = Releases(built.data_dir).current().store_path
    before = set(_store(built).quads())
    bad = f"""PREFIX kkg: <{BASE}ontology#>
    INSERT DATA {{ GRAPH <{DATA}> {{ {FESTIVAL} a kkg:Festival .
        [] a kkg:Result ; kkg:rank "first" }} }}"""
    with pytest.raises(UpdateRefused, match=r"SHACL violation.*rank"):
        Writer(writer_config(built)).update(store_path, bad, None)
    assert set(_store(built).quads()) == before
    assert Journal(built.data_dir).length() == 0
    assert position(store_path) == 0


def test_the_computed_graphs_are_not_the_updates_to_write(built: Settings) -> None:
    store_path = Releases(built.data_dir).current().store_path
    write = f"INSERT DATA {{ GRAPH <{INFERRED}> {{ {FESTIVAL} a <http://ex/C> }} }}"
    with pytest.raises(UpdateForbidden, match="graph/inferred>, which the reasoner computes"):
        Writer(writer_config(built)).update(store_path, write, None)
    assert Journal(built.data_dir).length() == 0


def test_an_update_that_changes_nothing_is_not_journaled(built: Settings) -> None:
    store_path = Releases(built.data_dir).current().store_path
    writer = Writer(writer_config(built))
    assert writer.update(store_path, "DROP SILENT GRAPH <http://ex/none>", None) is None
    with pytest.raises(QueryError, match="not valid SPARQL"):
        writer.update(store_path, "INSERT DATA { oops", None)
    assert Journal(built.data_dir).length() == 0


def test_two_writers_follow_each_other_through_the_journal(built: Settings) -> None:
    """Each gunicorn worker's query workers have a writer of their own."""
    store_path = Releases(built.data_dir).current().store_path
    first, second = Writer(writer_config(built)), Writer(writer_config(built))
    first.update(store_path, "INSERT DATA { <http://ex/a> <http://ex/p> 1 }", None)
    second.update(store_path, "INSERT DATA { <http://ex/b> <http://ex/p> 2 }", None)
    first.update(store_path, "DELETE WHERE { <http://ex/a> ?p ?o }", None)
    default = {q.triple for q in _store(built).quads() if q.graph_name == ox.DefaultGraph()}
    assert [str(t.subject) for t in default] == ["<http://ex/b>"]
    assert position(store_path) == 3


def test_a_store_behind_the_journal_takes_the_missing_entries(built: Settings) -> None:
    """A crash after the entry was flushed and before the store took it."""
    store_path = Releases(built.data_dir).current().store_path
    journal = Journal(built.data_dir)
    quad = ox.Quad(ox.NamedNode(FESTIVAL.strip("<>")), ox.NamedNode(BASE + "ontology#x"),
                   ox.Literal("y"), ox.NamedNode(DATA))  # fmt: skip
    with journal.locked():
        journal.append(1, "(written by hand)", "", Delta([], [quad]))
    assert Writer(writer_config(built)).catch_up(store_path) == 1
    assert quad in set(_store(built).quads())
    assert position(store_path) == 1


def test_a_rebuild_keeps_the_updates_and_new_inputs_are_built_under_them(
    built: Settings, tmp_path: Path
) -> None:
    store_path = Releases(built.data_dir).current().store_path
    Writer(writer_config(built)).update(store_path, INSERT, None)
    festival = ox.NamedNode(FESTIVAL.strip("<>"))
    again = build(built)  # the inputs are unchanged: the same release, with the update
    assert (again.store_path, position(again.store_path)) == (store_path, 1)
    source = tmp_path / "inputs"
    shutil.copytree(built.source, source)
    with (source / "data" / "events.ttl").open("a", encoding="utf-8") as file:
        file.write("\n# a changed input\n")
    changed = build(built.replace(source=source))
    assert changed.id != again.id
    assert position(changed.store_path) == 1
    assert festival in {q.subject for q in _store(built).quads()}


def test_drop_all_empties_the_asserted_graphs_and_leaves_the_computed_ones(
    built: Settings,
) -> None:
    store_path = Releases(built.data_dir).current().store_path
    writer = Writer(writer_config(built))
    writer.update(store_path, "DROP ALL", None)
    store = _store(built)
    assert _asserted(store) == set()
    assert _graph(store, INFERRED) == set()  # the closure of nothing
    # the metadata graph is the build's: still there, for the next update too
    writer.update(
        store_path,
        f"INSERT {{ <http://ex/copy> <http://ex/of> ?id }} WHERE {{ GRAPH <{BASE}graph/metadata> "
        "{ ?d <http://purl.org/dc/terms/identifier> ?id } }",
        None,
    )
    ids = [q.object for q in _store(built).quads() if q.subject == ox.NamedNode("http://ex/copy")]
    assert ids == [ox.Literal(Releases(built.data_dir).current().id)]


def test_empty_graphs_are_made_and_dropped_in_the_store_too(built: Settings) -> None:
    store_path = Releases(built.data_dir).current().store_path
    writer = Writer(writer_config(built))
    graph = ox.NamedNode("http://ex/empty")
    writer.update(store_path, "CREATE GRAPH <http://ex/empty>", None)
    assert graph in _store(built).named_graphs()
    with pytest.raises(QueryError, match="already exists"):
        writer.update(store_path, "CREATE GRAPH <http://ex/empty>", None)
    writer.update(store_path, "DROP GRAPH <http://ex/empty>", None)
    assert graph not in _store(built).named_graphs()
    assert Journal(built.data_dir).length() == 2
