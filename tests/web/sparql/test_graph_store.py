"""The Graph Store HTTP Protocol at /graph-store: the W3C tests against the real server, and
its refusals, multipart bodies and percent-decoding through Flask's client."""

from __future__ import annotations

import io
import json
from typing import Any
from urllib.parse import quote

import pytest
from flask.testing import FlaskClient
from rdflib import Graph
from rdflib.compare import isomorphic
from werkzeug.test import TestResponse

from conformance.gsp_runner import GspClient, run_gsp

from .conftest import TOKEN


@pytest.mark.slow
def test_w3c_graph_store_protocol_passes_9_of_9_indirect(update_server: str) -> None:
    results = run_gsp(GspClient(update_server + "/graph-store", TOKEN))
    failures = {name: reason for name, reason in results.items() if reason is not None}
    assert (len(results), failures) == (9, {})


# Through Flask's client, on the scratch app (row limit 5, ten people in the default graph).

AUTH = {"Authorization": f"Bearer {TOKEN}"}
TURTLE = "text/turtle; charset=utf-8"
G = "http://example.org/gsp/one"
ONE = "/graph-store?graph=" + quote(G, safe="")
PERSON = b'@prefix ex: <http://example.org/> .\nex:a ex:name "A" ; ex:knows [ ex:name "B" ] .\n'


def _graph(response: TestResponse) -> Graph:
    return Graph().parse(data=response.data, format=response.mimetype)


def _json(response: TestResponse) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(response.data)
    return found


def _put(client: FlaskClient, path: str, body: bytes, content_type: str = TURTLE) -> TestResponse:
    return client.put(path, data=body, content_type=content_type, headers=AUTH)


def test_put_get_head_delete_round_trip(scratch_client: FlaskClient) -> None:
    scratch_client.delete(ONE, headers=AUTH)
    assert _put(scratch_client, ONE, PERSON).status_code == 201
    assert _put(scratch_client, ONE, PERSON).status_code == 204
    got = scratch_client.get(ONE, headers={"Accept": "text/turtle"})
    assert (got.status_code, got.mimetype) == (200, "text/turtle")
    assert isomorphic(_graph(got), Graph().parse(data=PERSON, format="turtle"))
    head = scratch_client.head(ONE, headers={"Accept": "text/turtle"})
    assert (head.status_code, head.mimetype, head.data) == (200, "text/turtle", b"")
    assert head.headers["ETag"] == got.headers["ETag"]
    again = scratch_client.get(
        ONE, headers={"Accept": "text/turtle", "If-None-Match": got.headers["ETag"]}
    )
    assert again.status_code == 304
    assert scratch_client.delete(ONE, headers=AUTH).status_code == 204
    for method in (scratch_client.get, scratch_client.head, scratch_client.delete):
        assert method(ONE, headers=AUTH).status_code == 404


def test_a_get_is_the_whole_graph_not_cut_at_the_row_limit(scratch_client: FlaskClient) -> None:
    got = scratch_client.get("/graph-store?default", headers={"Accept": "application/n-triples"})
    assert got.status_code == 200
    assert len(_graph(got)) == 30  # ten people, three triples each; the row limit is 5


def test_post_merges_and_post_to_the_store_creates_a_graph(scratch_client: FlaskClient) -> None:
    scratch_client.delete(ONE, headers=AUTH)
    assert (
        scratch_client.post(ONE, data=PERSON, content_type=TURTLE, headers=AUTH).status_code == 201
    )
    more = b'<http://example.org/a> <http://example.org/age> "7" .'
    posted = scratch_client.post(ONE, data=more, content_type="application/n-triples", headers=AUTH)
    assert posted.status_code == 204
    assert len(_graph(scratch_client.get(ONE))) == 4
    created = scratch_client.post("/graph-store", data=PERSON, content_type=TURTLE, headers=AUTH)
    assert created.status_code == 201
    location = created.headers["Location"]
    assert location.startswith("https://w3id.org/kuopio-kg/graph/user/")
    assert len(_graph(scratch_client.get("/graph-store?graph=" + quote(location, safe="")))) == 3


def test_multipart_parts_are_merged_with_their_blank_nodes_apart(
    scratch_client: FlaskClient,
) -> None:
    scratch_client.delete(ONE, headers=AUTH)
    part = b'_:x <http://example.org/name> "X" .'
    data = {
        "one": (io.BytesIO(part), "one.ttl", "text/turtle"),
        "two": (io.BytesIO(part), "two.nt", "application/n-triples; charset=utf-8"),
    }
    posted = scratch_client.post(ONE, data=data, content_type="multipart/form-data", headers=AUTH)
    assert posted.status_code == 201, posted.data
    assert len(_graph(scratch_client.get(ONE))) == 2  # two blank nodes, one from each part
    data = {"bad": (io.BytesIO(part), "bad.csv", "text/csv")}
    refused = scratch_client.post(ONE, data=data, content_type="multipart/form-data", headers=AUTH)
    assert refused.status_code == 415
    assert "Part 'bad.csv'" in _json(refused)["error"]


def test_the_graph_parameter_is_percent_decoded_exactly_once(scratch_client: FlaskClient) -> None:
    for iri in ("http://example.org/gsp/1", "http://example.org/gsp/%31"):
        scratch_client.delete("/graph-store?graph=" + quote(iri, safe=""), headers=AUTH)
    assert (
        _put(scratch_client, "/graph-store?graph=http://example.org/gsp/%31", PERSON).status_code
        == 201
    )
    assert (
        _put(scratch_client, "/graph-store?graph=http://example.org/gsp/%2531", b"").status_code
        == 201
    )
    ask = (
        "ASK { GRAPH <http://example.org/gsp/1> { ?s ?p ?o } "
        "FILTER NOT EXISTS { GRAPH <http://example.org/gsp/%31> { ?x ?y ?z } } }"
    )
    answer = scratch_client.get("/sparql", query_string={"query": ask})
    assert _json(answer)["boolean"] is True
    assert scratch_client.get("/graph-store?graph=http://example.org/gsp/%2531").status_code == 200


@pytest.mark.parametrize("name", ["inferred", "metadata"])
def test_computed_graphs_take_no_writes(scratch_client: FlaskClient, name: str) -> None:
    path = "/graph-store?graph=https://w3id.org/kuopio-kg/graph/" + name
    for method in (scratch_client.put, scratch_client.post, scratch_client.delete):
        refused = method(path, data=PERSON, content_type=TURTLE, headers=AUTH)
        assert refused.status_code == 403
        assert "takes no writes" in _json(refused)["error"]


@pytest.mark.parametrize(
    ("path", "body", "content_type", "status", "words"),
    [
        (ONE, PERSON, "text/csv", 415, "the Graph Store reads Turtle"),
        (ONE, PERSON, "text/turtle; charset=latin-1", 415, "must be UTF-8"),
        (ONE, b"@prefix ex: <http://example.org/> .\nex:a ex:b .", TURTLE, 400, "line 2 column"),
        (ONE, b"\xff\xfe", TURTLE, 400, "not valid UTF-8"),
        (ONE, b'{"@context": "https://schema.org/", "name": "x"}', "application/ld+json", 400,
         "remote contexts"),
        (ONE, b"x" * (2097152 + 1), TURTLE, 413, "KUOPIO_KG_MAX_BODY"),
        ("/graph-store?graph=not%20an%20iri", PERSON, TURTLE, 400, "not an absolute IRI"),
        ("/graph-store?default&graph=" + quote(G), PERSON, TURTLE, 400, "Name one graph"),
        ("/graph-store", PERSON, TURTLE, 401, "Bearer"),
    ],
)  # fmt: skip
def test_bad_requests_are_refused_with_a_sentence(
    scratch_client: FlaskClient, path: str, body: bytes, content_type: str, status: int, words: str
) -> None:
    headers = {} if status == 401 else AUTH
    refused = scratch_client.put(path, data=body, content_type=content_type, headers=headers)
    if path == "/graph-store" and status == 401:
        refused = scratch_client.post(path, data=body, content_type=content_type)
    assert refused.status_code == status, refused.data
    assert words in _json(refused)["error"]


def test_rdf_xml_with_an_external_entity_is_refused(scratch_client: FlaskClient) -> None:
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        b'xmlns:ex="http://example.org/"><rdf:Description rdf:about="http://example.org/a">'
        b"<ex:name>&e;</ex:name></rdf:Description></rdf:RDF>"
    )
    refused = _put(scratch_client, ONE, xml, "application/rdf+xml")
    assert refused.status_code == 400
    assert "ENTITY" in _json(refused)["error"]
    plain = xml.replace(b"&e;", b"plain").replace(
        b'<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>', b""
    )
    assert _put(scratch_client, ONE, plain, "application/rdf+xml").status_code in (201, 204)
    assert len(_graph(scratch_client.get(ONE, headers={"Accept": "application/n-triples"}))) == 1
