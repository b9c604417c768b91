"""The controlled-vocabulary terms the DCAT catalog cites, each typed, labelled and placed
in its scheme in the catalog itself, as the DCAT-AP shapes expect (3.0.1: ``sh:class`` on
every range; 2.1.1: ``skos:inScheme`` of the EU authority table, or of GeoNames).

The EU portal's quality check matches the EU authority tables' own IRIs (licence,
access-right, file-type, data-theme), so those are what the catalog cites; the plain
Creative Commons IRI people read is given as the licence concept's ``skos:exactMatch``.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS, SKOS

from kuopio_kg.formats import IANA, Format

EU = "http://publications.europa.eu/resource/authority/"
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")
#: CC BY 4.0 in the EU licence table (the IRI the portal's licence check matches).
EU_CC_BY = URIRef(EU + "licence/CC_BY_4_0")
PUBLIC = URIRef(EU + "access-right/PUBLIC")
SPARQL_RESULTS = URIRef(EU + "file-type/SPARQLQRES")
SPARQL_RESULTS_JSON = URIRef(IANA + "application/sparql-results+json")
GEONAMES = URIRef("http://sws.geonames.org")
#: The schemes the cited concepts belong to, with the titles DCAT-AP 3 asks of a scheme.
SCHEMES = {
    URIRef(EU + "licence"): "Licences",
    URIRef(EU + "access-right"): "Access rights",
    URIRef(EU + "file-type"): "File types",
    URIRef(EU + "language"): "Languages",
    URIRef(EU + "frequency"): "Frequencies",
    GEONAMES: "GeoNames",
}
#: The title CKAN's licence register gives CC BY, so ckanext-dcat maps it to ``cc-by``.
CC_BY_CKAN_TITLE = "Creative Commons Attribution"
GZIP = URIRef(IANA + "application/gzip")
LANGUAGES = {URIRef(EU + "language/FIN"): "Finnish", URIRef(EU + "language/ENG"): "English"}
THEMES = {
    URIRef(EU + "data-theme/REGI"): "Regions and cities",
    URIRef(EU + "data-theme/SOCI"): "Population and society",
}
THEME_SCHEME = URIRef(EU + "data-theme")
FREQUENCY = URIRef(EU + "frequency/IRREG")
KUOPIO = URIRef("https://sws.geonames.org/650224/")


def _in_scheme(graph: Graph, concept: URIRef, scheme: URIRef) -> None:
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, DCTERMS.title, Literal(SCHEMES[scheme], lang="en")))
    graph.add((concept, SKOS.inScheme, scheme))


def add_licence(graph: Graph) -> URIRef:
    """CC BY 4.0 as the EU licence concept, titled as CKAN's licence register titles it
    (so ckanext-dcat maps it to ``cc-by``) and matched to the Creative Commons IRI."""
    graph.add((EU_CC_BY, RDF.type, DCTERMS.LicenseDocument))
    graph.add((EU_CC_BY, DCTERMS.title, Literal(CC_BY_CKAN_TITLE)))
    graph.add(
        (EU_CC_BY, RDFS.label, Literal("Creative Commons Attribution 4.0 International", lang="en"))
    )
    graph.add((EU_CC_BY, SKOS.exactMatch, CC_BY))
    _in_scheme(graph, EU_CC_BY, URIRef(EU + "licence"))
    return EU_CC_BY


def add_access_rights(graph: Graph) -> URIRef:
    graph.add((PUBLIC, RDF.type, DCTERMS.RightsStatement))
    graph.add((PUBLIC, SKOS.prefLabel, Literal("public", lang="en")))
    _in_scheme(graph, PUBLIC, URIRef(EU + "access-right"))
    return PUBLIC


def add_rights(graph: Graph, node: URIRef) -> URIRef:
    """A plain-words rights statement at ``node``."""
    graph.add((node, RDF.type, DCTERMS.RightsStatement))
    graph.add(
        (
            node,
            RDFS.label,
            Literal(
                "Open data under CC BY 4.0: anyone may reuse it, also commercially, "
                "crediting the publisher.",
                lang="en",
            ),
        )
    )
    return node


def add_format(graph: Graph, rdf_format: Format) -> tuple[URIRef, URIRef]:
    """The (file type, media type) nodes of a format."""
    file_type = URIRef(rdf_format.file_type_iri)
    media_type = URIRef(rdf_format.media_type_iri)
    _file_type(graph, file_type, rdf_format.label)
    _media_type(graph, media_type, rdf_format.media_type)
    return file_type, media_type


def add_sparql_results(graph: Graph) -> tuple[URIRef, URIRef]:
    """The (file type, media type) of what the SPARQL endpoint answers by default."""
    _file_type(graph, SPARQL_RESULTS, "SPARQL query results")
    _media_type(graph, SPARQL_RESULTS_JSON, "application/sparql-results+json")
    return SPARQL_RESULTS, SPARQL_RESULTS_JSON


def _file_type(graph: Graph, node: URIRef, label: str) -> None:
    graph.add((node, RDF.type, DCTERMS.MediaTypeOrExtent))
    graph.add((node, RDFS.label, Literal(label)))
    _in_scheme(graph, node, URIRef(EU + "file-type"))


def add_gzip(graph: Graph) -> URIRef:
    _media_type(graph, GZIP, "application/gzip")
    return GZIP


def _media_type(graph: Graph, node: URIRef, name: str) -> None:
    graph.add((node, RDF.type, DCTERMS.MediaType))
    graph.add((node, RDFS.label, Literal(name)))


def add_languages(graph: Graph) -> list[URIRef]:
    for language, label in LANGUAGES.items():
        graph.add((language, RDF.type, DCTERMS.LinguisticSystem))
        graph.add((language, RDFS.label, Literal(label, lang="en")))
        _in_scheme(graph, language, URIRef(EU + "language"))
    return list(LANGUAGES)


def add_themes(graph: Graph) -> list[URIRef]:
    graph.add((THEME_SCHEME, RDF.type, SKOS.ConceptScheme))
    graph.add((THEME_SCHEME, DCTERMS.title, Literal("Data theme", lang="en")))
    for theme, label in THEMES.items():
        graph.add((theme, RDF.type, SKOS.Concept))
        graph.add((theme, SKOS.prefLabel, Literal(label, lang="en")))
        graph.add((theme, SKOS.inScheme, THEME_SCHEME))
    return list(THEMES)


def add_frequency(graph: Graph) -> URIRef:
    graph.add((FREQUENCY, RDF.type, DCTERMS.Frequency))
    graph.add((FREQUENCY, RDFS.label, Literal("irregular", lang="en")))
    _in_scheme(graph, FREQUENCY, URIRef(EU + "frequency"))
    return FREQUENCY


def add_spatial(graph: Graph) -> URIRef:
    graph.add((KUOPIO, RDF.type, DCTERMS.Location))
    _in_scheme(graph, KUOPIO, GEONAMES)
    graph.add((KUOPIO, SKOS.prefLabel, Literal("Kuopio", lang="fi")))
    graph.add((KUOPIO, SKOS.prefLabel, Literal("Kuopio", lang="en")))
    graph.add(
        (
            KUOPIO,
            DCAT.centroid,
            Literal(
                "POINT(27.678333 62.8925)",
                datatype=URIRef("http://www.opengis.net/ont/geosparql#wktLiteral"),
            ),
        )
    )
    return KUOPIO


def add_resource(graph: Graph, iri: URIRef) -> URIRef:
    """An IRI typed ``rdfs:Resource`` (DCAT-AP's range of endpoint URL and description)."""
    graph.add((iri, RDF.type, RDFS.Resource))
    return iri
