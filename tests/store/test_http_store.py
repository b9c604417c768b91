"""HttpStore against real Oxigraph server and Virtuoso: query forms, writes, blank nodes,
credentials, and the typed error of a store that does not answer."""

from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kuopio_kg.errors import QueryError, QueryTimeout, StoreUnavailable
from kuopio_kg.store.http import HttpStore

from .servers import Server, free_port, start_oxigraph

G = ox.NamedNode("https://example.org/test/graph")
S, P, Q = (ox.NamedNode(f"https://example.org/test/{n}") for n in ("s", "p", "q"))


def _store(remote: Server) -> HttpStore:
    return HttpStore(remote.query_url, remote.update_url, remote.graph_store_url)


def _mine(store: HttpStore) -> list[ox.Quad]:
    return [q for q in store.quads() if q.graph_name == G]


@pytest.mark.slow
def test_query_forms_update_and_sizes(remote: Server) -> None:
    store = _store(remote)
    store.drop([G.value])
    store.add_graph(G.value, f'{S} {P} "a" .\n{S} {P} "b"@fi .\n'.encode())
    assert store.graph_sizes()[G.value] == 2
    rows = store.query(f"SELECT ?o WHERE {{ GRAPH {G} {{ ?s ?p ?o }} }} ORDER BY ?o",
                       union_default_graph=False)  # fmt: skip
    assert isinstance(rows, ox.QuerySolutions)
    assert sorted(str(row["o"]) for row in rows) == ['"a"', '"b"@fi']
    assert store.query(f"ASK {{ GRAPH {G} {{ {S} {P} 'a' }} }}")
    triples = store.query(f"CONSTRUCT {{ ?s {Q} ?o }} WHERE {{ GRAPH {G} {{ ?s ?p ?o }} }}")
    assert isinstance(triples, ox.QueryTriples)
    assert len(list(triples)) == 2
    store.update(f"INSERT DATA {{ GRAPH {G} {{ {S} {Q} 1 }} }}")
    assert store.graph_sizes()[G.value] == 3
    with pytest.raises(QueryError):
        store.query("SELECT * WHERE { ?s ?p }")


@pytest.mark.slow
def test_apply_removes_and_adds_blank_node_groups_whole(remote: Server) -> None:
    store = _store(remote)
    store.drop([G.value])
    one, two = ox.Literal("1"), ox.Literal("2")
    store.add_graph(G.value, f"{S} {P} _:x .\n_:x {Q} {one} .\n{S} {Q} {two} .\n".encode())
    quads = _mine(store)
    assert len(quads) == 3
    blank = [q for q in quads if isinstance(q.subject, ox.BlankNode)
             or isinstance(q.object, ox.BlankNode)]  # fmt: skip
    node = ox.BlankNode("new")
    store.apply(blank, [ox.Quad(S, P, node, G), ox.Quad(node, Q, ox.Literal("3"), G)])
    after = _mine(store)
    assert len(after) == 3
    (link,) = [q for q in after if q.predicate == P]
    (value,) = [q for q in after if q.subject == link.object]
    assert value.object == ox.Literal("3")  # the two added triples share one new node
    store.apply([ox.Quad(S, Q, two, G)], [])
    assert len(_mine(store)) == 2


def test_a_store_that_does_not_answer_is_named_in_a_503() -> None:
    url = f"http://127.0.0.1:{free_port()}/sparql"
    with pytest.raises(StoreUnavailable, match=url) as raised:
        HttpStore(url).query("ASK {}")
    assert raised.value.http_status == 503


@pytest.mark.slow
def test_virtuoso_digest_credentials(remote: Server) -> None:
    if remote.kind != "virtuoso":
        pytest.skip("digest authentication is Virtuoso's /sparql-auth")
    auth_url = remote.query_url.replace("/sparql", "/sparql-auth")
    assert bool(HttpStore(auth_url, user="dba", password="dba").query("ASK {}")) is True
    with pytest.raises(Exception, match="credentials"):
        HttpStore(auth_url).query("ASK {}")


RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.mark.slow
def test_a_runaway_query_stops_at_the_deadline(remote: Server, remote_settings: object) -> None:
    store = _store(remote)
    with pytest.raises(QueryTimeout, match=remote.query_url):
        store.query(RUNAWAY, deadline=time.monotonic() + 2)
    assert store.query("ASK {}")


#: Pairs of nodes with equal values: rows found all through the pairs, so the answer
#: streams for longer than the store's one-second limit.
_STREAMING = (
    "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f FILTER(STR(?c) = STR(?f) && STR(?a) < STR(?d)) }"
)


@pytest.mark.slow
def test_an_answer_oxigraph_server_cancels_midway_is_a_timeout(tmp_path: Path) -> None:
    """Oxigraph server writes "The SPARQL operation has been cancelled" at the end of an
    answer it had begun (status 200) when its --timeout-s passes: a timeout, not rows."""
    server = start_oxigraph(tmp_path / "oxigraph", limit=1)
    try:
        store = _store(server)
        nodes = "".join(f'<https://example.org/test/n{i}> {P} "{i % 1000}" .\n'
                        for i in range(6000))  # fmt: skip
        store.add_graph(G.value, nodes.encode())
        with pytest.raises(QueryTimeout, match="stopped the query at its timeout"):
            store.query(_STREAMING, deadline=time.monotonic() + 30)
    finally:
        server.stop()
