"""The reconciliation service over HTTP, as OpenRefine uses it: every JSON answer validates
against the Reconciliation API 0.2 schemas, with CORS, JSONP and JSON errors."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

import kuopio_kg.web.reconcile.answer as answer_module
from kuopio_kg.reconcile import Index, build_index
from kuopio_kg.settings import Settings
from kuopio_kg.web import create_app
from web.reconcile.schemas import problems

KKG = "https://w3id.org/kuopio-kg/ontology#"
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
#: What OpenRefine 3.x sends when it reconciles a column (form POST, queries keyed q0, q1, ...).
OPENREFINE_BATCH = {
    "q0": {"query": "Jonkoping", "type": KKG + "City", "type_strict": "should"},
    "q1": {"query": "Kuopio Dance Festival"},
    "q2": {"query": "kallavesi"},
    "q3": {
        "query": "Kuopio",
        "properties": [{"pid": KKG + "locatedIn", "v": {"id": "place--north-savo"}}],
    },
    "q4": {"query": "Kuopio Dance Festival 2020", "limit": 3},
}


def _json(response: TestResponse, schema: str) -> Any:
    assert response.status_code == 200, response.data
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    document = response.get_json()
    assert problems(schema, document) == []
    return document


def test_the_manifest_validates_and_is_built_from_the_host(client: FlaskClient) -> None:
    manifest = _json(client.get("/reconcile", base_url="http://kg.example:8080"), "manifest")
    assert manifest["versions"] == ["0.2"]
    assert manifest["identifierSpace"] == "https://w3id.org/kuopio-kg/id/"
    assert manifest["schemaSpace"] == KKG
    assert manifest["view"]["url"] == "http://kg.example:8080/reconcile/view/{{id}}"
    assert manifest["preview"]["url"].startswith("http://kg.example:8080/reconcile/preview/")
    assert manifest["suggest"]["entity"]["service_path"] == "/suggest/entity"
    assert manifest["extend"]["propose_properties"]["service_path"] == "/propose_properties"
    assert manifest["batchSize"] > 0
    tops = {t["id"]: t["name"] for t in manifest["defaultTypes"]}
    assert {KKG + c for c in ("Place", "Organisation", "Event", "Award", "Programme")} <= set(tops)
    assert tops[KKG + "Place"] == "place"
    finnish = client.get("/reconcile", headers={"Accept-Language": "fi"}).get_json()
    assert {t["id"]: t["name"] for t in finnish["defaultTypes"]}[KKG + "Place"] == "paikka"


def test_an_openrefine_batch_by_form_post(client: FlaskClient) -> None:
    response = client.post("/reconcile", data={"queries": json.dumps(OPENREFINE_BATCH)})
    batch = _json(response, "reconciliation-result-batch")
    assert set(batch) == set(OPENREFINE_BATCH)
    first = {key: answer["result"][0] for key, answer in batch.items()}
    assert (first["q0"]["id"], first["q0"]["match"]) == ("place--jonkoping", True)
    assert first["q0"]["type"] == [{"id": KKG + "City", "name": "city"}]
    assert (first["q1"]["id"], first["q1"]["match"]) == ("event--kuopio-dance-festival", True)
    assert batch["q1"]["result"][1]["id"].startswith("event--kuopio-dance-festival-")
    assert (first["q2"]["id"], first["q2"]["match"]) == ("place--kallavesi", True)
    assert (first["q3"]["id"], first["q3"]["match"]) == ("place--kuopio", True)
    assert len(batch["q4"]["result"]) == 3
    assert not any(c["match"] for c in batch["q4"]["result"]), "two editions tie: no winner"
    for answer in batch.values():
        scores = [c["score"] for c in answer["result"]]
        assert scores == sorted(scores, reverse=True)
        assert sum(c["match"] for c in answer["result"]) <= 1


def test_a_batch_by_get_answers_as_by_post(client: FlaskClient) -> None:
    queries = json.dumps(OPENREFINE_BATCH)
    by_get = _json(
        client.get("/reconcile", query_string={"queries": queries}), "reconciliation-result-batch"
    )
    by_post = client.post("/reconcile", data={"queries": queries}).get_json()
    assert by_get == by_post


@pytest.mark.parametrize(
    ("kind", "prefix", "schema", "first"),
    [
        ("entity", "Kuopio Da", "suggest-entities-response", "event--kuopio-dance-festival"),
        ("type", "kaupu", "suggest-types-response", KKG + "City"),
        ("property", "locat", "suggest-properties-response", KKG + "locatedIn"),
    ],
)
def test_suggest_services(
    client: FlaskClient, kind: str, prefix: str, schema: str, first: str
) -> None:
    response = client.get(f"/reconcile/suggest/{kind}", query_string={"prefix": prefix})
    assert _json(response, schema)["result"][0]["id"] == first


def test_data_extension_and_proposed_properties(client: FlaskClient) -> None:
    request = {
        "ids": ["place--kuopio", "event--kuopio-dance-festival", "place--nowhere"],
        "properties": [{"id": KKG + "locatedIn"}, {"id": "kkg:charterDate"}],
    }
    extension = _json(
        client.post("/reconcile", data={"extend": json.dumps(request)}), "data-extension-response"
    )
    assert [m["id"] for m in extension["meta"]] == [KKG + "locatedIn", "kkg:charterDate"]
    kuopio = extension["rows"]["place--kuopio"]
    assert {"id": "place--north-savo", "name": "North Savo"} in kuopio[KKG + "locatedIn"]
    assert kuopio["kkg:charterDate"] == [{"date": "1775-11-17T00:00:00Z"}]
    assert extension["rows"]["place--nowhere"] == {KKG + "locatedIn": [], "kkg:charterDate": []}
    proposal = _json(
        client.get("/reconcile/propose_properties", query_string={"type": KKG + "City"}),
        "data-extension-property-proposal",
    )
    assert KKG + "locatedIn" in [p["id"] for p in proposal["properties"]]


def test_the_preview_is_script_free_html_that_may_be_framed(client: FlaskClient) -> None:
    response = client.get("/reconcile/preview/event--kuopio-dance-festival")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    page = response.data.decode()
    assert "<script" not in page.lower()
    assert not re.search(r"\son[a-z]+=", page), "no inline event handlers"
    assert "Kuopio Dance Festival" in page
    assert ">festival<" in page
    assert "X-Frame-Options" not in response.headers
    assert "frame-ancestors" not in response.headers.get("Content-Security-Policy", "")
    finnish = client.get(
        "/reconcile/preview/event--kuopio-dance-festival", headers={"Accept-Language": "fi"}
    )
    assert '<h1><a href="/id/event/kuopio-dance-festival"' in finnish.data.decode()
    assert "Kuopio Tanssii ja Soi" in finnish.data.decode()


def test_view_redirects_to_the_entity_page(client: FlaskClient) -> None:
    response = client.get("/reconcile/view/place--kuopio")
    assert response.status_code == 302
    assert response.headers["Location"] == "/id/place/kuopio"
    assert client.get(response.headers["Location"], headers=BROWSER).status_code == 200


def test_jsonp_wraps_the_answer_in_the_callback(client: FlaskClient) -> None:
    response = client.get("/reconcile", query_string={"callback": "jQuery.cb_1$"})
    assert response.status_code == 200
    assert response.mimetype == "application/javascript"
    body = response.data.decode()
    assert body.startswith("jQuery.cb_1$(")
    assert body.endswith(");")
    assert problems("manifest", json.loads(body[len("jQuery.cb_1$(") : -2])) == []
    suggest = client.get(
        "/reconcile/suggest/entity", query_string={"prefix": "Bod", "callback": "cb"}
    )
    assert suggest.data.decode().startswith("cb({")


@pytest.mark.parametrize(
    ("method", "path", "values", "status", "says"),
    [
        (
            "POST",
            "/reconcile",
            {"queries": "{q0: nope"},
            400,
            "queries parameter is not valid JSON",
        ),
        ("GET", "/reconcile", {"queries": '{"q0": {}}'}, 400, "Query q0 needs a 'query'"),
        ("GET", "/reconcile", {"extend": "[1"}, 400, "extend parameter is not valid JSON"),
        ("GET", "/reconcile", {"callback": "alert(1)"}, 400, "callback parameter"),
        ("GET", "/reconcile", {"callback": "a b"}, 400, "callback parameter"),
        ("GET", "/reconcile/preview/place--nowhere", {}, 404, "No entity has the id"),
        ("GET", "/reconcile/view/place--nowhere", {}, 404, "No entity has the id"),
        ("GET", "/reconcile/suggest/colour", {}, 400, "No 'colour' suggest service"),
        ("GET", "/reconcile/suggest/entity", {"limit": "-1"}, 400, "limit parameter"),
        ("GET", "/reconcile/propose_properties", {"type": "x"}, 400, "Unknown type"),
        ("POST", "/reconcile/suggest/entity", {}, 405, "method is not allowed"),
        ("DELETE", "/reconcile", {}, 405, "method is not allowed"),
    ],
)
def test_mistakes_are_json_4xx_with_cors_even_for_browsers(
    client: FlaskClient, method: str, path: str, values: dict[str, str], status: int, says: str
) -> None:
    if method == "POST":
        response = client.post(path, data=values, headers=BROWSER)
    else:
        response = client.open(path, method=method, query_string=values, headers=BROWSER)
    assert response.status_code == status
    assert response.mimetype == "application/json"
    assert says in response.get_json()["error"]
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_a_preflight_is_answered_with_cors(client: FlaskClient) -> None:
    response = client.options("/reconcile", headers={"Origin": "http://localhost:3333"})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in response.headers["Access-Control-Allow-Methods"]


def test_the_index_is_built_once_per_release(
    settings: Settings, app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[Index] = []

    def counting(*args: Any) -> Index:
        built.append(build_index(*args))
        return built[-1]

    monkeypatch.setattr(answer_module, "build_index", counting)
    fresh = create_app(settings).test_client()
    for text in ("Kuopio", "Bodo", "Tahko"):
        fresh.get("/reconcile", query_string={"queries": json.dumps({"q0": {"query": text}})})
    fresh.get("/reconcile/suggest/entity", query_string={"prefix": "Kuo"})
    fresh.get("/search", query_string={"q": "Kuopio"})
    assert len(built) == 1


def test_the_real_server_reconciles(server: str) -> None:
    response = requests.post(
        server + "/reconcile",
        data={"queries": json.dumps({"q0": {"query": "Jönköping"}})},
        timeout=30,
    )
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.json()["q0"]["result"][0]["id"] == "place--jonkoping"
