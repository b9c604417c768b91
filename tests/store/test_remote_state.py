"""Several servers over one remote store see every change to it at once.

The store can change without a server knowing: an update through another server, or a
write straight to the store. So over a remote store no server keeps answers (result cache)
or answers a revalidation with 304 from what it saw before; the store is asked each time.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import requests

from kuopio_kg.settings import Settings
from kuopio_kg.store.remote import remote_store

from .conftest import KINDS, store_env
from .servers import Server

TOKEN = "s3cret-token"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _count(url: str, etag: str | None = None) -> requests.Response:
    headers = {"Accept": "application/sparql-results+json"}
    if etag:
        headers["If-None-Match"] = etag
    return requests.post(url + "/sparql", data={"query": COUNT}, headers=headers, timeout=60)


def _n(response: requests.Response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_every_server_sees_a_change_made_through_another_or_at_the_store(
    kind: str,
    fresh_release: Callable[[str], tuple[Server, Settings]],
    start_server: Callable[..., str],
) -> None:
    store, settings = fresh_release(kind)
    writer = start_server(settings.data_dir, update_token=TOKEN, **store_env(store))
    reader = start_server(settings.data_dir, **store_env(store))
    first = _count(reader)
    before = _n(first)
    assert _n(_count(writer)) == before  # both have asked once: a cache would keep these

    data = settings.graph_iri("data")
    inserted = requests.post(
        writer + "/sparql",
        data={"update": f'INSERT DATA {{ GRAPH <{data}> {{ <urn:x:a> <urn:x:p> "1" }} }}'},
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=60,
    )
    assert inserted.status_code in (200, 204), inserted.text
    assert _n(_count(writer)) == before + 1
    assert _n(_count(reader, first.headers.get("ETag"))) == before + 1

    remote_store(settings).update(
        f'INSERT DATA {{ GRAPH <{data}> {{ <urn:x:b> <urn:x:p> "2" }} }}'
    )  # another writer, straight to the store
    assert _n(_count(writer)) == before + 2
    assert _n(_count(reader)) == before + 2
