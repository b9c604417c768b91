"""The RDF formats the publishing routes speak, as one table.

Each row ties a format's name to its file extension, media type, Oxigraph serializer and
the EU file-type authority code the DCAT catalog cites. Content negotiation, file names of
dumps and catalog distributions all read this table; nothing else lists formats.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

#: The EU Publications Office file-type authority table.
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
#: The IANA media-type registry, as DCAT-AP cites media types.
IANA = "http://www.iana.org/assignments/media-types/"


@dataclass(frozen=True)
class RdfFormat:
    name: str
    extension: str
    media_type: str
    label: str
    file_type: str
    ox_format: ox.RdfFormat

    @property
    def file_type_iri(self) -> str:
        return FILE_TYPE + self.file_type

    @property
    def media_type_iri(self) -> str:
        return IANA + self.media_type


TURTLE = RdfFormat("turtle", "ttl", "text/turtle", "Turtle", "RDF_TURTLE", ox.RdfFormat.TURTLE)
JSON_LD = RdfFormat(
    "jsonld", "jsonld", "application/ld+json", "JSON-LD", "JSON_LD", ox.RdfFormat.JSON_LD
)
N_TRIPLES = RdfFormat(
    "ntriples", "nt", "application/n-triples", "N-Triples", "RDF_N_TRIPLES", ox.RdfFormat.N_TRIPLES
)
RDF_XML = RdfFormat(
    "rdfxml", "rdf", "application/rdf+xml", "RDF/XML", "RDF_XML", ox.RdfFormat.RDF_XML
)
TRIG = RdfFormat("trig", "trig", "application/trig", "TriG", "RDF_TRIG", ox.RdfFormat.TRIG)
N_QUADS = RdfFormat(
    "nquads", "nq", "application/n-quads", "N-Quads", "RDF_N_QUADS", ox.RdfFormat.N_QUADS
)

#: The formats of a resource description (a graph), in the order of negotiation preference.
GRAPH_FORMATS: tuple[RdfFormat, ...] = (TURTLE, JSON_LD, N_TRIPLES, RDF_XML)

#: Graph formats by file extension (``/id/place/kuopio.ttl``).
BY_EXTENSION: dict[str, RdfFormat] = {f.extension: f for f in GRAPH_FORMATS}
