"""The controlled-vocabulary terms the DCAT catalog cites, each typed and labelled in the
catalog itself, as the DCAT-AP 3 shapes expect (``sh:class`` on every range).
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS, SKOS

from kuopio_kg.formats import IANA, Format

EU = "http://publications.europa.eu/resource/authority/"
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")
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


def add_licence(graph: Graph) -> URIRef:
    graph.add((CC_BY, RDF.type, DCTERMS.LicenseDocument))
    graph.add((CC_BY, DCTERMS.title, Literal(CC_BY_CKAN_TITLE)))
    graph.add(
        (CC_BY, RDFS.label, Literal("Creative Commons Attribution 4.0 International", lang="en"))
    )
    return CC_BY


def add_format(graph: Graph, rdf_format: Format) -> tuple[URIRef, URIRef]:
    """The (file type, media type) nodes of a format."""
    file_type = URIRef(rdf_format.file_type_iri)
    media_type = URIRef(rdf_format.media_type_iri)
    graph.add((file_type, RDF.type, DCTERMS.MediaTypeOrExtent))
    graph.add((file_type, RDFS.label, Literal(rdf_format.label)))
    _media_type(graph, media_type, rdf_format.media_type)
    return file_type, media_type


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
    return FREQUENCY


def add_spatial(graph: Graph) -> URIRef:
    graph.add((KUOPIO, RDF.type, DCTERMS.Location))
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
