"""Result serializers that stream and can say a result was cut at the row limit.

SELECT results are written row by row in the four SPARQL result formats; a cut result
says so in the body where the format has room for it (a ``link`` in the JSON and XML
head; CSV and TSV have none, the response header carries it for every format). ASK
results and graphs use Oxigraph's serializers (named in :mod:`kuopio_kg.formats`); a cut
graph starts with a comment where its syntax has comments. :func:`gzip_stream` compresses
a body as it streams.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kuopio_kg.formats import BY_NAME

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Row = Sequence[Term | None]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
#: The IRI a cut result links to in its head: the endpoint's description of its limits.
TRUNCATED_LINK = "#max-rows"


#: JSON text of a string, without escaping non-ASCII characters.
_string = json.JSONEncoder(ensure_ascii=False).encode


def _json_term(term: Term) -> str:
    """The JSON text of one term (written directly: this is the hot loop of big results)."""
    if isinstance(term, ox.NamedNode):
        return '{"type":"uri","value":' + _string(term.value) + "}"
    if isinstance(term, ox.BlankNode):
        return '{"type":"bnode","value":' + _string(term.value) + "}"
    if isinstance(term, ox.Triple):
        return (
            '{"type":"triple","value":{"subject":' + _json_term(term.subject)
            + ',"predicate":' + _json_term(term.predicate)
            + ',"object":' + _json_term(term.object) + "}}"
        )  # fmt: skip
    text = '{"type":"literal","value":' + _string(term.value)
    if term.language:
        return text + ',"xml:lang":' + _string(term.language) + "}"
    if term.datatype.value != XSD_STRING:
        return text + ',"datatype":' + _string(term.datatype.value) + "}"
    return text + "}"


def _json(names: list[str], rows: Iterable[Row], link: str | None) -> Iterator[str]:
    head: dict[str, object] = {"vars": names}
    if link:
        head["link"] = [link]
    yield '{"head":' + json.dumps(head) + ',"results":{"bindings":['
    keys = [_string(n) + ":" for n in names]
    separator = ""
    for row in rows:
        cells = ",".join(k + _json_term(t) for k, t in zip(keys, row, strict=True) if t is not None)
        yield separator + "{" + cells + "}"
        separator = ","
    yield "]}}\n"


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Triple):
        return (
            f"<triple><subject>{_xml_term(term.subject)}</subject>"
            f"<predicate>{_xml_term(term.predicate)}</predicate>"
            f"<object>{_xml_term(term.object)}</object></triple>"
        )
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def _xml(names: list[str], rows: Iterable[Row], link: str | None) -> Iterator[str]:
    yield '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>'
    yield "".join(f"<variable name={quoteattr(n)}/>" for n in names)
    if link:
        yield f"<link href={quoteattr(link)}/>"
    yield "</head><results>\n"
    for row in rows:
        cells = "".join(
            f"<binding name={quoteattr(n)}>{_xml_term(t)}</binding>"
            for n, t in zip(names, row, strict=True)
            if t is not None
        )
        yield f"<result>{cells}</result>\n"
    yield "</results></sparql>\n"


def _csv_cell(term: Term | None) -> str:
    if term is None:
        return ""
    text = (
        f"_:{term.value}"
        if isinstance(term, ox.BlankNode)
        else (str(term) if isinstance(term, ox.Triple) else term.value)
    )
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv(names: list[str], rows: Iterable[Row], link: str | None) -> Iterator[str]:
    yield ",".join(names) + "\r\n"
    for row in rows:
        yield ",".join(_csv_cell(t) for t in row) + "\r\n"


def _tsv(names: list[str], rows: Iterable[Row], link: str | None) -> Iterator[str]:
    yield "\t".join("?" + n for n in names) + "\n"
    for row in rows:
        yield "\t".join("" if t is None else str(t) for t in row) + "\n"


Writer = Callable[[list[str], Iterable[Row], str | None], Iterator[str]]

#: SELECT writers by format name (the results formats of :mod:`kuopio_kg.formats`).
SELECT_WRITERS: dict[str, Writer] = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}


def select_chunks(
    name: str, names: list[str], rows: Iterable[Row], truncated: bool, size: int = 65536
) -> Iterator[bytes]:
    """The SELECT result in format ``name``, as byte chunks of about ``size`` bytes."""
    buffer: list[str] = []
    length = 0
    for piece in SELECT_WRITERS[name](names, rows, TRUNCATED_LINK if truncated else None):
        buffer.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(buffer).encode()
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer).encode()


def boolean_bytes(name: str, value: ox.QueryBoolean) -> bytes:
    return value.serialize(format=BY_NAME[name].results_format) or b""


def graph_bytes(name: str, triples: list[ox.Triple], truncated: bool, max_rows: int) -> bytes:
    """The graph in format ``name``; a cut graph says so in a comment where it can."""
    graph_format = BY_NAME[name]
    body = ox.serialize(triples, format=graph_format.rdf_format) or b""
    if truncated and graph_format.comments:
        note = f"# truncated: only the first {max_rows} triples (KUOPIO_KG_MAX_ROWS)\n"
        body = note.encode() + body
    return body


def gzip_stream(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Compress a stream chunk by chunk (gzip framing), flushing each chunk."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
    for chunk in chunks:
        data = compressor.compress(chunk) + compressor.flush(zlib.Z_SYNC_FLUSH)
        if data:
            yield data
    yield compressor.flush()
