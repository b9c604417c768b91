"""The fast path from the tables to ``graph/mobility``: what the published RML mapping
(``mapping.rml.ttl``) says, coded, so an import needs no RML engine.

:func:`ntriples` turns the CSV files of :mod:`.tables` into sorted N-Triples lines,
written directly (an rdflib graph of a million triples would take minutes to build); blank
nodes are named after their flow, so the same tables give a byte-identical
``mobility.nt``. :func:`graph_from_tables` is the same graph as an rdflib graph.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from kuopio_kg.ingest.erasmus import vocab
from kuopio_kg.ingest.imports import write_if_changed
from kuopio_kg.namespaces import DEFAULT_BASE, SCHEMA, WD, WGS84

GEONAMES = "https://sws.geonames.org/"
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def graph_from_tables(tables_dir: Path, base_iri: str) -> Graph:
    """The mobility graph the tables in ``tables_dir`` describe.

    The IRIs in the tables are used as they are; ``base_iri`` gives the ontology's terms
    and the fixed entities (the programme, the activity scheme and its broader concepts).
    """
    return Graph().parse(data="".join(ntriples(tables_dir, base_iri)), format="nt")


def write_ntriples(lines: list[str], path: Path) -> bool:
    """Write the lines to ``path``; whether the file changed."""
    return write_if_changed(path, lines)


def ntriples(tables_dir: Path, base_iri: str) -> list[str]:
    """The graph of the tables as N-Triples lines, sorted, each once."""
    lines: set[str] = set()
    terms = _Terms(base_iri)
    for name, triples in _TABLES:
        for row in _read(tables_dir / name):
            lines.update(triples(row, terms))
    if any(True for _ in _read(tables_dir / "activities.csv")):
        scheme = terms.fixed(vocab.ACTIVITIES)
        lines.add(_line(scheme, _iri(RDF.type), _iri(SKOS.ConceptScheme)))
        lines.add(_line(scheme, _iri(SKOS.prefLabel), _text(vocab.ACTIVITIES_LABEL, "en")))
    return sorted(lines)


class _Terms:
    """The N-Triples forms of the terms a table row needs, under one base."""

    def __init__(self, base_iri: str) -> None:
        self.base_iri = base_iri

    def kkg(self, name: str) -> str:
        return f"<{self.base_iri}ontology#{name}>"

    def fixed(self, iri: str) -> str:
        return f"<{self.base_iri}{iri[len(DEFAULT_BASE) :]}>"


def _iri(iri: str) -> str:
    return f"<{iri}>"


def _text(value: str, lang: str | None = None) -> str:
    quoted = '"' + value.translate(_ESCAPES) + '"'
    return f"{quoted}@{lang}" if lang else quoted


def _typed(value: str, datatype: str) -> str:
    return f"{_text(value)}^^<{datatype}>"


def _line(s: str, p: str, o: str) -> str:
    return f"{s} {p} {o} .\n"


def _flow(row: dict[str, str], t: _Terms) -> Iterator[str]:
    flow = _iri(row["flow"])
    yield _line(flow, _iri(RDF.type), t.kkg("MobilityFlow"))
    yield _line(flow, _iri(SKOS.prefLabel), _text(row["label"], "en"))
    yield _line(flow, t.kkg("sender"), _iri(row["sender"]))
    yield _line(flow, t.kkg("receiver"), _iri(row["receiver"]))
    yield _line(flow, t.kkg("programme"), t.fixed(vocab.PROGRAMME))
    if row["academic_year"]:
        yield _line(flow, t.kkg("academicYear"), _text(row["academic_year"]))
    if row["call_year"]:
        yield _line(flow, t.kkg("callYear"), _typed(row["call_year"], XSD.gYear))
    for column, name in (("activity", "activityType"), ("level", "educationLevel"),
                         ("field", "field")):  # fmt: skip
        if row[column]:
            yield _line(flow, t.kkg(name), _iri(row[column]))
    count = "_:" + row["flow"].rsplit("/", 1)[1] + "-participants"
    yield _line(flow, t.kkg("participants"), count)
    yield _line(count, _iri(RDF.type), t.kkg("Quantity"))
    yield _line(count, _iri(SCHEMA.value), _typed(row["participants"], XSD.integer))


def _source(subject: str) -> Callable[[dict[str, str], _Terms], Iterator[str]]:
    def triples(row: dict[str, str], _: _Terms) -> Iterator[str]:
        yield _line(_iri(row[subject]), _iri(DCTERMS.source), _iri(row["source"]))

    return triples


def _organisation(row: dict[str, str], t: _Terms) -> Iterator[str]:
    org = _iri(row["organisation"])
    yield _line(org, _iri(RDF.type), t.kkg("Organisation"))
    yield _line(org, _iri(SKOS.prefLabel), _text(row["label"]))
    if row["erasmus_code"]:
        yield _line(org, t.kkg("erasmusCode"), _text(row["erasmus_code"]))
    if row["city"]:
        yield _line(org, t.kkg("basedIn"), _iri(row["city"]))


def _city(row: dict[str, str], t: _Terms) -> Iterator[str]:
    city = _iri(row["city"])
    yield _line(city, _iri(RDF.type), t.kkg("City"))
    yield _line(city, _iri(SKOS.prefLabel), _text(row["label"]))
    yield _line(city, t.kkg("locatedIn"), _iri(row["country"]))
    if row["lat"] and row["long"]:
        yield _line(city, _iri(WGS84.lat), _typed(row["lat"], XSD.decimal))
        yield _line(city, _iri(WGS84.long), _typed(row["long"], XSD.decimal))
    if row["geonames"]:
        yield _line(city, _iri(SKOS.exactMatch), _iri(f"{GEONAMES}{row['geonames']}/"))


def _country(row: dict[str, str], t: _Terms) -> Iterator[str]:
    country = _iri(row["country"])
    if row["new"] == "true":
        yield _line(country, _iri(RDF.type), t.kkg("Country"))
        yield _line(country, _iri(SKOS.prefLabel), _text(row["label"], "en"))
    yield _line(country, t.kkg("countryCode"), _text(row["code"]))
    if row["qid"]:
        yield _line(country, _iri(SKOS.exactMatch), _iri(WD[row["qid"]]))


def _activity(row: dict[str, str], t: _Terms) -> Iterator[str]:
    activity = _iri(row["activity"])
    yield _line(activity, _iri(RDF.type), _iri(SKOS.Concept))
    yield _line(activity, _iri(SKOS.prefLabel), _text(row["label"], "en"))
    yield _line(activity, _iri(SKOS.inScheme), t.fixed(vocab.ACTIVITIES))
    yield _line(activity, _iri(SKOS.broader), t.fixed(row["broader"]))


#: What each table says, in N-Triples.
_TABLES: tuple[tuple[str, Callable[[dict[str, str], _Terms], Iterator[str]]], ...] = (
    ("flows.csv", _flow),
    ("flow_sources.csv", _source("flow")),
    ("organisations.csv", _organisation),
    ("cities.csv", _city),
    ("countries.csv", _country),
    ("activities.csv", _activity),
    ("entity_sources.csv", _source("entity")),
)


def _read(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)
