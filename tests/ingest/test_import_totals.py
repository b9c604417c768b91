"""An import of the hand-written published tables, built into a release, answers SPARQL with
the totals counted by hand in ``tests/fixtures/erasmus/totals.json``: participants per
country (receiving and sending), academic year, call year, activity and institution, in and
out. A second import of the same files changes nothing: the build keeps its release id."""

from __future__ import annotations

import json
from typing import Any

import pyoxigraph as ox
import pytest

from conftest import ERASMUS_FIXTURE, ERASMUS_TABLES
from kuopio_kg.build import build
from kuopio_kg.ingest.erasmus import import_erasmus
from kuopio_kg.load import input_digest
from kuopio_kg.release import Releases
from kuopio_kg.settings import Settings
from kuopio_kg.store import OxigraphStore

pytestmark = pytest.mark.slow

PREFIXES = """
PREFIX kkg:    <https://w3id.org/kuopio-kg/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX skos:   <http://www.w3.org/2004/02/skos/core#>
PREFIX o:      <https://w3id.org/kuopio-kg/id/organisation/>
"""
#: The imported flows (the curated ones of data/programmes.ttl have no call year or source
#: file) with their participant count, one solution per flow.
FLOWS = """
  GRAPH <https://w3id.org/kuopio-kg/graph/mobility> {
    ?flow a kkg:MobilityFlow ; kkg:participants/schema:value ?n
  }
"""
#: Totals key → (the query's grouping pattern over ?flow, binding ?key).
GROUPINGS = {
    "by_receiving_country": "?flow kkg:receiver/kkg:basedIn/kkg:locatedIn* ?c . "
    "?c kkg:countryCode ?key .",
    "by_sending_country": "?flow kkg:sender/kkg:basedIn/kkg:locatedIn* ?c . "
    "?c kkg:countryCode ?key .",
    "by_academic_year": "OPTIONAL { ?flow kkg:academicYear ?y } BIND (COALESCE(?y, '') AS ?key)",
    "by_call_year": "OPTIONAL { ?flow kkg:callYear ?y } BIND (COALESCE(STR(?y), '') AS ?key)",
    "by_activity": "?flow kkg:activityType/skos:prefLabel ?key .",
}
#: The fixture's name of a Kuopio institution → the curated entity the import matched.
INSTITUTIONS = {
    "Savonia": "savonia",
    "UEF": "uef",
    "Sakky": "savo-consortium-for-education",
    "Kuopio Conservatory": "kuopio-conservatory",
}


@pytest.fixture(scope="module")
def totals() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ERASMUS_FIXTURE / "totals.json").read_text("utf-8"))
    kuopio: dict[str, Any] = data["combined"]["kuopio"]
    return kuopio


@pytest.fixture(scope="module")
def store(erasmus_settings: Settings) -> OxigraphStore:
    return OxigraphStore(Releases(erasmus_settings.data_dir).current().store_path)


def _sums(store: OxigraphStore, pattern: str) -> dict[str, int]:
    """Participants per ?key, each flow counted once per key it reaches."""
    query = f"""{PREFIXES}
    SELECT ?key (SUM(?n) AS ?total) WHERE {{
      SELECT DISTINCT ?flow ?n ?key WHERE {{ {FLOWS} {pattern} }}
    }} GROUP BY ?key"""
    return {row["key"].value: int(row["total"].value) for row in _select(store, query)}


def _select(store: OxigraphStore, query: str) -> ox.QuerySolutions:
    result = store.query(query)
    assert isinstance(result, ox.QuerySolutions)
    return result


@pytest.mark.parametrize("grouping", sorted(GROUPINGS))
def test_participants_per_group_are_the_hand_counted_totals(
    store: OxigraphStore, totals: dict[str, Any], grouping: str
) -> None:
    assert _sums(store, GROUPINGS[grouping]) == totals[grouping]


def test_flows_and_participants_in_all_are_the_hand_counted_totals(
    store: OxigraphStore, totals: dict[str, Any]
) -> None:
    query = f"{PREFIXES} SELECT (COUNT(?flow) AS ?flows) (SUM(?n) AS ?total) WHERE {{ {FLOWS} }}"
    (row,) = list(_select(store, query))
    assert int(row["flows"].value) == totals["flows"]
    assert int(row["total"].value) == totals["participants"]


@pytest.mark.parametrize("name", sorted(INSTITUTIONS))
def test_each_kuopio_institution_sends_and_receives_its_totals(
    store: OxigraphStore, totals: dict[str, Any], name: str
) -> None:
    entity = f"o:{INSTITUTIONS[name]}"
    sent = _sums(store, f"?flow kkg:sender {entity} . BIND ('out' AS ?key)")
    received = _sums(store, f"?flow kkg:receiver {entity} . BIND ('in' AS ?key)")
    want = totals["institutions"][name]
    assert (sent.get("out", 0), received.get("in", 0)) == (want["out"], want["in"])


def test_importing_the_same_tables_again_leaves_the_release_as_it_was(
    erasmus_settings: Settings,
) -> None:
    before = input_digest(erasmus_settings)
    report = import_erasmus(erasmus_settings, ERASMUS_TABLES)
    assert not report.changed
    assert all(item.unchanged for item in report.files)
    assert input_digest(erasmus_settings) == before
    assert build(erasmus_settings).id == before
