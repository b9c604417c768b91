"""Dumps under /dumps/: every file downloads with its size, checksum and ETag, parses, and
holds what the SPARQL endpoint counts; the files are written once per release."""

from __future__ import annotations

import base64
import gzip
import hashlib

from flask.testing import FlaskClient
from rdflib import Dataset, Graph

from kuopio_kg.current import Follower
from kuopio_kg.graphs import ALL
from kuopio_kg.publish.dumps import all_dumps, ensure_dumps
from kuopio_kg.release import Release
from kuopio_kg.settings import Settings

from .sparql import count

QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _quads(dataset: Dataset) -> int:
    """Quads in named graphs (a triple in two graphs counts twice, as in SPARQL)."""
    return sum(1 for _ in dataset.quads((None, None, None, None)))


def _sums(client: FlaskClient) -> dict[str, str]:
    response = client.get("/dumps/SHA256SUMS")
    assert response.status_code == 200
    lines = response.get_data(as_text=True).splitlines()
    return {name: digest for digest, name in (line.split("  ") for line in lines)}


def test_index_and_checksums_list_every_dump(client: FlaskClient) -> None:
    index = client.get("/dumps/").get_data(as_text=True)
    sums = _sums(client)
    assert set(sums) == {d.filename for d in all_dumps()}
    for name in sums:
        assert f'href="/dumps/{name}"' in index


def test_every_dump_downloads_with_length_etag_and_digest(
    client: FlaskClient, release: Release
) -> None:
    sums = _sums(client)
    for dump in all_dumps():
        response = client.get(f"/dumps/{dump.filename}")
        assert response.status_code == 200
        body = response.data
        assert int(response.headers["Content-Length"]) == len(body)
        assert response.mimetype == dump.media_type
        assert response.headers["ETag"] == f'"{release.id}"'
        digest = hashlib.sha256(body).digest()
        assert sums[dump.filename] == digest.hex()
        assert response.headers["Repr-Digest"] == f"sha-256=:{base64.b64encode(digest).decode()}:"
        again = client.get(f"/dumps/{dump.filename}", headers={"If-None-Match": f'"{release.id}"'})
        assert again.status_code == 304


def test_dumps_hold_what_sparql_counts(client: FlaskClient, settings: Settings) -> None:
    whole = Dataset()
    whole.parse(data=client.get("/dumps/kuopio-kg.trig").data, format="trig")
    assert _quads(whole) == count(client, QUADS)
    nquads = Dataset()
    nquads.parse(data=gzip.decompress(client.get("/dumps/kuopio-kg.nq.gz").data), format="nquads")
    assert _quads(nquads) == count(client, QUADS)
    for name in ALL:
        expected = count(
            client,
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{settings.graph_iri(name)}> "
            "{ ?s ?p ?o } }",
        )
        turtle = Graph().parse(data=client.get(f"/dumps/{name}.ttl").data, format="turtle")
        assert len(turtle) == expected, name
        jsonld = Graph().parse(data=client.get(f"/dumps/{name}.jsonld").data, format="json-ld")
        assert len(jsonld) == expected, name


def test_dumps_are_written_once_per_release(settings: Settings, release: Release) -> None:
    store = Follower(settings.data_dir).get().store
    first = {w.path: w.path.stat().st_mtime_ns for w in ensure_dumps(release, store, settings)}
    second = {w.path: w.path.stat().st_mtime_ns for w in ensure_dumps(release, store, settings)}
    assert first == second
    assert all(path.is_relative_to(release.path) for path in first)


def test_unknown_dump_is_404(client: FlaskClient) -> None:
    assert client.get("/dumps/nothing.ttl").status_code == 404
