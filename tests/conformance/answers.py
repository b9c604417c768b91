"""Query answers in a form both engines and the expected result files share, read exactly.

An answer is a table of :class:`Solutions`, a :class:`Boolean` or a graph of
:class:`Triples`. RDF terms are kept exactly as written: pyoxigraph's parsers read the
result and data files (rdflib's would rewrite ``"01"^^xsd:integer`` as ``"1"`` and so hide
a wrong lexical form). The one exception are ``xsd:double`` and ``xsd:float``, compared by
value: one double has many lexical forms, the expected files write a computed one as
``3.21E4`` and engines as ``32100``, and neither is wrong. In a solution a term becomes a
:data:`Key`: ``("iri", iri)``,
``("bnode", label)``, ``("literal", lexical form, datatype, language)`` with the datatype
empty for plain strings and language-tagged literals and the language in lower case, or
``("text", cell)`` for a CSV cell, which carries no type.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

RS = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/result-set#")

Key = tuple[str, ...]
Row = dict[str, Key]


@dataclass(frozen=True)
class Solutions:
    """SELECT results: the variables and the rows, in the order they came."""

    variables: tuple[str, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Boolean:
    """An ASK result."""

    value: bool


@dataclass(frozen=True)
class Triples:
    """A CONSTRUCT or DESCRIBE result, as an rdflib graph with the exact terms."""

    graph: Graph


Answer = Solutions | Boolean | Triples


@dataclass(frozen=True)
class Format:
    """A serialisation an engine is asked for: of solutions and booleans, or of graphs."""

    name: str
    media_type: str
    results: ox.QueryResultsFormat | None = None
    graph: ox.RdfFormat | None = None


JSON = Format("json", "application/sparql-results+json", results=ox.QueryResultsFormat.JSON)
XML = Format("xml", "application/sparql-results+xml", results=ox.QueryResultsFormat.XML)
CSV = Format("csv", "text/csv", results=ox.QueryResultsFormat.CSV)
TSV = Format("tsv", "text/tab-separated-values", results=ox.QueryResultsFormat.TSV)
TURTLE = Format("turtle", "text/turtle", graph=ox.RdfFormat.TURTLE)
NTRIPLES = Format("ntriples", "application/n-triples", graph=ox.RdfFormat.N_TRIPLES)

FORMATS = {f.media_type: f for f in (JSON, XML, CSV, TSV, TURTLE, NTRIPLES)}

#: Expected-result files by extension: solutions/boolean formats, or RDF graphs.
_RESULT_FILES = {".srj": JSON, ".srx": XML, ".tsv": TSV, ".csv": CSV}
_GRAPH_FILES = {".ttl": ox.RdfFormat.TURTLE, ".rdf": ox.RdfFormat.RDF_XML}


_FLOATING = {str(XSD.double), str(XSD.float)}


def _float_form(lexical: str) -> str:
    """One lexical form per floating-point value (an ill-typed one is kept as written)."""
    try:
        return repr(float(lexical))
    except ValueError:
        return lexical


def rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node:
    """The rdflib term for a pyoxigraph term, lexical form untouched."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language.lower())
        if term.datatype.value == str(XSD.string):
            return Literal(term.value)
        if term.datatype.value in _FLOATING:
            return Literal(_float_form(term.value), datatype=URIRef(term.datatype.value))
        return Literal(term.value, datatype=URIRef(term.datatype.value), normalize=False)
    raise TypeError(f"quoted triples are not part of this suite: {term}")


def key(term: Node) -> Key:
    """The comparison key of an rdflib term (see the module docstring)."""
    if isinstance(term, URIRef):
        return ("iri", str(term))
    if isinstance(term, BNode):
        return ("bnode", str(term))
    if isinstance(term, Literal):
        datatype = "" if term.language or term.datatype in (None, XSD.string) else term.datatype
        return ("literal", str(term), str(datatype), (term.language or "").lower())
    raise TypeError(f"not an RDF term: {term!r}")


def graph_of(triples: Iterable[ox.Triple | ox.Quad]) -> Graph:
    """An rdflib graph holding the triples exactly as pyoxigraph read them."""
    graph = Graph()
    for triple in triples:
        graph.add(
            (rdflib_term(triple.subject), rdflib_term(triple.predicate), rdflib_term(triple.object))
        )
    return graph


def ntriples(triples: Iterable[ox.Triple]) -> str:
    """The triples as N-Triples text, one per line (also valid inside ``INSERT DATA``)."""
    text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    assert text is not None
    return text.decode("utf-8")


def _csv_cell(cell: str) -> Key | None:
    if not cell:
        return None
    return ("bnode", cell[2:]) if cell.startswith("_:") else ("text", cell)


def read_csv(text: str) -> Solutions:
    """A CSV results table; cells stay text, ``_:`` cells are blank nodes, empty is unbound."""
    header, *lines = list(csv.reader(io.StringIO(text)))
    rows: list[Row] = []
    for line in lines:
        cells = {name: _csv_cell(cell) for name, cell in zip(header, line, strict=True)}
        rows.append({name: cell for name, cell in cells.items() if cell is not None})
    return Solutions(tuple(header), tuple(rows))


def _from_oxigraph(results: ox.QuerySolutions | ox.QueryBoolean) -> Solutions | Boolean:
    if isinstance(results, ox.QueryBoolean):
        return Boolean(bool(results))
    names = tuple(variable.value for variable in results.variables)
    rows: list[Row] = []
    for solution in results:
        row: Row = {}
        for name in names:
            term = solution[name]
            if term is not None:
                row[name] = key(rdflib_term(term))
        rows.append(row)
    return Solutions(names, tuple(rows))


def answer_of(results: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> Answer:
    """The answer pyoxigraph computed in-process."""
    if isinstance(results, ox.QueryTriples):
        return Triples(graph_of(results))
    return _from_oxigraph(results)


def read_answer(body: bytes, media_type: str) -> Answer:
    """An answer received as ``body`` in ``media_type`` (parameters such as charset ignored)."""
    form = FORMATS.get(media_type.split(";", 1)[0].strip().lower())
    if form is None:
        raise ValueError(f"answer in an unexpected media type {media_type!r}")
    if form is CSV:
        return read_csv(body.decode("utf-8"))
    if form.results is not None:
        return _from_oxigraph(ox.parse_query_results(body, format=form.results))
    assert form.graph is not None
    return Triples(graph_of(ox.parse(body, format=form.graph)))


def _result_set(graph: Graph, result_set: Node) -> Solutions | Boolean:
    """An answer written in the DAWG result-set vocabulary, rows ordered by ``rs:index``."""
    boolean = graph.value(result_set, RS.boolean)
    if boolean is not None:
        return Boolean(str(boolean) == "true")
    indexed: list[tuple[int, Row]] = []
    for solution in graph.objects(result_set, RS.solution):
        row: Row = {}
        for binding in graph.objects(solution, RS.binding):
            value = graph.value(binding, RS.value)
            assert value is not None, f"binding without rs:value in {result_set}"
            row[str(graph.value(binding, RS.variable))] = key(value)
        index = graph.value(solution, RS["index"])
        indexed.append((0 if index is None else int(str(index)), row))
    variables = tuple(str(name) for name in graph.objects(result_set, RS.resultVariable))
    return Solutions(variables, tuple(row for _, row in sorted(indexed, key=lambda ir: ir[0])))


def read_expected(path: Path, iri: str) -> Answer:
    """The expected answer in a result file; ``iri`` is its base for relative IRIs."""
    form = _RESULT_FILES.get(path.suffix)
    if form is CSV:
        return read_csv(path.read_text(encoding="utf-8"))
    if form is not None:
        assert form.results is not None
        return _from_oxigraph(ox.parse_query_results(path=path, format=form.results))
    graph = graph_of(ox.parse(path=path, format=_GRAPH_FILES[path.suffix], base_iri=iri))
    result_set = graph.value(None, RDF.type, RS.ResultSet)
    return Triples(graph) if result_set is None else _result_set(graph, result_set)
