"""Namespaces of the vocabularies the graph uses, and the prefixes it publishes.

Our own terms live under ``<base>ontology#``; since the base IRI is a setting, the
namespace is derived from it by :func:`ontology_namespace`. The data files are written
against the default base, :data:`DEFAULT_BASE`, and the loader rewrites IRIs when another
base is configured.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import (
    DCAT,
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SH,
    SKOS,
    TIME,
    VOID,
    XSD,
)

DEFAULT_BASE = "https://w3id.org/kuopio-kg/"

SCHEMA = Namespace("https://schema.org/")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
WGS84 = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")

KKG = Namespace(DEFAULT_BASE + "ontology#")


def ontology_namespace(base_iri: str) -> Namespace:
    """The namespace of our ontology terms under ``base_iri``."""
    return Namespace(base_iri + "ontology#")


def prefixes(base_iri: str = DEFAULT_BASE) -> dict[str, str]:
    """The prefixes every serialization and example query of the graph uses."""
    return {
        "kkg": base_iri + "ontology#",
        "kid": base_iri + "id/",
        "schema": str(SCHEMA),
        "rdf": str(RDF),
        "rdfs": str(RDFS),
        "owl": str(OWL),
        "xsd": str(XSD),
        "skos": str(SKOS),
        "dcterms": str(DCTERMS),
        "dcat": str(DCAT),
        "foaf": str(FOAF),
        "org": str(ORG),
        "prov": str(PROV),
        "time": str(TIME),
        "void": str(VOID),
        "sh": str(SH),
        "geo": str(GEO),
        "wgs84": str(WGS84),
        "wd": str(WD),
        "wdt": str(WDT),
    }
