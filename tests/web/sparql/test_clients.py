"""Real clients against the real server (the project's release on 127.0.0.1)."""

from __future__ import annotations

from typing import Any

import pytest
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, TSV, TURTLE, XML, SPARQLWrapper

SELECT = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 5"
CONSTRUCT = "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 5"


@pytest.mark.slow
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_select_in_every_format(server: str, fmt: str) -> None:
    client = SPARQLWrapper(server + "/sparql")
    client.setQuery(SELECT)
    client.setReturnFormat(fmt)
    result = client.query()
    assert result.response.status == 200
    converted: Any = result.convert()
    if fmt == JSON:
        assert len(converted["results"]["bindings"]) == 5
    elif fmt == XML:
        assert len(converted.getElementsByTagName("result")) == 5
    else:
        assert len(converted.decode().strip().splitlines()) == 6


@pytest.mark.slow
@pytest.mark.parametrize("fmt", [TURTLE, N3, XML, JSONLD])
def test_sparqlwrapper_construct_in_every_format(server: str, fmt: str) -> None:
    client = SPARQLWrapper(server + "/sparql")
    client.setQuery(CONSTRUCT)
    client.setReturnFormat(fmt)
    graph: Any = client.queryAndConvert()
    if not isinstance(graph, Graph):
        graph = Graph().parse(data=graph, format="turtle" if fmt in (TURTLE, N3) else "json-ld")
    assert len(graph) == 5


@pytest.mark.slow
def test_sparqlwrapper_ask_and_post(server: str) -> None:
    client = SPARQLWrapper(server + "/sparql")
    client.setMethod("POST")
    client.setQuery("ASK { ?s ?p ?o }")
    client.setReturnFormat(JSON)
    answer: Any = client.queryAndConvert()
    assert answer["boolean"] is True


@pytest.mark.slow
def test_rdflib_sparqlstore(server: str) -> None:
    graph = Graph(store=SPARQLStore(server + "/sparql"))
    rows = list(graph.query(SELECT))
    assert len(rows) == 5
    assert len(graph) > 0
