"""The example queries are tests: each runs on a fresh build and gives its stored answer."""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient
from rdflib import Graph

from answers import Answer, assert_expected_answer
from kuopio_kg.examples import ExampleQuery, load_examples
from kuopio_kg.release import Release, Releases
from kuopio_kg.settings import Settings
from kuopio_kg.store import OxigraphStore
from kuopio_kg.web import create_app
from link.standin import StandIn, start

EXAMPLES = load_examples(Settings.from_env(environ={}).queries_dir)
WIKIDATA = "https://query.wikidata.org/sparql"
FEDERATED = [e for e in EXAMPLES if e.services]
#: An example's ``# fixture:`` → the fixture whose release its expected answer belongs to.
FIXTURES = {"erasmus": "erasmus_settings"}


@pytest.fixture(scope="module")
def wikidata() -> Iterator[StandIn]:
    """The Wikidata stand-in on loopback (tests/link/standin.py), for the federated
    examples: run in-process with the stand-in's address put in for Wikidata's."""
    running, server = start()
    yield running
    server.shutdown()
    server.server_close()


def test_there_are_enough_examples() -> None:
    assert len(EXAMPLES) >= 20


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_example_gives_its_expected_answer(
    example: ExampleQuery, release: Release, request: pytest.FixtureRequest
) -> None:
    if example.fixture is not None:
        assert example.fixture in FIXTURES, f"{example.name}: no test fixture {example.fixture!r}"
        settings: Settings = request.getfixturevalue(FIXTURES[example.fixture])
        release = Releases(settings.data_dir).current()
    text = example.text
    if example.services:
        assert example.services == (WIKIDATA,), "a federated example calls Wikidata only"
        standin: StandIn = request.getfixturevalue("wikidata")
        text = text.replace(f"<{WIKIDATA}>", f"<{standin.url}>")
    result = OxigraphStore(release.store_path).query(text)
    got: Answer
    if isinstance(result, ox.QueryTriples):
        nt = ox.serialize(result, format=ox.RdfFormat.N_TRIPLES)
        got = Graph().parse(data=nt, format="nt")
    else:
        got = result
    assert_expected_answer(example, got)


def _question(example: ExampleQuery) -> str | None:
    """The review question an example answers, from its ``# question: N`` header line."""
    for line in example.text.splitlines():
        if line.startswith("# question:"):
            return line.split(":", 1)[1].strip()
    return None


def test_each_research_question_of_the_review_has_an_example() -> None:
    """The six research questions of the December 2026 review each have an example query;
    its stored answer, checked above, is never empty."""
    answered = sorted(q for q in map(_question, EXAMPLES) if q is not None)
    assert answered == ["1", "2", "3", "4", "5", "6"]


def test_timeline_dates_each_thing_only_by_what_is_stated_for_it(
    release: Release, settings: Settings
) -> None:
    """Every row of the 2010-2026 timeline carries a date that the curated data states for
    that very thing (or for its membership node), never one the reasoner or a neighbour lent
    it: the Nordic chain must not appear to start with its 2022 agreement."""
    (example,) = [e for e in EXAMPLES if _question(e) == "6"]
    store = OxigraphStore(release.store_path)
    solutions = store.query(example.text)
    assert isinstance(solutions, ox.QuerySolutions)
    rows = list(solutions)
    assert rows
    data = settings.graph_iri("data")
    unstated = []
    for row in rows:
        item, date = row["item"], row["date"]
        stated = store.query(
            f"PREFIX kkg: <https://w3id.org/kuopio-kg/ontology#>\n"
            f"ASK {{ GRAPH <{data}> {{ {{ {item} ?p {date} }} UNION "
            f"{{ {item} kkg:membership ?m . ?m ?p {date} }} }} }}"
        )
        if not bool(stated):
            unstated.append((str(item), str(date)))
    assert unstated == []
    chain = "https://w3id.org/kuopio-kg/id/network/nordic-sister-city-chain"
    assert chain not in {row["item"].value for row in rows}


@pytest.mark.parametrize("example", [e for e in EXAMPLES if e.lists], ids=lambda e: e.name)
def test_declared_list_columns_are_columns_of_the_query(example: ExampleQuery) -> None:
    for column in example.lists:
        assert f"AS ?{column})" in example.text, column


def test_there_are_federated_examples_and_they_reach_the_stand_in(
    release: Release, wikidata: StandIn
) -> None:
    """Each federated example really calls the stand-in, with what Oxigraph's SERVICE sends
    (a POST of ``application/sparql-query``), and gets rows back from it."""
    assert len(FEDERATED) >= 2
    store = OxigraphStore(release.store_path)
    for example in FEDERATED:
        before = len(wikidata.requests)
        solutions = store.query(example.text.replace(f"<{WIKIDATA}>", f"<{wikidata.url}>"))
        assert isinstance(solutions, ox.QuerySolutions)
        assert list(solutions), example.name
        called = wikidata.requests[before:]
        assert called, example.name
        assert {r.content_type for r in called} == {"application/sparql-query"}


@pytest.mark.parametrize(
    ("allow_listed", "reason"),
    [(False, "not on this endpoint's allow-list"), (True, "is refused")],
    ids=["default", "allow-listed"],
)
def test_the_endpoint_never_calls_the_loopback_stand_in(
    settings: Settings, release: Release, wikidata: StandIn, allow_listed: bool, reason: str
) -> None:
    """The stand-in is reached in-process only: the endpoint refuses a SERVICE on loopback
    by default, and even when the operator allow-lists that very address."""
    allowed = (wikidata.url,) if allow_listed else settings.service_allow
    client: FlaskClient = create_app(settings.replace(service_allow=allowed)).test_client()
    text = FEDERATED[0].text.replace(f"<{WIKIDATA}>", f"<{wikidata.url}>")
    before = len(wikidata.requests)
    response = client.post("/sparql", data={"query": text})
    assert response.status_code == 403
    assert reason in response.get_json()["error"]
    assert len(wikidata.requests) == before
