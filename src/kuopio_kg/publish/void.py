"""The VoID description of a release: sizes, partitions, subsets, dumps and the Wikidata
linkset. Every number is a SPARQL count over the same store the endpoint queries.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, SKOS, VOID, XSD

from kuopio_kg.graphs import ALL, ASSERTED
from kuopio_kg.namespaces import WD, prefixes
from kuopio_kg.publish.dumps import Dump, all_dumps
from kuopio_kg.release import Release
from kuopio_kg.settings import Settings
from kuopio_kg.store import OxigraphStore

WIKIDATA_DATASET = URIRef("https://www.wikidata.org/")
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")

_DISTINCT = "SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"


def dump_iri(settings: Settings, dump: Dump) -> URIRef:
    return URIRef(f"{settings.base_iri}dumps/{dump.filename}")


def counts(store: OxigraphStore, settings: Settings) -> dict[str, int]:
    """The headline numbers of the release (the landing page shows them too)."""
    base = settings.base_iri
    one = {
        "triples": f"SELECT (COUNT(*) AS ?n) WHERE {{ {_DISTINCT} }}",
        "entities": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{base}")) }}',
        "distinct_subjects": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        "distinct_objects": "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        "properties": "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        "classes": "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH ?g { ?s a ?c } }",
        "asserted": "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { "
        + " UNION ".join(f"{{ GRAPH <{settings.graph_iri(g)}> {{ ?s ?p ?o }} }}" for g in ASSERTED)
        + " } }",
        "wikidata_links": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH "
        f"<{settings.graph_iri('links')}> {{ ?s <{SKOS.exactMatch}> ?o "
        f'FILTER(STRSTARTS(STR(?o), "{WD}")) }} }}',
    }
    return {name: _count(store, query) for name, query in one.items()}


def _count(store: OxigraphStore, query: str) -> int:
    (row,) = store.select(query)
    return int(row["n"].value)


def _grouped(store: OxigraphStore, query: str) -> dict[str, int]:
    return {row["k"].value: int(row["n"].value) for row in store.select(query)}


def graph_sizes(store: OxigraphStore) -> dict[str, int]:
    """Triples per named graph IRI."""
    return _grouped(store, "SELECT ?k (COUNT(*) AS ?n) WHERE { GRAPH ?k { ?s ?p ?o } } GROUP BY ?k")


def class_entities(store: OxigraphStore) -> dict[str, int]:
    """Distinct instances per named class, over all graphs (asserted and inferred types)."""
    return _grouped(
        store,
        "SELECT ?k (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?k } FILTER(isIRI(?k)) } "
        "GROUP BY ?k",
    )


def property_triples(store: OxigraphStore) -> dict[str, int]:
    """Distinct triples per property, over all graphs."""
    return _grouped(
        store, f"SELECT ?k (COUNT(*) AS ?n) WHERE {{ {_DISTINCT.replace('?p', '?k')} }} GROUP BY ?k"
    )


def void_graph(store: OxigraphStore, settings: Settings, release: Release) -> Graph:
    """The VoID document of ``release``."""
    graph = Graph()
    for prefix, namespace in prefixes(settings.base_iri).items():
        graph.bind(prefix, namespace)
    dataset = URIRef(settings.dataset_iri)
    numbers = counts(store, settings)
    integer = {name: Literal(value, datatype=XSD.integer) for name, value in numbers.items()}
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, DCTERMS.title, Literal("Kuopio international cooperation", lang="en")))
    graph.add((dataset, DCTERMS.identifier, Literal(release.id)))
    graph.add((dataset, DCTERMS.license, CC_BY))
    graph.add(
        (dataset, DCTERMS.modified, Literal(release.metadata["created"], datatype=XSD.dateTime))
    )
    graph.add((dataset, FOAF.homepage, URIRef(settings.base_iri)))
    graph.add((dataset, VOID.sparqlEndpoint, URIRef(settings.base_iri + "sparql")))
    graph.add((dataset, VOID.uriSpace, Literal(settings.base_iri)))
    graph.add((dataset, VOID.rootResource, URIRef(settings.ontology_iri)))
    for name, predicate in (
        ("triples", VOID.triples),
        ("entities", VOID.entities),
        ("distinct_subjects", VOID.distinctSubjects),
        ("distinct_objects", VOID.distinctObjects),
        ("properties", VOID.properties),
        ("classes", VOID.classes),
    ):
        graph.add((dataset, predicate, integer[name]))
    _dumps(graph, settings, dataset, None)
    classes = class_entities(store)
    properties = property_triples(store)
    for cls, n in sorted(classes.items()):
        node = BNode()
        graph.add((dataset, VOID.classPartition, node))
        graph.add((node, VOID["class"], URIRef(cls)))
        graph.add((node, VOID.entities, Literal(n, datatype=XSD.integer)))
    for prop, n in sorted(properties.items()):
        node = BNode()
        graph.add((dataset, VOID.propertyPartition, node))
        graph.add((node, VOID.property, URIRef(prop)))
        graph.add((node, VOID.triples, Literal(n, datatype=XSD.integer)))
    for vocabulary in _vocabularies(settings, [*classes, *properties]):
        graph.add((dataset, VOID.vocabulary, URIRef(vocabulary)))
    _subsets(graph, store, settings, dataset, integer["asserted"])
    _linkset(graph, settings, dataset, integer["wikidata_links"])
    return graph


def _dumps(graph: Graph, settings: Settings, dataset: URIRef, name: str | None) -> None:
    for dump in all_dumps():
        if dump.graph == name:
            graph.add((dataset, VOID.dataDump, dump_iri(settings, dump)))


def _vocabularies(settings: Settings, terms: list[str]) -> list[str]:
    known = sorted(set(prefixes(settings.base_iri).values()), key=len, reverse=True)
    used = {next((ns for ns in known if term.startswith(ns)), None) for term in terms}
    return sorted(ns for ns in used if ns is not None and ns != settings.base_iri + "id/")


def _subsets(
    graph: Graph, store: OxigraphStore, settings: Settings, dataset: URIRef, asserted: Literal
) -> None:
    sizes = graph_sizes(store)
    asserted_iri = URIRef(settings.dataset_iri + "/asserted")
    graph.add((dataset, VOID.subset, asserted_iri))
    graph.add((asserted_iri, RDF.type, VOID.Dataset))
    graph.add((asserted_iri, DCTERMS.title, Literal("Asserted triples", lang="en")))
    graph.add((asserted_iri, VOID.triples, asserted))
    for name in ALL:
        subset = URIRef(settings.graph_iri(name))
        graph.add((asserted_iri if name in ASSERTED else dataset, VOID.subset, subset))
        graph.add((subset, RDF.type, VOID.Dataset))
        graph.add((subset, DCTERMS.title, Literal(f"Named graph {name}", lang="en")))
        size = sizes.get(str(subset), 0)
        graph.add((subset, VOID.triples, Literal(size, datatype=XSD.integer)))
        _dumps(graph, settings, subset, name)


def _linkset(graph: Graph, settings: Settings, dataset: URIRef, links: Literal) -> None:
    linkset = URIRef(settings.base_iri + "dataset/wikidata-links")
    graph.add((dataset, VOID.subset, linkset))
    graph.add((linkset, RDF.type, VOID.Linkset))
    graph.add((linkset, DCTERMS.title, Literal("Links to Wikidata", lang="en")))
    graph.add((linkset, VOID.linkPredicate, SKOS.exactMatch))
    graph.add((linkset, VOID.subjectsTarget, dataset))
    graph.add((linkset, VOID.objectsTarget, WIKIDATA_DATASET))
    graph.add((linkset, VOID.triples, links))
    graph.add((WIKIDATA_DATASET, RDF.type, VOID.Dataset))
    graph.add((WIKIDATA_DATASET, VOID.uriSpace, Literal(str(WD))))
    graph.add((WIKIDATA_DATASET, VOID.sparqlEndpoint, URIRef("https://query.wikidata.org/sparql")))
