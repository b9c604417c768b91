"""The protocol through Flask's client: operations, datasets, negotiation, errors, updates."""

from __future__ import annotations

import csv
import io
import json

import pytest
from flask.testing import FlaskClient
from rdflib import Graph
from rdflib.query import Result

from .conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <http://example.org/Person> }"


def _count(response_data: bytes) -> int:
    return int(json.loads(response_data)["results"]["bindings"][0]["n"]["value"])


def test_get_post_form_and_post_direct_agree(scratch_client: FlaskClient) -> None:
    by_get = scratch_client.get("/sparql", query_string={"query": COUNT})
    by_form = scratch_client.post("/sparql", data={"query": COUNT})
    direct = scratch_client.post("/sparql", data=COUNT, content_type="application/sparql-query")
    assert by_get.status_code == by_form.status_code == direct.status_code == 200
    assert _count(by_get.data) == _count(by_form.data) == _count(direct.data) == 10


@pytest.mark.parametrize(
    ("accept", "media", "rdflib_format"),
    [
        ("application/sparql-results+json", "application/sparql-results+json", "json"),
        ("application/sparql-results+xml", "application/sparql-results+xml", "xml"),
        ("text/csv", "text/csv", "csv"),
        ("text/tab-separated-values", "text/tab-separated-values", "tsv"),
    ],
)
def test_select_in_every_result_format(
    scratch_client: FlaskClient, accept: str, media: str, rdflib_format: str
) -> None:
    query = "SELECT ?p ?name WHERE { ?p <http://example.org/name> ?name } ORDER BY ?p LIMIT 3"
    response = scratch_client.get(
        "/sparql", query_string={"query": query}, headers={"Accept": accept}
    )
    assert response.status_code == 200
    assert response.mimetype == media
    parsed = Result.parse(io.BytesIO(response.data), format=rdflib_format)
    assert len(list(parsed)) == 3


@pytest.mark.parametrize(
    ("accept", "media", "rdflib_format"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
    ],
)
def test_construct_in_every_graph_format(
    scratch_client: FlaskClient, accept: str, media: str, rdflib_format: str
) -> None:
    query = (
        "CONSTRUCT { ?p <http://example.org/age> ?a } "
        "WHERE { ?p <http://example.org/age> ?a FILTER(?a < 23) }"
    )
    response = scratch_client.post("/sparql", data={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.mimetype == media
    assert len(Graph().parse(data=response.data, format=rdflib_format)) == 3


def test_q_values_pick_the_preferred_type(scratch_client: FlaskClient) -> None:
    accept = "application/sparql-results+json;q=0.5, text/csv;q=0.9, */*;q=0.1"
    response = scratch_client.get(
        "/sparql", query_string={"query": COUNT}, headers={"Accept": accept}
    )
    assert response.mimetype == "text/csv"
    assert list(csv.reader(io.StringIO(response.data.decode())))[1] == ["10"]


@pytest.mark.parametrize("parameter", ["format", "output", "results"])
def test_format_parameters_win_over_accept(scratch_client: FlaskClient, parameter: str) -> None:
    response = scratch_client.get(
        "/sparql", query_string={"query": COUNT, parameter: "xml"}, headers={"Accept": "text/csv"}
    )
    assert response.mimetype == "application/sparql-results+xml"


def test_dataset_parameters_choose_the_graphs(scratch_client: FlaskClient) -> None:
    ask = "ASK { <http://example.org/p0> <http://example.org/knows> ?x }"
    plain = scratch_client.get("/sparql", query_string={"query": ask})
    named = scratch_client.get(
        "/sparql", query_string={"query": ask, "default-graph-uri": "http://example.org/g"}
    )
    assert json.loads(plain.data)["boolean"] is False
    assert json.loads(named.data)["boolean"] is True


def test_row_limit_is_flagged_in_header_and_body(scratch_client: FlaskClient) -> None:
    response = scratch_client.get("/sparql", query_string={"query": "SELECT * { ?s ?p ?o }"})
    body = json.loads(response.data)
    assert response.headers["X-SPARQL-Truncated"] == "true"
    assert response.headers["X-SPARQL-Max-Rows"] == "5"
    assert len(body["results"]["bindings"]) == 5
    assert body["head"]["link"] == ["#max-rows"]
    small = scratch_client.get("/sparql", query_string={"query": "SELECT * { ?s ?p ?o } LIMIT 5"})
    assert "X-SPARQL-Truncated" not in small.headers
    assert "link" not in json.loads(small.data)["head"]


def test_bad_query_is_400_with_message_and_position(scratch_client: FlaskClient) -> None:
    response = scratch_client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p }"})
    assert response.status_code == 400
    assert "error at 1:" in response.get_json()["error"]


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"query_string": {"query": COUNT}, "headers": {"Accept": "image/png"}}, 406),
        ({"query_string": {"query": COUNT, "format": "pdf"}}, 406),
        ({"method": "POST", "data": COUNT, "content_type": "text/plain"}, 415),
        (
            {
                "method": "POST",
                "data": COUNT.encode("utf-16"),
                "content_type": "application/sparql-query; charset=UTF-16",
            },
            415,
        ),
        ({"query_string": [("query", COUNT), ("query", COUNT)]}, 400),
        ({"query_string": {"update": "CLEAR ALL"}}, 405),
        (
            {"method": "POST", "data": "x" * 3_000_000, "content_type": "application/sparql-query"},
            413,
        ),
    ],
)
def test_client_mistakes_get_their_status(
    scratch_client: FlaskClient, kwargs: dict[str, object], status: int
) -> None:
    response = scratch_client.open("/sparql", **kwargs)  # type: ignore[arg-type]
    assert response.status_code == status
    assert response.get_json()["error"]


def test_updates_need_the_bearer_token(scratch_client: FlaskClient) -> None:
    update = "INSERT DATA { <http://example.org/x> <http://example.org/y> 1 }"
    kinds = "application/sparql-update"
    missing = scratch_client.post("/sparql", data=update, content_type=kinds)
    wrong = scratch_client.post(
        "/sparql", data=update, content_type=kinds, headers={"Authorization": "Bearer nope"}
    )
    assert missing.status_code == 401
    assert missing.headers["WWW-Authenticate"].startswith("Bearer")
    assert wrong.status_code == 403
    ask = "ASK { <http://example.org/x> ?p ?o }"
    assert (
        json.loads(scratch_client.get("/sparql", query_string={"query": ask}).data)["boolean"]
        is False
    )
    ok = scratch_client.post("/sparql", data={"update": update}, headers=AUTH)
    assert ok.status_code == 204
    assert (
        json.loads(scratch_client.get("/sparql", query_string={"query": ask}).data)["boolean"]
        is True
    )


def test_using_graph_uri_applies_and_conflicts_with_with(scratch_client: FlaskClient) -> None:
    update = (
        "INSERT { <http://example.org/found> <http://example.org/is> ?x } "
        "WHERE { <http://example.org/p0> <http://example.org/knows> ?x }"
    )
    applied = scratch_client.post(
        "/sparql?using-graph-uri=http://example.org/g",
        data=update,
        content_type="application/sparql-update",
        headers=AUTH,
    )
    assert applied.status_code == 204
    ask = "ASK { <http://example.org/found> <http://example.org/is> <http://example.org/p1> }"
    assert json.loads(scratch_client.get("/sparql", query_string={"query": ask}).data)["boolean"]
    conflict = scratch_client.post(
        "/sparql?using-graph-uri=http://example.org/g",
        data="WITH <http://example.org/g> " + update,
        content_type="application/sparql-update",
        headers=AUTH,
    )
    assert conflict.status_code == 400


def test_updates_are_refused_when_no_token_is_configured(client: FlaskClient) -> None:
    response = client.post(
        "/sparql",
        data="CLEAR ALL",
        content_type="application/sparql-update",
        headers={"Authorization": "Bearer anything"},
    )
    assert response.status_code == 403
    assert "KUOPIO_KG_UPDATE_TOKEN" in response.get_json()["error"]
