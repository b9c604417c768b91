"""The DCAT-AP 3 catalog: formats, conformance to the official shapes, stable datasets,
distributions that match the dumps, the SPARQL service, Hydra paging and caching."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, RDF, SH, SKOS, XSD
from rdflib.term import Node

from kuopio_kg.namespaces import VCARD
from kuopio_kg.settings import Settings

SHAPES = Path(__file__).resolve().parents[1] / "conformance/dcat-ap/3.0.1/shacl"
SHAPES_2_1_1 = Path(__file__).resolve().parents[1] / "conformance/dcat-ap/2.1.1/shacl"
SPDX = Namespace("http://spdx.org/rdf/terms#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")
EU_CC_BY = URIRef("http://publications.europa.eu/resource/authority/licence/CC_BY_4_0")
#: Every dataset the catalog has ever published. Harvesters delete a dataset that leaves
#: the catalog, so removing one from this list must be a decision, not an accident.
STABLE_DATASETS = (
    "dataset", "graph/ontology", "graph/data", "graph/links", "graph/mobility", "graph/inferred",
)  # fmt: skip


def _catalog(client: FlaskClient, **headers: str) -> Graph:
    return _catalog_at(client, "/catalog", **headers)


def _catalog_at(client: FlaskClient, path: str, **headers: str) -> Graph:
    response = client.get(path, headers=headers)
    assert response.status_code == 200
    return Graph().parse(data=response.data, format="turtle")


def dcat_ap_shapes() -> tuple[Graph, int]:
    """The DCAT-AP 3.0.1 shapes (both files of shacl/), and how many dangling references
    were dropped: the published files name some property shapes in ``sh:property`` that
    neither file defines (no ``sh:path``), which pySHACL rejects as ill-formed. A reference
    to nothing constrains nothing, so dropping it keeps every real constraint."""
    shapes = Graph()
    for name in ("dcat-ap-SHACL.ttl", "ranges.ttl"):
        shapes.parse(SHAPES / name)
    dangling = [
        (node, shape)
        for node, shape in shapes.subject_objects(SH.property)
        if (shape, SH.path, None) not in shapes
    ]
    for node, shape in dangling:
        shapes.remove((node, SH.property, shape))
    return shapes, len(dangling)


def test_turtle_exactly_for_any_or_no_accept(client: FlaskClient) -> None:
    for headers in ({}, {"Accept": "*/*"}):
        response = client.get("/catalog", headers=headers)
        assert response.headers["Content-Type"] == "text/turtle"
    head = client.head("/catalog", headers={"Accept": "*/*"})
    assert head.status_code == 200
    assert head.headers["Content-Type"] == "text/turtle"


def test_rdfxml_and_jsonld_by_accept_and_extension(client: FlaskClient) -> None:
    reference = _catalog(client)
    for media, extension, parser in (
        ("application/rdf+xml", "rdf", "xml"),
        ("application/ld+json", "jsonld", "json-ld"),
    ):
        by_accept = client.get("/catalog", headers={"Accept": media})
        assert by_accept.mimetype == media
        assert isomorphic(Graph().parse(data=by_accept.data, format=parser), reference)
        by_extension = client.get(f"/catalog.{extension}")
        assert by_extension.mimetype == media
        assert isomorphic(Graph().parse(data=by_extension.data, format=parser), reference)


def test_conforms_to_dcat_ap_3_with_zero_violations(client: FlaskClient) -> None:
    shapes, dropped = dcat_ap_shapes()
    assert dropped <= 5  # the upstream files' dangling references, nothing more
    conforms, _, text = validate(_catalog(client), shacl_graph=shapes)
    assert conforms, text


def dcat_ap_2_shapes() -> Graph:
    """The DCAT-AP 2.1.1 shapes: every shape file of the release, not the import lists."""
    shapes = Graph()
    for path in sorted(SHAPES_2_1_1.glob("dcat-ap_2.1.1_shacl_*.ttl")):
        if not path.name.endswith("imports.ttl"):
            shapes.parse(path)
    return shapes


def test_the_2_1_1_profile_conforms_to_dcat_ap_2_1_1_with_zero_violations(
    client: FlaskClient,
) -> None:
    """What DCAT-AP 3.0.1 and 2.1.1 contradict each other on is what the profile changes:
    the byte size's datatype and the checksum's algorithm."""
    catalog = _catalog_at(client, "/catalog?profile=dcat-ap-2.1.1")
    conforms, _, text = validate(catalog, shacl_graph=dcat_ap_2_shapes(), allow_warnings=True)
    assert conforms, text
    sizes = {
        lit.datatype for lit in catalog.objects(None, DCAT.byteSize) if isinstance(lit, Literal)
    }
    assert sizes == {XSD.decimal}
    algorithms = set(catalog.objects(None, SPDX.algorithm))
    assert algorithms == {SPDX.checksumAlgorithm_sha1}


def test_the_default_catalog_breaks_2_1_1_only_where_the_versions_disagree(
    client: FlaskClient,
) -> None:
    _, report, _ = validate(_catalog(client), shacl_graph=dcat_ap_2_shapes(), allow_warnings=True)
    paths = {
        report.value(result, SH.resultPath)
        for result in report.objects(None, SH.result)
        if report.value(result, SH.resultSeverity) == SH.Violation
    }
    assert paths == {DCAT.byteSize, SPDX.algorithm}


def test_an_unknown_profile_is_a_400_naming_the_known_ones(client: FlaskClient) -> None:
    response = client.get("/catalog?profile=dcat-ap-1.0")
    assert response.status_code == 400
    assert "dcat-ap-2.1.1" in response.get_json()["error"]


def test_the_shapes_do_catch_a_broken_catalog(client: FlaskClient) -> None:
    shapes, _ = dcat_ap_shapes()
    broken = _catalog(client)
    for dataset in list(broken.subjects(RDF.type, DCAT.Dataset)):
        broken.remove((dataset, DCTERMS.title, None))
    broken.remove((EU_CC_BY, RDF.type, None))
    conforms, report, _ = validate(broken, shacl_graph=shapes)
    assert not conforms
    violations = list(report.subjects(RDF.type, SH.ValidationResult))
    assert len(violations) >= len(STABLE_DATASETS) + 1


def test_datasets_are_stable_and_described_in_finnish_and_english(
    client: FlaskClient, settings: Settings
) -> None:
    catalog = _catalog(client)
    datasets = set(catalog.subjects(RDF.type, DCAT.Dataset))
    assert datasets == {URIRef(settings.base_iri + d) for d in STABLE_DATASETS}
    for dataset in datasets:
        for predicate in (DCTERMS.title, DCTERMS.description, DCAT.keyword):
            languages = {o.language for o in catalog.objects(dataset, predicate)}  # type: ignore[attr-defined]
            assert {"fi", "en"} <= languages, (dataset, predicate)
        contact = catalog.value(dataset, DCAT.contactPoint)
        assert catalog.value(contact, VCARD.fn) is not None
        assert str(catalog.value(contact, VCARD.hasEmail)).startswith("mailto:")
        assert catalog.value(dataset, DCTERMS.publisher) is not None
        assert catalog.value(dataset, DCTERMS.spatial) is not None


def test_distributions_match_the_dumps_byte_for_byte(
    client: FlaskClient, settings: Settings
) -> None:
    catalog = _catalog(client)
    downloads = 0
    for distribution in catalog.subjects(RDF.type, DCAT.Distribution):
        assert catalog.value(distribution, DCTERMS.license) == EU_CC_BY
        url = catalog.value(distribution, DCAT.downloadURL)
        if url is None:
            continue
        downloads += 1
        body = client.get(str(url).removeprefix(settings.base_iri.rstrip("/"))).data
        assert str(catalog.value(distribution, DCAT.byteSize)) == str(len(body))
        (checksum,) = catalog.objects(distribution, SPDX.checksum)
        assert catalog.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        value = catalog.value(checksum, SPDX.checksumValue)
        assert str(value) == hashlib.sha256(body).hexdigest()
        assert catalog.value(distribution, DCAT.mediaType) is not None
        assert catalog.value(distribution, DCTERMS.format) is not None
    assert downloads == 4 * len(STABLE_DATASETS)
    assert catalog.value(EU_CC_BY, DCTERMS.title) == Literal("Creative Commons Attribution")
    assert catalog.value(EU_CC_BY, SKOS.exactMatch) == CC_BY


def test_sparql_endpoint_is_a_data_service_reached_from_distributions(
    client: FlaskClient, settings: Settings
) -> None:
    catalog = _catalog(client)
    (service,) = catalog.subjects(RDF.type, DCAT.DataService)
    assert catalog.value(service, DCAT.endpointURL) == URIRef(settings.base_iri + "sparql")
    assert catalog.value(service, DCAT.endpointDescription) is not None
    served = set(catalog.objects(service, DCAT.servesDataset))
    assert served == set(catalog.subjects(RDF.type, DCAT.Dataset))
    for dataset in served:
        reached = [
            d
            for d in catalog.objects(dataset, DCAT.distribution)
            if catalog.value(d, DCAT.accessService) == service
        ]
        assert len(reached) == 1, dataset


def test_paging_with_hydra_reaches_every_dataset_once(paged_client: FlaskClient) -> None:
    seen: list[Node] = []
    url: str | None = "/catalog"
    pages = 0
    while url is not None:
        graph = Graph().parse(data=paged_client.get(url).data, format="turtle")
        page_datasets = list(graph.subjects(RDF.type, DCAT.Dataset))
        assert 0 < len(page_datasets) <= 2
        seen += page_datasets
        (view,) = graph.subjects(RDF.type, HYDRA.PartialCollectionView)
        following = graph.value(view, HYDRA.next)
        url = str(following).removeprefix("http://localhost") if following else None
        pages += 1
        assert pages <= 10
    assert len(seen) == len(set(seen)) == len(STABLE_DATASETS)
    assert paged_client.get("/catalog?page=99").status_code == 404


@pytest.mark.parametrize("path", ["/catalog", "/catalog.rdf"])
def test_catalog_answers_if_none_match_with_304(client: FlaskClient, path: str) -> None:
    tag = client.get(path).headers["ETag"]
    assert client.get(path, headers={"If-None-Match": tag}).status_code == 304


#: Headers that differ between any two requests, whatever the method.
PER_REQUEST = {"Date", "X-Request-Id"}


def test_head_answers_like_get_on_every_url_a_harvester_checks(
    client: FlaskClient, settings: Settings
) -> None:
    """The EU portal's quality check sends HEAD, never GET, to each access and download URL:
    each (and the catalog and an entity page) must answer 200 with GET's headers and no body
    (the SPARQL endpoint once gave 415, and its description changed length per request)."""
    catalog = _catalog(client)
    urls = {
        str(url)
        for prop in (DCAT.accessURL, DCAT.downloadURL, DCAT.endpointURL)
        for url in catalog.objects(None, prop)
    }
    assert URIRef(settings.base_iri + "sparql") in {URIRef(u) for u in urls}
    urls |= {settings.base_iri + "catalog", settings.base_iri + "id/place/kuopio"}
    for url in sorted(urls):
        path = url.removeprefix(settings.base_iri.rstrip("/"))
        got, head = client.get(path), client.head(path)
        assert (got.status_code, head.status_code) == (200, 200), path
        assert head.data == b"", path
        same = {k: v for k, v in got.headers.items() if k not in PER_REQUEST}
        assert {k: v for k, v in head.headers.items() if k not in PER_REQUEST} == same, path
