"""Every format the project reads or writes, as one table.

A row ties a format's short name to its kind (query results, graph, dataset), media type
(and the other media types clients ask for it by), file extension, the names Oxigraph and
rdflib give it, the W3C format IRI the service description cites and the EU file-type code
the DCAT catalog cites. The CLI's ``--format``, the endpoint's negotiation, the query
workers' writers, dumps and catalog distributions all derive their lists from this table.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import pyoxigraph as ox


class Kind(enum.Enum):
    """What a format can hold."""

    RESULTS = "results"  # SELECT solutions and ASK booleans
    GRAPH = "graph"  # triples: CONSTRUCT, DESCRIBE, resource descriptions
    DATASET = "dataset"  # quads: dumps of the whole release


#: The W3C's format IRIs (https://www.w3.org/ns/formats/).
W3C_FORMATS = "http://www.w3.org/ns/formats/"
#: The EU Publications Office file-type authority table.
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
#: The IANA media-type registry, as DCAT-AP cites media types.
IANA = "http://www.iana.org/assignments/media-types/"


@dataclass(frozen=True)
class Format:
    name: str
    kind: Kind
    media_type: str
    label: str
    extension: str
    oxigraph: ox.RdfFormat | ox.QueryResultsFormat
    rdflib: str
    w3c: str
    #: Code in the EU file-type table (graphs and datasets, which the catalog distributes).
    file_type: str = ""
    #: Other media types that ask for this format (in ``Accept`` and format parameters).
    aliases: tuple[str, ...] = ()
    #: Values of the ``format``/``output``/``results`` parameters that name it.
    parameters: tuple[str, ...] = ()
    #: Whether the syntax has comments (a cut result can say so in the body).
    comments: bool = False
    #: Whether the response names its charset (text types whose default is not UTF-8).
    charset: bool = False

    @property
    def content_type(self) -> str:
        return self.media_type + ("; charset=utf-8" if self.charset else "")

    @property
    def w3c_iri(self) -> str:
        return W3C_FORMATS + self.w3c

    @property
    def file_type_iri(self) -> str:
        return FILE_TYPE + self.file_type

    @property
    def media_type_iri(self) -> str:
        return IANA + self.media_type

    @property
    def rdf_format(self) -> ox.RdfFormat:
        """Oxigraph's serializer of a graph or dataset format."""
        if not isinstance(self.oxigraph, ox.RdfFormat):
            raise TypeError(f"{self.name} is a query-results format, not an RDF syntax")
        return self.oxigraph

    @property
    def results_format(self) -> ox.QueryResultsFormat:
        """Oxigraph's serializer of a query-results format."""
        if not isinstance(self.oxigraph, ox.QueryResultsFormat):
            raise TypeError(f"{self.name} is an RDF syntax, not a query-results format")
        return self.oxigraph


_R = ox.QueryResultsFormat
_G = ox.RdfFormat

#: Every format, each kind in the server's order of preference.
FORMATS: tuple[Format, ...] = (
    Format("json", Kind.RESULTS, "application/sparql-results+json", "SPARQL JSON results",
           "srj", _R.JSON, "json", "SPARQL_Results_JSON",
           aliases=("application/json",), parameters=("json",)),
    Format("xml", Kind.RESULTS, "application/sparql-results+xml", "SPARQL XML results",
           "srx", _R.XML, "xml", "SPARQL_Results_XML",
           aliases=("application/xml", "text/xml"),
           parameters=("xml", "rdf", "rdf+xml", "rdfxml")),
    Format("csv", Kind.RESULTS, "text/csv", "CSV", "csv", _R.CSV, "csv",
           "SPARQL_Results_CSV", parameters=("csv",), charset=True),
    Format("tsv", Kind.RESULTS, "text/tab-separated-values", "TSV", "tsv", _R.TSV, "tsv",
           "SPARQL_Results_TSV", parameters=("tsv",), charset=True),
    Format("turtle", Kind.GRAPH, "text/turtle", "Turtle", "ttl", _G.TURTLE, "turtle",
           "Turtle", "RDF_TURTLE", aliases=("application/x-turtle",),
           parameters=("turtle", "ttl", "n3"), comments=True),
    Format("jsonld", Kind.GRAPH, "application/ld+json", "JSON-LD", "jsonld", _G.JSON_LD,
           "json-ld", "JSON-LD", "JSON_LD", aliases=("application/json",),
           parameters=("json-ld", "jsonld", "json")),
    Format("ntriples", Kind.GRAPH, "application/n-triples", "N-Triples", "nt", _G.N_TRIPLES,
           "nt", "N-Triples", "RDF_N_TRIPLES", aliases=("text/plain",),
           parameters=("nt", "ntriples", "n-triples"), comments=True),
    Format("rdfxml", Kind.GRAPH, "application/rdf+xml", "RDF/XML", "rdf", _G.RDF_XML, "xml",
           "RDF_XML", "RDF_XML", aliases=("application/xml",),
           parameters=("xml", "rdf", "rdf+xml", "rdfxml")),
    Format("trig", Kind.DATASET, "application/trig", "TriG", "trig", _G.TRIG, "trig",
           "TriG", "RDF_TRIG", comments=True),
    Format("nquads", Kind.DATASET, "application/n-quads", "N-Quads", "nq", _G.N_QUADS,
           "nquads", "N-Quads", "RDF_N_QUADS", comments=True),
)  # fmt: skip

BY_NAME: dict[str, Format] = {f.name: f for f in FORMATS}


def of_kind(kind: Kind) -> tuple[Format, ...]:
    """The formats of one kind, in the server's order of preference."""
    return tuple(f for f in FORMATS if f.kind is kind)


RESULTS = of_kind(Kind.RESULTS)
GRAPHS = of_kind(Kind.GRAPH)
DATASETS = of_kind(Kind.DATASET)
#: Graph formats by file extension (``/id/place/kuopio.ttl``).
GRAPH_BY_EXTENSION: dict[str, Format] = {f.extension: f for f in GRAPHS}

TURTLE, JSON_LD = BY_NAME["turtle"], BY_NAME["jsonld"]
N_TRIPLES, RDF_XML = BY_NAME["ntriples"], BY_NAME["rdfxml"]
TRIG, N_QUADS = BY_NAME["trig"], BY_NAME["nquads"]


def media_types(formats: tuple[Format, ...]) -> dict[str, Format]:
    """Media type → format for negotiation: every canonical type first, then the aliases
    (so that on a tie the canonical types win, in table order)."""
    table = {f.media_type: f for f in formats}
    for f in formats:
        for alias in f.aliases:
            table.setdefault(alias, f)
    return table
