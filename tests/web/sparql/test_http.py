"""HTTP hygiene: CORS, ETag and 304, gzip, request ids, /healthz, /metrics, the UI route."""

from __future__ import annotations

import gzip

import pytest
import requests
from flask.testing import FlaskClient

ASK = {"query": "ASK { ?s ?p ?o }"}


def test_cors_allows_any_origin_without_credentials(scratch_client: FlaskClient) -> None:
    preflight = scratch_client.options(
        "/sparql",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Credentials" not in preflight.headers
    assert (
        scratch_client.get("/sparql", query_string=ASK).headers["Access-Control-Allow-Origin"]
        == "*"
    )


def test_etag_follows_query_and_store_and_answers_304(scratch_client: FlaskClient) -> None:
    first = scratch_client.get("/sparql", query_string=ASK)
    etag = first.headers["ETag"]
    again = scratch_client.get("/sparql", query_string=ASK, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    other = scratch_client.get("/sparql", query_string={"query": "ASK {}"})
    assert other.headers["ETag"] != etag
    scratch_client.post(
        "/sparql",
        data="INSERT DATA { <http://example.org/e> <http://example.org/e> 1 }",
        content_type="application/sparql-update",
        headers={"Authorization": "Bearer test-update-token"},
    )
    changed = scratch_client.get("/sparql", query_string=ASK, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag


def test_request_id_on_every_response(scratch_client: FlaskClient) -> None:
    for response in (
        scratch_client.get("/sparql", query_string=ASK),
        scratch_client.get("/sparql", query_string={"query": "nonsense"}),
        scratch_client.get("/metrics"),
    ):
        assert response.headers["X-Request-Id"]


def test_metrics_count_requests_and_refusals(scratch_client: FlaskClient) -> None:
    scratch_client.get("/sparql", query_string={"query": "nonsense"})
    text = scratch_client.get("/metrics").data.decode()
    assert 'route="/sparql",status="400"' in text
    assert "kuopio_kg_request_seconds_bucket" in text
    assert "kuopio_kg_refusals_total{" in text


def test_browsers_get_the_query_page(scratch_client: FlaskClient) -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    for path in ("/sparql", "/query"):
        page = scratch_client.get(path, headers={"Accept": browser})
        assert page.status_code == 200
        assert page.mimetype == "text/html"
    curl = scratch_client.get("/sparql", headers={"Accept": "*/*"})
    assert curl.mimetype == "text/turtle"


@pytest.mark.slow
def test_real_server_gzips_streams_and_has_healthz(server: str) -> None:
    query = "SELECT * WHERE { ?s ?p ?o } LIMIT 2000"
    response = requests.get(
        server + "/sparql",
        params={"query": query},
        headers={"Accept-Encoding": "gzip"},
        stream=True,
        timeout=30,
    )
    raw = response.raw.read(decode_content=False)
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.headers.get("Transfer-Encoding") == "chunked"
    assert gzip.decompress(raw).startswith(b'{"head"')
    health = requests.get(server + "/healthz", timeout=10)
    assert health.status_code == 200
    assert health.json()["status"] == "ok"


def test_query_page_offers_every_example_and_runs_a_query(scratch_client: FlaskClient) -> None:
    from kuopio_kg.examples import load_examples
    from kuopio_kg.settings import Settings

    browser = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
    page = scratch_client.get("/query", query_string={"query": "ASK {}"}, headers=browser)
    html = page.data.decode()
    assert "ASK {}</textarea>" in html
    landing = scratch_client.get("/", headers=browser).data.decode()
    assert 'id="yasgui" data-endpoint="/sparql"' in landing
    for example in load_examples(Settings.from_env(environ={}).queries_dir):
        assert f'id="example-{example.name}"' in html
        assert f'id="example-{example.name}"' in landing
    submitted = scratch_client.get(
        "/sparql", query_string={"query": "ASK {}", "format": "json"}, headers=browser
    )
    assert submitted.mimetype == "application/sparql-results+json"


def test_the_vendored_ui_script_goes_gzipped_to_clients_that_accept_it(
    scratch_client: FlaskClient,
) -> None:
    path = "/static/ui/yasgui/yasgui.min.js"
    plain = scratch_client.get(path)
    zipped = scratch_client.get(path, headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in plain.headers
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.headers["Vary"]
    assert gzip.decompress(zipped.data) == plain.data
    assert len(zipped.data) * 3 < len(plain.data)
    again = scratch_client.get(
        path, headers={"Accept-Encoding": "gzip", "If-None-Match": zipped.headers["ETag"]}
    )
    assert again.status_code == 304
