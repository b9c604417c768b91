"""The minimal SPARQL endpoint through Flask's client and through the real gunicorn server."""

from __future__ import annotations

import requests
from flask.testing import FlaskClient
from SPARQLWrapper import JSON, SPARQLWrapper


def test_get_ask(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"})
    assert response.status_code == 200
    assert response.mimetype == "application/sparql-results+json"
    assert response.get_json()["boolean"] is True


def test_post_form_and_direct(client: FlaskClient) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    by_form = client.post("/sparql", data={"query": query}).get_json()
    direct = client.post("/sparql", data=query, content_type="application/sparql-query").get_json()
    assert by_form == direct
    assert int(by_form["results"]["bindings"][0]["n"]["value"]) > 0


def test_construct_is_turtle(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s a ?t } LIMIT 3"})
    assert response.status_code == 200
    assert response.mimetype == "text/turtle"


def test_user_mistakes_are_4xx_with_one_sentence(client: FlaskClient) -> None:
    bad = client.get("/sparql", query_string={"query": "SELECT WHERE"})
    assert bad.status_code == 400
    assert bad.get_json()["error"].startswith("The query is not valid SPARQL")
    assert client.post("/sparql", data={"query": ""}).status_code == 400
    wrong_type = client.post("/sparql", data="x", content_type="text/plain")
    assert wrong_type.status_code == 415
    assert "application/sparql-query" in wrong_type.get_json()["error"]
    assert client.get("/no-such-page").status_code == 404


def test_every_response_has_a_request_id(client: FlaskClient) -> None:
    ids = {client.get("/healthz").headers["X-Request-Id"] for _ in range(3)}
    assert len(ids) == 3


def test_real_server_answers_ask(server: str) -> None:
    response = requests.get(server + "/sparql", params={"query": "ASK{?s ?p ?o}"}, timeout=10)
    assert response.status_code == 200
    assert response.json()["boolean"] is True


def test_sparqlwrapper_against_real_server(server: str) -> None:
    client = SPARQLWrapper(server + "/sparql")
    client.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    client.setReturnFormat(JSON)
    result = client.queryAndConvert()
    assert isinstance(result, dict)
    assert int(result["results"]["bindings"][0]["n"]["value"]) > 0
