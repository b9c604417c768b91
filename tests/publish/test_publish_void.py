"""VoID at /.well-known/void: every number equals what the SPARQL endpoint counts."""

from __future__ import annotations

from flask.testing import FlaskClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, VOID
from rdflib.term import Node

from kuopio_kg.publish.dumps import all_dumps
from kuopio_kg.settings import Settings

from .sparql import count, rows

ALL = "SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"


def _void(client: FlaskClient) -> Graph:
    response = client.get("/.well-known/void")
    assert response.status_code == 200
    assert response.mimetype == "text/turtle"
    return Graph().parse(data=response.data, format="turtle")


def _number(graph: Graph, node: Node, predicate: URIRef) -> int:
    value = graph.value(node, predicate)
    assert isinstance(value, Literal), (node, predicate)
    return int(value)


def test_dataset_numbers_equal_sparql_counts(client: FlaskClient, settings: Settings) -> None:
    void = _void(client)
    dataset = URIRef(settings.base_iri + "dataset")
    base = settings.base_iri
    expected = {
        VOID.triples: f"SELECT (COUNT(*) AS ?n) WHERE {{ {ALL} }}",
        VOID.distinctSubjects: "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        VOID.distinctObjects: "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        VOID.properties: "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        VOID.classes: "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH ?g { ?s a ?c } }",
        VOID.entities: "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{base}")) }}',
    }
    for predicate, query in expected.items():
        assert _number(void, dataset, predicate) == count(client, query), predicate
    assert _number(void, dataset, VOID.triples) > 0


def test_subsets_and_partitions_equal_sparql_counts(
    client: FlaskClient, settings: Settings
) -> None:
    void = _void(client)
    dataset = URIRef(settings.base_iri + "dataset")
    for name in ("ontology", "data", "links", "inferred", "metadata"):
        graph = settings.graph_iri(name)
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        assert _number(void, URIRef(graph), VOID.triples) == count(client, query), name
    asserted = URIRef(settings.base_iri + "dataset/asserted")
    union = " UNION ".join(
        f"{{ GRAPH <{settings.graph_iri(g)}> {{ ?s ?p ?o }} }}"
        for g in ("ontology", "data", "links")
    )
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ {union} }} }}"
    assert _number(void, asserted, VOID.triples) == count(client, query)

    classes = {
        r["c"]: int(r["n"])
        for r in rows(
            client,
            "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?c } FILTER(isIRI(?c)) } "
            "GROUP BY ?c",
        )
    }
    partitions = {
        str(void.value(p, VOID["class"])): _number(void, p, VOID.entities)
        for p in void.objects(dataset, VOID.classPartition)
    }
    assert partitions == classes
    properties = {
        r["p"]: int(r["n"])
        for r in rows(client, f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ {ALL} }} GROUP BY ?p")
    }
    by_property = {
        str(void.value(p, VOID.property)): _number(void, p, VOID.triples)
        for p in void.objects(dataset, VOID.propertyPartition)
    }
    assert by_property == properties


def test_wikidata_linkset_counts_the_links(client: FlaskClient, settings: Settings) -> None:
    void = _void(client)
    (linkset,) = void.subjects(RDF.type, VOID.Linkset)
    assert void.value(linkset, VOID.linkPredicate) == SKOS.exactMatch
    query = (
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{settings.graph_iri('links')}> "
        f"{{ ?s <{SKOS.exactMatch}> ?o "
        'FILTER(STRSTARTS(STR(?o), "http://www.wikidata.org/entity/")) } }'
    )
    assert _number(void, linkset, VOID.triples) == count(client, query)


def test_void_names_endpoint_dumps_space_and_vocabularies(
    client: FlaskClient, settings: Settings
) -> None:
    void = _void(client)
    dataset = URIRef(settings.base_iri + "dataset")
    assert void.value(dataset, VOID.sparqlEndpoint) == URIRef(settings.base_iri + "sparql")
    assert str(void.value(dataset, VOID.uriSpace)) == settings.base_iri
    dumps = {str(d) for d in void.objects(dataset, VOID.dataDump)}
    assert dumps == {
        f"{settings.base_iri}dumps/{d.filename}" for d in all_dumps() if d.graph is None
    }
    for url in dumps:
        assert client.get(url.removeprefix(settings.base_iri.rstrip("/"))).status_code == 200
    vocabularies = {str(v) for v in void.objects(dataset, VOID.vocabulary)}
    assert "http://www.w3.org/1999/02/22-rdf-syntax-ns#" in vocabularies


def test_void_in_every_format_and_with_etag(client: FlaskClient) -> None:
    reference = _void(client)
    for media, parser in (
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
        ("application/n-triples", "nt"),
    ):
        response = client.get("/.well-known/void", headers={"Accept": media})
        assert response.mimetype == media
        assert len(Graph().parse(data=response.data, format=parser)) == len(reference)
    tag = client.get("/.well-known/void").headers["ETag"]
    assert client.get("/.well-known/void", headers={"If-None-Match": tag}).status_code == 304
