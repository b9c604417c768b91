"""Content negotiation for the SPARQL endpoint: tables of media types, one chooser.

The client's ``Accept`` header is matched with q-values and specificity (Werkzeug's
``MIMEAccept``); on a tie the server's order in the table wins, and a request without
``Accept`` gets the first type of the table. The ``format``,
``output`` and ``results`` parameters that SPARQLWrapper, YASGUI and others send take
precedence over ``Accept``.
"""

from __future__ import annotations

from dataclasses import dataclass

from werkzeug.datastructures import MIMEAccept, MultiDict

from kuopio_kg.errors import NotAcceptable

#: SELECT / ASK: media type → format name, in the server's order of preference.
RESULT_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}

#: CONSTRUCT / DESCRIBE (and the service description): media type → format name.
GRAPH_TYPES: dict[str, str] = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",
    "application/x-turtle": "turtle",
    "text/plain": "ntriples",
    "application/json": "jsonld",
    "application/xml": "rdfxml",
}

#: The media type each format name is answered with.
RESPONSE_TYPES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}

#: Values of the format parameters: (SELECT/ASK format, graph format); None defers to Accept.
FORMAT_PARAMETER: dict[str, tuple[str | None, str | None]] = {
    "json": ("json", "jsonld"),
    "xml": ("xml", "rdfxml"),
    "csv": ("csv", None),
    "tsv": ("tsv", None),
    "turtle": (None, "turtle"),
    "ttl": (None, "turtle"),
    "n3": (None, "turtle"),
    "nt": (None, "ntriples"),
    "ntriples": (None, "ntriples"),
    "n-triples": (None, "ntriples"),
    "json-ld": (None, "jsonld"),
    "jsonld": (None, "jsonld"),
    "rdf": ("xml", "rdfxml"),
    "rdf+xml": ("xml", "rdfxml"),
    "rdfxml": ("xml", "rdfxml"),
    **{media: (RESULT_TYPES.get(media), GRAPH_TYPES.get(media)) for media in RESULT_TYPES},
    **{media: (RESULT_TYPES.get(media), GRAPH_TYPES.get(media)) for media in GRAPH_TYPES},
}

FORMAT_PARAMETERS = ("format", "output", "results")
HTML = "text/html"


@dataclass(frozen=True)
class Choice:
    """The negotiated format names for the two result kinds (None: nothing acceptable)."""

    result: str | None
    graph: str | None


def best(accept: MIMEAccept, table: dict[str, str]) -> str | None:
    """The format name of the best match in ``table``, or None when nothing is acceptable."""
    media = accept.best_match(list(table)) if accept else next(iter(table))
    return table[media] if media else None


def choose(accept: MIMEAccept, args: MultiDict[str, str]) -> Choice:
    """The formats for a query's answer, from the format parameters or else from Accept."""
    for parameter in FORMAT_PARAMETERS:
        value = args.get(parameter)
        if not value:
            continue
        known = FORMAT_PARAMETER.get(value.strip().lower())
        if known is None:
            names = ", ".join(sorted(k for k in FORMAT_PARAMETER if "/" not in k))
            raise NotAcceptable(
                f"The {parameter} parameter {value!r} is not a format this endpoint writes; "
                f"use one of: {names}."
            )
        return Choice(known[0] or best(accept, RESULT_TYPES), known[1] or best(accept, GRAPH_TYPES))
    return Choice(best(accept, RESULT_TYPES), best(accept, GRAPH_TYPES))


def prefers_html(accept: MIMEAccept, table: dict[str, str]) -> bool:
    """True when a browser asks: ``text/html`` is named and beats every type in ``table``."""
    if not any(value == HTML for value, _ in accept):
        return False
    return accept.best_match([*table, HTML]) == HTML
