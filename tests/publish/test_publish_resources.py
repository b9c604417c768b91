"""Dereferenceable IRIs: content negotiation, extensions, alternates, 404s and the pages."""

from __future__ import annotations

import html as html_module
import json
import re

import pytest
from flask.testing import FlaskClient
from pyld import jsonld
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF

from kuopio_kg.formats import GRAPHS
from kuopio_kg.release import Release
from kuopio_kg.settings import Settings

from .conftest import FIXTURE

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
#: rdflib parser name by media type.
PARSERS = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}
PLACE = "/id/place/kuopio"
SERIES = "/id/series/kuopio-dance"


def _graph(body: bytes, media_type: str) -> Graph:
    return Graph().parse(data=body, format=PARSERS[media_type])


def test_every_format_by_accept_and_by_extension(small_client: FlaskClient) -> None:
    reference = _graph(small_client.get(PLACE + ".ttl").data, "text/turtle")
    iri = URIRef("https://w3id.org/kuopio-kg" + PLACE)
    assert (iri, RDF.type, None) in reference
    for rdf_format in GRAPHS:
        by_accept = small_client.get(PLACE, headers={"Accept": rdf_format.media_type})
        assert by_accept.status_code == 200
        assert by_accept.mimetype == rdf_format.media_type
        assert "Accept" in by_accept.headers["Vary"]
        assert by_accept.headers["Content-Location"] == f"{PLACE}.{rdf_format.extension}"
        assert isomorphic(_graph(by_accept.data, rdf_format.media_type), reference)
        by_extension = small_client.get(f"{PLACE}.{rdf_format.extension}")
        assert by_extension.mimetype == rdf_format.media_type
        assert isomorphic(_graph(by_extension.data, rdf_format.media_type), reference)


def test_jsonld_is_read_the_same_by_a_jsonld_processor(small_client: FlaskClient) -> None:
    document = small_client.get(PLACE, headers={"Accept": "application/ld+json"}).get_json()
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    reference = _graph(small_client.get(PLACE + ".nt").data, "application/n-triples")
    assert isomorphic(Graph().parse(data=nquads, format="nt"), reference)


def test_link_header_lists_every_representation(small_client: FlaskClient) -> None:
    links = small_client.get(PLACE, headers={"Accept": "text/turtle"}).headers["Link"]
    found = dict(re.findall(r'<([^>]+)>; rel="alternate"; type="([^"]+)"', links))
    assert set(found.values()) == {"text/html", *PARSERS}
    for url in found:
        assert small_client.get(url).status_code == 200


def test_a_browser_gets_html_and_unknown_types_are_refused(small_client: FlaskClient) -> None:
    page = small_client.get(PLACE, headers={"Accept": BROWSER})
    assert page.mimetype == "text/html"
    assert small_client.get(PLACE, headers={"Accept": "image/png"}).status_code == 406
    assert small_client.get(PLACE).mimetype == "text/html"


def _jsonld_scripts(html: str) -> list[dict[str, object]]:
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(script) for script in scripts]


def test_entity_page_shows_labels_types_links_map_and_wikidata(small_client: FlaskClient) -> None:
    html = small_client.get(PLACE, headers={"Accept": BROWSER}).get_data(as_text=True)
    assert "<h1>Kuopio</h1>" in html
    assert ">City</a>" in html  # the type, by its label
    assert 'href="/ontology#twinTown">twin town</a>' in html  # a property, by its label
    assert 'href="/id/place/minden"' in html  # outgoing link, dereferenceable here
    assert 'href="/id/org/uef"' in html  # incoming link
    assert 'href="http://www.wikidata.org/entity/Q162279"' in html
    assert 'id="entity-map"' in html  # the offline base map (tests/web/explore draws it)
    assert "openstreetmap.org" in html
    (entity,) = _jsonld_scripts(html)
    assert entity["sameAs"] == ["http://www.wikidata.org/entity/Q162279"]


def test_asserted_and_inferred_statements_are_told_apart(small_client: FlaskClient) -> None:
    html = small_client.get(PLACE, headers={"Accept": BROWSER}).get_data(as_text=True)
    rows = re.findall(r"<tr( class=\"inferred\")?>\s*<th>.*?</tr>", html, re.S)
    inferred = re.findall(r"<tr class=\"inferred\">.*?</tr>", html, re.S)
    assert any('href="https://schema.org/Place"' in row for row in inferred)
    assert not any('href="/ontology#City"' in row for row in inferred)
    assert len(rows) > len(inferred) > 0


def test_inferred_statements_link_to_their_explanation(small_client: FlaskClient) -> None:
    html = small_client.get(PLACE, headers={"Accept": BROWSER}).get_data(as_text=True)
    inferred = re.findall(r"<tr class=\"inferred\">.*?</tr>", html, re.S)
    asserted = re.findall(r"<tr>\s*<th>.*?</tr>", html, re.S)
    assert inferred
    assert not any("/why?" in row for row in asserted)
    links = [re.search(r'href="(/why\?[^"]+)"', row) for row in inferred]
    assert all(links)
    first = html_module.unescape(links[0].group(1))  # type: ignore[union-attr]
    explained = small_client.get(first, headers={"Accept": "text/plain"})
    assert explained.status_code == 200, explained.data
    assert "asserted" in explained.get_data(as_text=True)


def test_a_wkt_point_is_mapped_too(small_client: FlaskClient) -> None:
    html = small_client.get("/id/place/minden", headers={"Accept": BROWSER}).get_data(as_text=True)
    assert 'id="entity-map"' in html
    assert "52.28330, 8.91670" in html


def test_series_page_has_its_editions_in_order(small_client: FlaskClient) -> None:
    html = small_client.get(SERIES, headers={"Accept": BROWSER}).get_data(as_text=True)
    timeline = html.split('<ol class="timeline">', 1)[1].split("</ol>", 1)[0]
    dates = re.findall(r"<time>([^<]+)</time>", timeline)
    assert dates == sorted(dates)
    assert len(dates) == 2


def test_unknown_iri_is_a_helpful_404(small_client: FlaskClient) -> None:
    page = small_client.get("/id/place/kuopo", headers={"Accept": BROWSER})
    assert page.status_code == 404
    assert page.mimetype == "text/html"
    assert 'href="/id/place/kuopio"' in page.get_data(as_text=True)
    as_json = small_client.get("/id/place/kuopo")
    assert as_json.status_code == 404
    assert "Nothing is known about" in as_json.get_json()["error"]
    assert small_client.get("/id/place/<bad>").status_code == 404
    assert small_client.get("/id/place/kuopio.nosuchformat").status_code == 404


def test_pages_carry_the_release_as_etag_and_answer_304(
    small_client: FlaskClient, small_release: Release
) -> None:
    html = small_client.get(PLACE, headers={"Accept": BROWSER})
    turtle = small_client.get(PLACE, headers={"Accept": "text/turtle"})
    assert small_release.id in html.headers["ETag"]
    assert html.headers["ETag"] != turtle.headers["ETag"]
    again = small_client.get(
        PLACE, headers={"Accept": BROWSER, "If-None-Match": html.headers["ETag"]}
    )
    assert again.status_code == 304
    assert again.data == b""
    other = small_client.get(
        PLACE, headers={"Accept": "text/turtle", "If-None-Match": html.headers["ETag"]}
    )
    assert other.status_code == 200


def test_ontology_iri_documents_every_term_and_serves_the_graph(
    small_client: FlaskClient, small_settings: Settings
) -> None:
    ontology = Graph()
    for path in (FIXTURE / "ontology").glob("*.ttl"):
        ontology.parse(path)
    served = _graph(small_client.get("/ontology.ttl").data, "text/turtle")
    assert isomorphic(served, ontology)
    html = small_client.get("/ontology", headers={"Accept": BROWSER}).get_data(as_text=True)
    namespace = small_settings.ontology_iri + "#"
    terms = {
        str(t)
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for t in ontology.subjects(RDF.type, kind)
        if str(t).startswith(namespace)
    }
    assert terms
    for term in terms:
        assert f'<section id="{term.removeprefix(namespace)}">' in html
    assert "https://schema.org/Festival" in html  # alignment shown
    for heading in ("subclass of", "domain", "range"):
        assert f"<th>{heading}</th>" in html


@pytest.mark.slow
def test_real_entities_dereference(client: FlaskClient, settings: Settings) -> None:
    """Every typed entity of the real data graph answers in HTML and Turtle."""
    from kuopio_kg.current import Follower
    from kuopio_kg.publish.site import instances

    store = Follower(settings.data_dir).get().store
    entities = instances(store, settings, None)
    for iri in entities:
        path = "/" + iri.removeprefix(settings.base_iri)
        assert client.get(path, headers={"Accept": BROWSER}).status_code == 200, path
        turtle = client.get(path, headers={"Accept": "text/turtle"})
        assert (URIRef(iri), None, None) in _graph(turtle.data, "text/turtle"), path
