"""The embedded store: it implements the Store interface and explains malformed queries."""

from __future__ import annotations

from pathlib import Path

import pytest

from kuopio_kg.errors import QueryError
from kuopio_kg.store import OxigraphStore, Store


def test_oxigraph_store_implements_the_interface(tmp_path: Path) -> None:
    store: Store = OxigraphStore(tmp_path / "store", read_only=False)  # mypy checks the shape
    store.add_graph(
        "http://example.org/g", b'<http://example.org/a> <http://example.org/b> "1" .\n'
    )
    assert store.graph_sizes() == {"http://example.org/g": 1}


def test_parser_errors_keep_the_position_and_few_alternatives(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store", read_only=False)
    with pytest.raises(QueryError) as caught:
        store.query("SELECT ?x WHERE { ?x }")
    message = caught.value.message
    assert message.startswith("The query is not valid SPARQL: error at 1:")
    assert "\n" not in message
    assert len(message) < 300


def test_declared_prefixes_need_no_prefix_line(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store", read_only=False)
    store.add_graph(
        "http://example.org/g",
        b"<http://example.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        b"<https://schema.org/E> .\n",
    )
    text = "SELECT ?e WHERE { ?e a schema:E }"
    with pytest.raises(QueryError, match="Prefix not found"):
        store.query(text)
    result = store.query(text, prefixes={"schema": "https://schema.org/"})
    assert [row["e"].value for row in result] == ["http://example.org/a"]  # type: ignore[union-attr]


def test_an_in_memory_copy_answers_as_the_store_on_disk(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store", read_only=False)
    store.add_graph(
        "http://example.org/g", b'<http://example.org/a> <http://example.org/b> "1" .\n'
    )
    store.update("INSERT DATA { <http://example.org/c> <http://example.org/b> 2 }")
    store.flush()
    del store
    on_disk = OxigraphStore(tmp_path / "store")
    in_memory = OxigraphStore(tmp_path / "store", in_memory=True)
    query = "SELECT ?g ?s ?o WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o } } ORDER BY ?s"
    answers = [[tuple(row) for row in s.select(query, union_default_graph=False)]
               for s in (on_disk, in_memory)]  # fmt: skip
    assert len(answers[0]) == 2
    assert answers[0] == answers[1]
    assert in_memory.graph_sizes() == on_disk.graph_sizes()
