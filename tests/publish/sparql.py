"""Counting through the SPARQL endpoint, as a user of the release would."""

from __future__ import annotations

from flask.testing import FlaskClient


def count(client: FlaskClient, query: str) -> int:
    """The single ``?n`` of a SELECT query answered by /sparql."""
    response = client.post(
        "/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    (row,) = response.get_json()["results"]["bindings"]
    return int(row["n"]["value"])


def rows(client: FlaskClient, query: str) -> list[dict[str, str]]:
    response = client.post(
        "/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    return [
        {name: cell["value"] for name, cell in binding.items()}
        for binding in response.get_json()["results"]["bindings"]
    ]
