"""The downloads are the query's answer: GraphML that networkx reads with the edge count and
weights of the same query sent to /sparql, the CSV edge list, the GeoJSON places, and a 400
with one sentence for a bad parameter."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict

import networkx as nx
import pytest
from flask.testing import FlaskClient

from conftest import ERASMUS_FIXTURE
from kuopio_kg.settings import Settings
from kuopio_kg.web import create_app
from kuopio_kg.web.state import state_of

pytestmark = pytest.mark.slow

Row = dict[str, str]
ID = "https://w3id.org/kuopio-kg/id/"
TOTALS = ERASMUS_FIXTURE / "totals.json"
#: Level → the columns of the sender's and the receiver's node (as the query names them).
LEVELS = {
    "organisation": ("sender", "receiver"),
    "city": ("senderCity", "receiverCity"),
    "country": ("senderCountry", "receiverCountry"),
}

#: Level → a node the flows make there, and its label.
KNOWN_NODE = {
    "organisation": (ID + "organisation/savonia", "Savonia University of Applied Sciences"),
    "city": (ID + "place/kuopio", "Kuopio"),
    "country": (ID + "place/finland", "Finland"),
}


def sparql_rows(client: FlaskClient, settings: Settings, name: str) -> list[Row]:
    """The rows of ``queries/<name>.rq`` sent to /sparql, as the browser sends it."""
    text = (settings.queries_dir / f"{name}.rq").read_text(encoding="utf-8")
    response = client.post("/sparql", data={"query": text},
                           headers={"Accept": "application/sparql-results+json"})  # fmt: skip
    assert response.status_code == 200, response.data
    bindings = response.get_json()["results"]["bindings"]
    return [{name: term["value"] for name, term in row.items()} for row in bindings]


def expected_edges(rows: list[Row], level: str, **filters: str) -> dict[tuple[str, str], int]:
    """(source, target) → participants, summed over the flows the filters keep."""
    source, target = LEVELS[level]
    edges: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        kept = all(row.get(column) == value for column, value in filters.items())
        if kept and source in row and target in row:
            edges[row[source], row[target]] += int(row.get("participants", "0"))
    return dict(edges)


@pytest.mark.parametrize("level", list(LEVELS))
def test_graphml_loads_in_networkx_with_the_edges_and_weights_of_the_query(
    explore_client: FlaskClient, mobility_settings: Settings, level: str
) -> None:
    rows = sparql_rows(explore_client, mobility_settings, "explore-network")
    expected = expected_edges(rows, level)
    assert len(expected) >= 4, "the synthetic flows should make a network at every level"
    response = explore_client.get(f"/explore/network.graphml?level={level}")
    assert response.status_code == 200
    assert response.mimetype == "application/graphml+xml"
    graph = nx.read_graphml(io.BytesIO(response.data))
    assert isinstance(graph, nx.DiGraph)
    assert graph.number_of_edges() == len(expected)
    weights: dict[tuple[str, str], int] = {}
    for source, target, data in graph.edges(data=True):
        weights[source, target] = data["weight"]
    assert weights == expected
    node, label = KNOWN_NODE[level]
    assert graph.nodes[node]["label"] == label


def test_the_csv_edge_list_keeps_the_filtered_flows(
    explore_client: FlaskClient, mobility_settings: Settings
) -> None:
    rows = sparql_rows(explore_client, mobility_settings, "explore-network")
    studies = (
        ID + "concept/erasmus-activity-student-mobility-for-studies-between-programme-countries"
    )
    expected = expected_edges(rows, "city", period="2019-2020", activity=studies)
    assert expected
    assert expected != expected_edges(rows, "city")
    response = explore_client.get(
        "/explore/network.csv", query_string={"level": "city", "year": "2019-2020",
                                              "activity": studies})  # fmt: skip
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    table = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert list(table[0]) == ["source", "target", "weight", "flows", "source_label", "target_label"]
    assert {(r["source"], r["target"]): int(r["weight"]) for r in table} == expected
    assert {r["source_label"] for r in table} >= {"Kuopio"}


def test_the_geojson_holds_every_place_of_the_query(
    explore_client: FlaskClient, mobility_settings: Settings
) -> None:
    rows = sparql_rows(explore_client, mobility_settings, "explore-places")
    response = explore_client.get("/explore/places.geojson")
    assert response.status_code == 200
    assert response.mimetype == "application/geo+json"
    collection = response.get_json(force=True)
    assert collection["type"] == "FeatureCollection"
    features = {f["id"]: f for f in collection["features"]}
    assert set(features) == {row["place"] for row in rows}
    located = [row for row in rows if "lat" in row]
    assert 0 < len(located) < len(rows)
    for row in rows:
        feature = features[row["place"]]
        if "lat" in row:
            point = [float(row["long"]), float(row["lat"])]
            assert feature["geometry"] == {"type": "Point", "coordinates": point}
        else:
            assert feature["geometry"] is None
        assert feature["properties"]["outgoing"] == int(row["outgoing"])
        assert feature["properties"]["incoming"] == int(row["incoming"])
        assert feature["properties"]["countryCode"] == row.get("countryCode")
    # Granada is the only Spanish city of the hand-written tables: its flows are Spain's.
    spain = json.loads(TOTALS.read_text(encoding="utf-8"))["combined"]["kuopio"]
    granada = features[ID + "place/es-granada"]["properties"]
    assert (granada["outgoing"], granada["incoming"], granada["ties"]) == (
        spain["by_receiving_country"]["ES"], spain["by_sending_country"]["ES"], ["mobility"]
    )  # fmt: skip


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("level=planet", "Unknown level 'planet'; the levels are organisation, city, country."),
        ("year=1999", "No flow has the academic year or call year '1999'"),
        ("activity=http://example.org/dance", "No flow has the activity"),
    ],
)
@pytest.mark.parametrize("download", ["network.graphml", "network.csv"])
def test_a_bad_parameter_is_a_400_with_one_sentence(
    explore_client: FlaskClient, download: str, query: str, words: str
) -> None:
    response = explore_client.get(f"/explore/{download}?{query}")
    assert response.status_code == 400
    message = response.get_json()["error"]
    assert message.startswith(words)
    assert message.endswith(".")
    assert ". " not in message


def test_the_pages_show_their_query_and_link_it_to_sparql(
    explore_client: FlaskClient, mobility_settings: Settings
) -> None:
    index = explore_client.get("/explore/", headers={"Accept": "text/html"})
    assert index.status_code == 200
    for view, name in (("network", "explore-network"), ("map", "explore-places"),
                       ("timeline", "explore-timeline")):  # fmt: skip
        assert f'href="/explore/{view}"' in index.get_data(as_text=True)
        page = explore_client.get(f"/explore/{view}").get_data(as_text=True)
        assert f"queries/{name}.rq" in page
        assert 'id="run-at-sparql" href="/sparql?query=' in page
    landing = explore_client.get("/", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert 'href="/explore/"' in landing


def test_a_download_cut_at_the_row_limit_says_so(mobility_settings: Settings) -> None:
    app = create_app(mobility_settings.replace(max_rows=3))
    try:
        client = app.test_client()
        cut = client.get("/explore/network.csv")
        assert cut.status_code == 200
        assert cut.headers["X-SPARQL-Truncated"] == "true"
        assert len(cut.get_data(as_text=True).splitlines()) <= 4
    finally:
        state_of(app).endpoint.close()


def test_a_whole_download_is_not_flagged(explore_client: FlaskClient) -> None:
    assert "X-SPARQL-Truncated" not in explore_client.get("/explore/places.geojson").headers
