"""The fast path from the tables to ``graph/mobility``: what the published RML mapping
(``mapping.rml.ttl``) says, coded, so an import needs no RML engine.

:func:`graph_from_tables` reads the CSV files of :mod:`.tables`; :func:`write_ntriples`
writes the graph as sorted N-Triples (blank nodes named after their flow), so the same
tables give a byte-identical ``mobility.nt``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from kuopio_kg.ingest.erasmus import vocab
from kuopio_kg.ingest.imports import write_if_changed
from kuopio_kg.namespaces import DEFAULT_BASE, SCHEMA, WD, WGS84, ontology_namespace

GEONAMES = "https://sws.geonames.org/"


def graph_from_tables(tables_dir: Path, base_iri: str) -> Graph:
    """The mobility graph the tables in ``tables_dir`` describe.

    The IRIs in the tables are used as they are; ``base_iri`` gives the ontology's terms
    and the fixed entities (the programme, the activity scheme and its broader concepts).
    """
    kkg = ontology_namespace(base_iri)

    def fixed(iri: str) -> URIRef:
        return URIRef(base_iri + iri[len(DEFAULT_BASE) :])

    graph = Graph()
    add = graph.add
    for row in _rows(tables_dir, "flows.csv"):
        flow = URIRef(row["flow"])
        add((flow, RDF.type, kkg.MobilityFlow))
        add((flow, SKOS.prefLabel, Literal(row["label"], lang="en")))
        add((flow, kkg.sender, URIRef(row["sender"])))
        add((flow, kkg.receiver, URIRef(row["receiver"])))
        add((flow, kkg.programme, fixed(vocab.PROGRAMME)))
        if row["academic_year"]:
            add((flow, kkg.academicYear, Literal(row["academic_year"])))
        if row["call_year"]:
            add((flow, kkg.callYear, Literal(row["call_year"], datatype=XSD.gYear)))
        for column, predicate in (
            ("activity", kkg.activityType),
            ("level", kkg.educationLevel),
            ("field", kkg.field),
        ):
            if row[column]:
                add((flow, predicate, URIRef(row[column])))
        count = BNode(row["flow"].rsplit("/", 1)[1] + "-participants")
        add((flow, kkg.participants, count))
        add((count, RDF.type, kkg.Quantity))
        add((count, SCHEMA.value, Literal(row["participants"], datatype=XSD.integer)))
    for row in _rows(tables_dir, "flow_sources.csv"):
        add((URIRef(row["flow"]), DCTERMS.source, URIRef(row["source"])))
    for row in _rows(tables_dir, "organisations.csv"):
        org = URIRef(row["organisation"])
        add((org, RDF.type, kkg.Organisation))
        add((org, SKOS.prefLabel, Literal(row["label"])))
        if row["erasmus_code"]:
            add((org, kkg.erasmusCode, Literal(row["erasmus_code"])))
        if row["city"]:
            add((org, kkg.basedIn, URIRef(row["city"])))
    for row in _rows(tables_dir, "cities.csv"):
        city = URIRef(row["city"])
        add((city, RDF.type, kkg.City))
        add((city, SKOS.prefLabel, Literal(row["label"])))
        add((city, kkg.locatedIn, URIRef(row["country"])))
        if row["lat"] and row["long"]:
            add((city, WGS84.lat, Literal(row["lat"], datatype=XSD.decimal)))
            add((city, WGS84.long, Literal(row["long"], datatype=XSD.decimal)))
        if row["geonames"]:
            add((city, SKOS.exactMatch, URIRef(f"{GEONAMES}{row['geonames']}/")))
    for row in _rows(tables_dir, "countries.csv"):
        country = URIRef(row["country"])
        if row["new"] == "true":
            add((country, RDF.type, kkg.Country))
            add((country, SKOS.prefLabel, Literal(row["label"], lang="en")))
        add((country, kkg.countryCode, Literal(row["code"])))
        if row["qid"]:
            add((country, SKOS.exactMatch, WD[row["qid"]]))
    activities = _rows(tables_dir, "activities.csv")
    for row in activities:
        activity = URIRef(row["activity"])
        add((activity, RDF.type, SKOS.Concept))
        add((activity, SKOS.prefLabel, Literal(row["label"], lang="en")))
        add((activity, SKOS.inScheme, fixed(vocab.ACTIVITIES)))
        add((activity, SKOS.broader, fixed(row["broader"])))
    if activities:
        scheme = fixed(vocab.ACTIVITIES)
        add((scheme, RDF.type, SKOS.ConceptScheme))
        add((scheme, SKOS.prefLabel, Literal(vocab.ACTIVITIES_LABEL, lang="en")))
    for row in _rows(tables_dir, "entity_sources.csv"):
        add((URIRef(row["entity"]), DCTERMS.source, URIRef(row["source"])))
    return graph


def write_ntriples(graph: Graph, path: Path) -> bool:
    """Write ``graph`` to ``path`` as sorted N-Triples; whether the file changed."""
    text = graph.serialize(format="nt", encoding="utf-8")
    lines = sorted(set(text.splitlines(keepends=True)) - {b"\n"})
    return write_if_changed(path, b"".join(lines))


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    return list(_read(folder / name))


def _read(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)
