"""Safe by default: nothing a query or update says makes the endpoint read a file or
contact a host outside the allow-list. A canary HTTP server on loopback records any hit.

How a LOAD that the policy allows is fetched and parsed is in ``tests/sparql/test_fetch.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from flask.testing import FlaskClient

from canary import Canary

from .conftest import TOKEN, StartServer, make_scratch_release


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


def test_jsonld_output_names_no_remote_context(client: FlaskClient) -> None:
    response = client.get(
        "/sparql",
        query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 5"},
        headers={"Accept": "application/ld+json"},
    )
    assert response.status_code == 200
    assert b"@context" not in response.data
