"""Content negotiation for the SPARQL endpoint, derived from the format table.

The client's ``Accept`` header is matched with q-values and specificity (Werkzeug's
``MIMEAccept``); on a tie the server's order wins, and a request without ``Accept`` gets
the first format of the kind. The ``format``, ``output`` and ``results`` parameters that
SPARQLWrapper, YASGUI and others send take precedence over ``Accept``; their values are
the short names and media types of :mod:`kuopio_kg.formats`.
"""

from __future__ import annotations

from dataclasses import dataclass

from werkzeug.datastructures import MIMEAccept, MultiDict

from kuopio_kg.errors import NotAcceptable
from kuopio_kg.formats import GRAPHS, RESULTS, Format, media_types

#: SELECT / ASK results, and graphs (CONSTRUCT, DESCRIBE, the service description):
#: media type → format, in the server's order of preference.
RESULT_TYPES = media_types(RESULTS)
GRAPH_TYPES = media_types(GRAPHS)

FORMAT_PARAMETERS = ("format", "output", "results")
HTML = "text/html"


def _named(value: str, table: dict[str, Format]) -> Format | None:
    """The format of ``table`` that a format parameter's value names, if any."""
    if value in table:
        return table[value]
    return next((f for f in table.values() if value in f.parameters), None)


@dataclass(frozen=True)
class Choice:
    """The negotiated format names for the two result kinds (None: nothing acceptable)."""

    result: str | None
    graph: str | None


def best(accept: MIMEAccept, table: dict[str, Format]) -> str | None:
    """The format name of the best match in ``table``, or None when nothing is acceptable."""
    media = _utf8_implied(accept).best_match(list(table)) if accept else next(iter(table))
    return table[media].name if media else None


def _utf8_implied(accept: MIMEAccept) -> MIMEAccept:
    """``accept`` without its ``charset=utf-8`` parameters: every format here is written in
    UTF-8, so ``text/turtle; charset=utf-8`` asks for Turtle (Werkzeug would match it only
    to an offer with that same parameter). Any other charset stays, and matches nothing."""

    def plain(value: str) -> str:
        kept = [p for p in value.split(";") if p.replace(" ", "").lower() not in _UTF8]
        return ";".join(kept).strip()

    return MIMEAccept([(plain(value), quality) for value, quality in accept])


_UTF8 = {"charset=utf-8", 'charset="utf-8"', "charset=utf8"}


def choose(accept: MIMEAccept, args: MultiDict[str, str]) -> Choice:
    """The formats for a query's answer, from the format parameters or else from Accept."""
    for parameter in FORMAT_PARAMETERS:
        value = (args.get(parameter) or "").strip().lower()
        if not value:
            continue
        result, graph = _named(value, RESULT_TYPES), _named(value, GRAPH_TYPES)
        if result is None and graph is None:
            names = sorted({p for f in (*RESULTS, *GRAPHS) for p in f.parameters})
            raise NotAcceptable(
                f"The {parameter} parameter {args[parameter]!r} is not a format this endpoint "
                f"writes; use one of: {', '.join(names)}."
            )
        return Choice(
            result.name if result else best(accept, RESULT_TYPES),
            graph.name if graph else best(accept, GRAPH_TYPES),
        )
    return Choice(best(accept, RESULT_TYPES), best(accept, GRAPH_TYPES))


def prefers_html(accept: MIMEAccept, table: dict[str, Format]) -> bool:
    """True when a browser asks: ``text/html`` is named and beats every type in ``table``."""
    if not any(value == HTML for value, _ in accept):
        return False
    return accept.best_match([*table, HTML]) == HTML
