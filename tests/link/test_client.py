"""The Wikidata client against the stand-in: polite requests, faults as typed errors, and
a cache that makes a second run silent."""

from __future__ import annotations

import pytest

from kuopio_kg.errors import (
    WikidataBadAnswer,
    WikidataRateLimited,
    WikidataRefused,
    WikidataTimeout,
)
from kuopio_kg.link import WikidataClient, find, user_agent
from kuopio_kg.link.client import PROJECT_URL
from kuopio_kg.settings import Settings
from link.conftest import CONTACT
from link.standin import StandIn

QUERY = "SELECT ?item WHERE { ?item <http://www.wikidata.org/prop/direct/P31> ?class } LIMIT 1"


def _run(settings: Settings, client: WikidataClient) -> None:
    links = settings.input_dir / "links"
    find(settings, client, links / "accepted.ttl", links / "candidates.csv")


def test_every_request_is_one_polite_post(
    link_settings: Settings, client: WikidataClient, standin: StandIn
) -> None:
    _run(link_settings, client)
    assert len(standin.requests) > 1
    agent = user_agent(CONTACT)
    assert PROJECT_URL in agent
    assert CONTACT in agent
    assert {r.user_agent for r in standin.requests} == {agent}
    assert {r.method for r in standin.requests} == {"POST"}
    assert max(r.in_flight for r in standin.requests) == 1


def test_a_second_run_asks_nothing_it_already_knows(
    link_settings: Settings, client: WikidataClient, standin: StandIn
) -> None:
    _run(link_settings, client)
    first = len(standin.requests)
    assert first == client.requests
    _run(link_settings, client)
    assert len(standin.requests) == first


def test_the_cache_keeps_the_answer_and_its_retrieval_date(
    client: WikidataClient, standin: StandIn
) -> None:
    answer = client.ask(QUERY)
    cached = client.cache.get(QUERY)
    assert cached == answer
    assert len(cached.retrieved) == len("2026-12-07")
    assert len(cached.rows()) == 1


@pytest.mark.parametrize(
    ("fault", "wait"),
    [("429", 7.0), ("429-bare", 60.0)],
    ids=["retry-after", "a-minute-without-retry-after"],
)
def test_a_429_is_waited_out_then_retried(
    client: WikidataClient, standin: StandIn, sleeps: list[float], fault: str, wait: float
) -> None:
    """The wait is the answer's Retry-After (7 s here), or a minute without one."""
    standin.faults.append(fault)
    assert client.ask(QUERY).rows()
    assert sleeps == [wait]
    assert len(standin.requests) == 2


def test_429_after_every_retry_is_a_rate_limit_error(
    client: WikidataClient, standin: StandIn, sleeps: list[float]
) -> None:
    standin.faults.extend(["429"] * (client.retries + 1))
    with pytest.raises(WikidataRateLimited, match="429"):
        client.ask(QUERY)
    assert sleeps == [7.0] * client.retries
    assert len(standin.requests) == client.retries + 1
    assert client.cache.get(QUERY) is None


@pytest.mark.parametrize(
    ("fault", "error", "words"),
    [
        ("403", WikidataRefused, "403 Forbidden"),
        ("slow", WikidataTimeout, "did not answer within 1 s"),
        ("html", WikidataBadAnswer, "not SPARQL JSON"),
    ],
)
def test_a_fault_is_a_typed_error_and_nothing_is_cached(
    client: WikidataClient,
    standin: StandIn,
    sleeps: list[float],
    fault: str,
    error: type[Exception],
    words: str,
) -> None:
    standin.faults.append(fault)
    with pytest.raises(error, match=words):
        client.ask(QUERY)
    assert len(standin.requests) == 1
    assert sleeps == []
    assert client.cache.get(QUERY) is None
