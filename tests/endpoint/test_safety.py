"""Safe by default: nothing a query or update says makes the endpoint read a file or
contact a host outside the allow-list. A canary HTTP server on loopback records any hit."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from flask.testing import FlaskClient

from .conftest import TOKEN, StartServer, make_scratch_release


class Canary:
    """A loopback HTTP server that answers everything and remembers every request."""

    def __init__(self) -> None:
        hits: list[str] = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def _record(self) -> None:
                hits.append(f"{self.command} {self.path}")
                self.send_response(200)
                self.send_header("Content-Type", "application/n-triples")
                self.end_headers()
                self.wfile.write(b"<http://x/s> <http://x/p> <http://x/o> .\n")

            do_GET = do_POST = _record

            def log_message(self, *args: object) -> None:
                pass

        self.hits = hits
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def canary() -> Iterator[Canary]:
    bird = Canary()
    yield bird
    bird.close()


@pytest.fixture(scope="module")
def safe_server(
    tmp_path_factory: pytest.TempPathFactory, start_server: StartServer, canary: Canary
) -> str:
    """Updates on, and even the canary itself allow-listed for SERVICE (loopback stays out)."""
    data_dir: Path = make_scratch_release(tmp_path_factory.mktemp("safety") / "var")
    allow = f"https://query.wikidata.org/sparql {canary.url}sparql"
    url = start_server(data_dir, update_token=TOKEN, service_allow=allow, max_body=10_000)
    return url + "/sparql"


ESCAPED_ONE = "\\u0031"


def _queries(canary: Canary) -> list[str]:
    c = canary.url
    return [
        f"SELECT * WHERE {{ SERVICE <{c}sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{c}other> {{ ?s ?p ?o }} }}",
        f"PREFIX c: <{c}> SELECT * WHERE {{ SERVICE c:sparql {{ ?s ?p ?o }} }}",
        f"BASE <{c}> SELECT * WHERE {{ SERVICE <sparql> {{ ?s ?p ?o }} }}",
        # \u escapes are decoded inside IRIs by the parser, so the policy decodes them too
        f"SELECT * WHERE {{ SERVICE <{c.replace('127', ESCAPED_ONE + '27', 1)}sparql> {{}} }}",
        f"SELECT * WHERE {{ BIND(<{c}sparql> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ # c\n service <http://localhost:{c.split(':')[2]}sparql> {{}} }}",
    ]


@pytest.mark.slow
def test_service_outside_the_policy_is_refused_and_never_called(
    safe_server: str, canary: Canary
) -> None:
    for query in _queries(canary):
        response = requests.post(safe_server, data={"query": query}, timeout=20)
        assert response.status_code == 403, (query, response.text)
        assert "SERVICE" in response.json()["error"]
    assert canary.hits == []


@pytest.mark.slow
def test_from_names_store_graphs_and_never_fetches(safe_server: str, canary: Canary) -> None:
    query = (
        f"SELECT * FROM <{canary.url}data.nt> FROM NAMED <{canary.url}n.nt> WHERE {{ ?s ?p ?o }}"
    )
    response = requests.get(safe_server, params={"query": query}, timeout=20)
    assert response.status_code == 200
    assert response.json()["results"]["bindings"] == []
    assert canary.hits == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "target",
    [
        "file:///etc/passwd",
        "CANARY",
        "http://localhost/x.nt",
        "http://10.1.2.3/x.nt",
        "http://[::1]/x",
    ],
)
def test_load_of_local_or_private_sources_is_refused_even_with_the_token(
    safe_server: str, canary: Canary, target: str
) -> None:
    target = target.replace("CANARY", canary.url + "data.nt")
    response = requests.post(
        safe_server,
        data=f"LOAD <{target}>",
        headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
        timeout=20,
    )
    assert response.status_code == 403, response.text
    assert "LOAD" in response.json()["error"]
    assert canary.hits == []


@pytest.mark.slow
def test_bodies_over_the_cap_are_413(safe_server: str) -> None:
    response = requests.post(
        safe_server,
        data="ASK {} #" + "x" * 20_000,
        headers={"Content-Type": "application/sparql-query"},
        timeout=20,
    )
    assert response.status_code == 413
    assert "KUOPIO_KG_MAX_BODY" in response.json()["error"]


def test_rdfxml_parsing_expands_no_entities_and_fetches_nothing(canary: Canary) -> None:
    """The parser LOAD would use reads no external entity and expands no internal one."""
    document = f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY ext SYSTEM "{canary.url}entity"> <!ENTITY a "aaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:x="http://x/">
  <rdf:Description rdf:about="http://x/s"><x:p>&ext;</x:p></rdf:Description>
</rdf:RDF>"""
    try:
        triples = list(ox.parse(document.encode(), format=ox.RdfFormat.RDF_XML))
    except SyntaxError:
        triples = []
    assert all("aaaaaaaaaa" not in str(t) for t in triples)
    assert canary.hits == []


def test_jsonld_output_names_no_remote_context(client: FlaskClient) -> None:
    response = client.get(
        "/sparql",
        query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 5"},
        headers={"Accept": "application/ld+json"},
    )
    assert response.status_code == 200
    assert b"@context" not in response.data
