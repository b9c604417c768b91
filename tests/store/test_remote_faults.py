"""Faults of a remote store: stopped mid-traffic, and a build that stops half-way.

A store that is killed while clients query through ``serve --store`` gives each of them a
503 that names the store, within the deadline (no hung connection), and the same server
answers again once the store is back, with no restart. A build whose load fails half-way
is never served: the live graphs and the release record stay as they were.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pyoxigraph as ox
import pytest
import requests

from kuopio_kg.build import build
from kuopio_kg.settings import Settings
from kuopio_kg.store.remote import remote_store
from kuopio_kg.store.versions import RemoteReleases, staging_iri

from .conftest import KINDS, store_env
from .servers import Server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
#: The server's query deadline in these tests; a client waits this plus a margin at most.
DEADLINE = 5


def _count(url: str) -> requests.Response:
    return requests.post(url + "/sparql", data={"query": COUNT}, timeout=DEADLINE + 15,
                         headers={"Accept": "application/sparql-results+json"})  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_a_store_stopped_mid_traffic_gives_503_naming_it_then_recovers(
    kind: str,
    fresh_release: Callable[[str], tuple[Server, Settings]],
    start_server: Callable[..., str],
) -> None:
    store, settings = fresh_release(kind)
    url = start_server(settings.data_dir, query_timeout=DEADLINE, **store_env(store))
    before = _count(url)
    assert before.status_code == 200, before.text

    answers: list[tuple[int, str]] = []
    failures: list[BaseException] = []
    stop = threading.Event()

    def client() -> None:
        while not stop.is_set():
            try:
                response = _count(url)  # a hung connection would raise ReadTimeout here
                answers.append((response.status_code, response.text))
            except BaseException as exc:
                failures.append(exc)
                return

    clients = [threading.Thread(target=client) for _ in range(4)]
    for thread in clients:
        thread.start()
    time.sleep(1)
    store.kill()
    time.sleep(3)
    stop.set()
    for thread in clients:
        thread.join()
    assert failures == []
    down = [text for status, text in answers if status != 200]
    assert down, "no request saw the store down"
    assert {status for status, _ in answers} <= {200, 503}
    assert all(store.query_url in text or store.update_url in text for text in down), down[:3]
    after_kill = _count(url)
    assert after_kill.status_code == 503
    assert store.query_url in after_kill.text

    store.start()
    for _ in range(40):
        again = _count(url)
        if again.status_code == 200:
            break
        time.sleep(0.5)
    assert again.status_code == 200, again.text
    assert again.json() == before.json()


def _live_count(remote_server: str) -> int:
    response = _count(remote_server)
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


@pytest.mark.slow
def test_a_half_finished_build_is_never_served(
    remote: Server, remote_settings: Settings, remote_server: str
) -> None:
    releases = RemoteReleases(
        remote_store(remote_settings), remote_settings.base_iri, remote_settings.data_dir
    )
    served_id = releases.current_id()
    served = _live_count(remote_server)
    contents = {
        "data": b'<https://example.org/new> <https://example.org/p> "new" .\n',
        "links": b"this is not N-Triples\n",
    }
    with pytest.raises(SyntaxError):
        releases.publish("half-finished", contents, {})
    # the first graph was loaded into its staging graph, and is not what is served
    staged = staging_iri(remote_settings.graph_iri("data"), "half-finished")
    assert releases.store.graph_sizes().get(staged) == 1
    assert releases.current_id() == served_id
    time.sleep(1.5)  # past the servers' recheck of the release record
    assert _live_count(remote_server) == served
    asked = requests.post(
        remote_server + "/sparql",
        data={"query": 'ASK { ?s ?p "new" }'},
        headers={"Accept": "application/sparql-results+json"},
        timeout=30,
    )
    assert asked.json()["boolean"] is False

    # the next build of that id drops the leftovers first, then switches whole
    done = releases.publish("half-finished", {"data": contents["data"]}, {})
    assert done.id == releases.current_id() == "half-finished"
    assert staged not in releases.store.graph_sizes()
    got = releases.store.query(f"SELECT * WHERE {{ GRAPH <{remote_settings.graph_iri('data')}> "
                               "{ ?s ?p ?o } }", union_default_graph=False)  # fmt: skip
    assert isinstance(got, ox.QuerySolutions)
    assert len(list(got)) == 1
    # put the project's release back for the other tests of the session
    build(remote_settings.replace(source=remote_settings.source))
