"""The result cache: what it keeps, what it never keeps, and that an update is never stale."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient

from kuopio_kg.sparql.cache import ResultCache, cacheable
from kuopio_kg.sparql.jobs import Answered, Head
from kuopio_kg.sparql.lexer import lex

from .conftest import TOKEN

HEAD = Head(Answered.SELECT, "json", False)


@pytest.mark.parametrize(
    ("text", "calls_service", "expected"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", False, True),
        ('SELECT * WHERE { ?s ?p "now() rand()" } # uuid()', False, True),
        ("SELECT (NOW() AS ?t) WHERE {}", False, False),
        ("SELECT ?s WHERE { ?s ?p ?o } ORDER BY rand()", False, False),
        ("SELECT (struuid() AS ?u) (BNODE() AS ?b) WHERE {}", False, False),
        (
            "SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }",
            True,
            False,
        ),
    ],
)
def test_only_answers_that_cannot_change_are_cacheable(
    text: str, calls_service: bool, expected: bool
) -> None:
    assert cacheable(lex(text), calls_service) is expected


def test_an_answer_read_to_its_end_is_kept_and_passed_on_unchanged() -> None:
    cache = ResultCache(1000)
    assert cache.get("q") is None
    assert list(cache.keep("q", HEAD, [b"ab", b"cd"])) == [b"ab", b"cd"]
    assert cache.get("q") == (HEAD, (b"ab", b"cd"))
    assert (cache.hits, cache.misses) == (1, 1)


def test_an_answer_left_unread_or_too_big_is_not_kept() -> None:
    cache = ResultCache(1600)
    stream: Iterator[bytes] = cache.keep("cut", HEAD, [b"a", b"b"])
    next(stream)
    del stream  # the client went away after the first chunk
    big = list(cache.keep("big", HEAD, [b"x" * 60, b"x" * 60]))  # over a sixteenth of 1600
    assert big == [b"x" * 60] * 2
    assert cache.get("cut") is None
    assert cache.get("big") is None


def test_the_least_recently_used_answer_goes_first() -> None:
    cache = ResultCache(160)  # sixteen answers of ten bytes
    for key in "abcdefghijklmnop":
        list(cache.keep(key, HEAD, [b"x" * 10]))
    assert cache.get("a") is not None  # now the most recently used
    list(cache.keep("q", HEAD, [b"x" * 10]))
    assert cache.get("b") is None
    assert all(cache.get(key) is not None for key in "acdefghijklmnopq")


def _cache_count(client: FlaskClient, outcome: str) -> int:
    for line in client.get("/metrics").data.decode().splitlines():
        if line.startswith("kuopio_kg_result_cache_total") and f'outcome="{outcome}"' in line:
            return int(line.rsplit(" ", 1)[1])
    raise AssertionError("no result-cache counter in /metrics")


def test_a_repeated_query_is_a_hit_and_an_update_is_never_answered_stale(
    scratch_client: FlaskClient,
) -> None:
    query = {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s a <http://example.org/Thing> }"}
    accept = {"Accept": "application/sparql-results+json"}
    hits = _cache_count(scratch_client, "hit")
    first = scratch_client.get("/sparql", query_string=query, headers=accept)
    second = scratch_client.get("/sparql", query_string=query, headers=accept)
    assert first.data == second.data
    assert first.json is not None
    assert first.json["results"]["bindings"][0]["n"]["value"] == "0"
    assert _cache_count(scratch_client, "hit") == hits + 1
    inserted = scratch_client.post(
        "/sparql",
        data="INSERT DATA { <http://example.org/t> a <http://example.org/Thing> }",
        content_type="application/sparql-update",
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert inserted.status_code == 204
    after = scratch_client.get("/sparql", query_string=query, headers=accept)
    assert after.json is not None
    assert after.json["results"]["bindings"][0]["n"]["value"] == "1"
    scratch_client.post(
        "/sparql",
        data="DELETE DATA { <http://example.org/t> a <http://example.org/Thing> }",
        content_type="application/sparql-update",
        headers={"Authorization": f"Bearer {TOKEN}"},
    )


def test_a_query_with_now_is_evaluated_every_time(scratch_client: FlaskClient) -> None:
    query = {"query": "SELECT (NOW() AS ?t) WHERE {}"}
    misses, hits = _cache_count(scratch_client, "miss"), _cache_count(scratch_client, "hit")
    for _ in range(2):
        scratch_client.get("/sparql", query_string=query, headers={"Accept": "text/csv"})
    assert (_cache_count(scratch_client, "miss"), _cache_count(scratch_client, "hit")) == (
        misses,
        hits,
    )
