"""The landing page, its schema.org Dataset description, sitemap.xml and robots.txt."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import unquote

from flask.testing import FlaskClient

from kuopio_kg.release import Release
from kuopio_kg.settings import Settings

from .sparql import count, rows

BROWSER = "text/html,*/*;q=0.8"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SC = "{http://sw.deri.org/2007/07/sitemapextension/scschema.xsd}"


def test_landing_links_everything_and_shows_live_counts(
    client: FlaskClient, release: Release
) -> None:
    response = client.get("/", headers={"Accept": BROWSER})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for link in ("/sparql", "/dumps/", "/catalog", "/.well-known/void", "/ontology"):
        assert f'href="{link}"' in html, link
    triples = count(
        client,
        "SELECT (COUNT(*) AS ?n) WHERE { "
        "SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }",
    )
    assert f"{triples} distinct triples" in html
    assert release.id in html


def test_landing_has_a_schema_org_dataset(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    dataset = json.loads(script)
    assert dataset["@type"] == "Dataset"
    assert 50 <= len(dataset["description"]) <= 5000
    assert dataset["license"].startswith("https://creativecommons.org/licenses/by/4.0")
    assert dataset["name"]
    assert dataset["spatialCoverage"]["@type"] == "Place"
    assert dataset["distribution"]
    for download in dataset["distribution"]:
        assert download["@type"] == "DataDownload"
        assert download["contentUrl"]
        assert download["encodingFormat"]
    dated = rows(client, "SELECT ?d WHERE { ?e <https://schema.org/startDate> ?d } LIMIT 1")
    assert ("temporalCoverage" in dataset) == bool(dated)


def test_sitemap_lists_pages_and_entities_with_a_semantic_block(
    client: FlaskClient, settings: Settings
) -> None:
    response = client.get("/sitemap.xml")
    assert response.mimetype == "application/xml"
    root = ET.fromstring(response.data)
    dataset = root.find(f"{SC}dataset")
    assert dataset is not None
    assert dataset.findtext(f"{SC}datasetURI") == settings.base_iri + "dataset"
    assert dataset.findtext(f"{SC}sparqlEndpointLocation") == settings.base_iri + "sparql"
    assert dataset.findall(f"{SC}dataDumpLocation")
    locations = {loc.text for loc in root.iter(f"{SITEMAP}loc")}
    typed = rows(
        client,
        f"SELECT DISTINCT ?s WHERE {{ GRAPH <{settings.graph_iri('data')}> {{ ?s a ?c }} "
        "FILTER(isIRI(?s)) }",
    )
    for row in typed:
        path = row["s"].removeprefix(settings.base_iri)
        assert f"http://localhost/{path}" in locations, path
    assert "http://localhost/" in locations


def test_robots_points_at_the_sitemap(client: FlaskClient) -> None:
    text = client.get("/robots.txt").get_data(as_text=True)
    assert "Sitemap: http://localhost/sitemap.xml" in text
    assert "User-agent: *" in text


def test_landing_answers_304(client: FlaskClient) -> None:
    tag = client.get("/").headers["ETag"]
    assert client.get("/", headers={"If-None-Match": tag}).status_code == 304


def test_browse_groups_every_entity_by_class_with_counts(
    client: FlaskClient, settings: Settings
) -> None:
    page = client.get("/browse", headers={"Accept": BROWSER}).get_data(as_text=True)
    classes = rows(
        client,
        f"SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH <{settings.graph_iri('data')}> "
        "{ ?s a ?c } FILTER(isIRI(?s)) } GROUP BY ?c",
    )
    groups = re.findall(
        r'<section class="class-group"[^>]*>\s*<h2><a href="/browse\?class=([^"]+)">[^<]*</a> '
        r'<span class="count">\((\d+)\)</span></h2>\s*<ul>(.*?)</ul>',
        page,
        re.S,
    )
    shown = {unquote(cls): int(n) for cls, n, _ in groups}
    assert shown == {row["c"]: int(row["n"]) for row in classes}
    for _, n, items in groups:
        assert items.count("<li>") == int(n)
    counts = [int(n) for _, n, _ in groups]
    assert counts == sorted(counts, reverse=True)
    kkg = settings.base_iri + "ontology#"
    one = client.get("/browse", query_string={"class": kkg + "City"}, headers={"Accept": BROWSER})
    assert f"<p>{shown[kkg + 'City']} entities.</p>" in one.get_data(as_text=True)
