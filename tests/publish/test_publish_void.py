"""VoID at /.well-known/void: every number equals a count made here, in Python, over the
quads of the served release (read with pyoxigraph, not through any SPARQL query), for the
curated release and for one with an Erasmus+ import in graph/mobility."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, VOID
from rdflib.term import Node

from kuopio_kg.graphs import ALL, ASSERTED
from kuopio_kg.publish.dumps import all_dumps
from kuopio_kg.release import Releases
from kuopio_kg.settings import Settings
from kuopio_kg.web import create_app

WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
Triple = tuple[
    ox.NamedNode | ox.BlankNode | ox.Triple,
    ox.NamedNode,
    ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple,
]


@dataclass(frozen=True)
class Quads:
    """The release's named-graph quads, as a set of triples per graph name."""

    by_graph: dict[str, frozenset[Triple]]

    def triples(self, *graphs: str) -> set[Triple]:
        names = graphs or tuple(self.by_graph)
        return set().union(*(self.by_graph.get(name, frozenset()) for name in names))


@pytest.fixture(scope="module", params=["settings", "erasmus_settings"],
                ids=["curated", "with-erasmus-import"])  # fmt: skip
def published(request: pytest.FixtureRequest) -> Settings:
    """The settings of a built release: the curated inputs alone, and with an import of the
    hand-written Erasmus+ tables, so graph/mobility is counted with triples in it too."""
    settings: Settings = request.getfixturevalue(request.param)
    if request.param == "settings":
        request.getfixturevalue("release")
    return settings


@pytest.fixture(scope="module")
def client(published: Settings) -> FlaskClient:
    return create_app(published).test_client()


@pytest.fixture(scope="module")
def quads(published: Settings) -> Quads:
    store = ox.Store.read_only(str(Releases(published.data_dir).current().store_path))
    by_graph: dict[str, set[Triple]] = {}
    for quad in store:
        if isinstance(quad.graph_name, ox.NamedNode):
            by_graph.setdefault(quad.graph_name.value, set()).add(
                (quad.subject, quad.predicate, quad.object)
            )
    return Quads({name: frozenset(triples) for name, triples in by_graph.items()})


def _void(client: FlaskClient) -> Graph:
    response = client.get("/.well-known/void")
    assert response.status_code == 200
    assert response.mimetype == "text/turtle"
    return Graph().parse(data=response.data, format="turtle")


def _number(graph: Graph, node: Node, predicate: URIRef) -> int:
    value = graph.value(node, predicate)
    assert isinstance(value, Literal), (node, predicate)
    return int(value)


def test_dataset_numbers_equal_counts_of_the_quads(
    client: FlaskClient, published: Settings, quads: Quads
) -> None:
    void = _void(client)
    dataset = URIRef(published.base_iri + "dataset")
    triples = quads.triples()
    rdf_type = ox.NamedNode(str(RDF.type))
    expected = {
        VOID.triples: len(triples),
        VOID.distinctSubjects: len({s for s, _, _ in triples}),
        VOID.distinctObjects: len({o for _, _, o in triples}),
        VOID.properties: len({p for _, p, _ in triples}),
        VOID.classes: len({o for _, p, o in triples if p == rdf_type}),
        VOID.entities: len(
            {
                s
                for s, _, _ in triples
                if isinstance(s, ox.NamedNode) and s.value.startswith(published.base_iri)
            }
        ),
    }
    assert {p: _number(void, dataset, p) for p in expected} == expected
    assert expected[VOID.triples] > 1000


def test_subsets_and_partitions_equal_counts_of_the_quads(
    client: FlaskClient, published: Settings, quads: Quads
) -> None:
    void = _void(client)
    dataset = URIRef(published.base_iri + "dataset")
    for name in ALL:
        graph = published.graph_iri(name)
        assert _number(void, URIRef(graph), VOID.triples) == len(quads.triples(graph)), name
    asserted = quads.triples(*(published.graph_iri(g) for g in ASSERTED))
    assert _number(void, URIRef(published.base_iri + "dataset/asserted"), VOID.triples) == len(
        asserted
    )

    triples = quads.triples()
    rdf_type = ox.NamedNode(str(RDF.type))
    members: dict[str, set[object]] = {}
    for s, p, o in triples:
        if p == rdf_type and isinstance(o, ox.NamedNode):
            members.setdefault(o.value, set()).add(s)
    partitions = {
        str(void.value(p, VOID["class"])): _number(void, p, VOID.entities)
        for p in void.objects(dataset, VOID.classPartition)
    }
    assert partitions == {c: len(s) for c, s in members.items()}
    by_property = {
        str(void.value(p, VOID.property)): _number(void, p, VOID.triples)
        for p in void.objects(dataset, VOID.propertyPartition)
    }
    assert by_property == dict(Counter(p.value for _, p, _ in triples))


def test_wikidata_linkset_counts_the_links(
    client: FlaskClient, published: Settings, quads: Quads
) -> None:
    void = _void(client)
    (linkset,) = void.subjects(RDF.type, VOID.Linkset)
    assert void.value(linkset, VOID.linkPredicate) == SKOS.exactMatch
    links = [
        (s, o)
        for s, p, o in quads.by_graph[published.graph_iri("links")]
        if p.value == str(SKOS.exactMatch)
        and isinstance(o, ox.NamedNode)
        and o.value.startswith(WIKIDATA_ENTITY)
    ]
    assert _number(void, linkset, VOID.triples) == len(links) > 0


def test_void_names_endpoint_dumps_space_and_vocabularies(
    client: FlaskClient, published: Settings
) -> None:
    void = _void(client)
    dataset = URIRef(published.base_iri + "dataset")
    assert void.value(dataset, VOID.sparqlEndpoint) == URIRef(published.base_iri + "sparql")
    assert str(void.value(dataset, VOID.uriSpace)) == published.base_iri
    dumps = {str(d) for d in void.objects(dataset, VOID.dataDump)}
    assert dumps == {
        f"{published.base_iri}dumps/{d.filename}" for d in all_dumps() if d.graph is None
    }
    for url in dumps:
        assert client.get(url.removeprefix(published.base_iri.rstrip("/"))).status_code == 200
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
