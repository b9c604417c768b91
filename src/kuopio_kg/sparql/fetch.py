"""LOAD, done by the endpoint: each document is fetched from an address the policy checked.

Oxigraph would fetch a ``LOAD`` target itself and resolve the name again, so a DNS answer
that changed since the check (rebinding) could lead it to loopback or a private network.
Instead, before an update reaches a worker, every ``LOAD <iri> [INTO GRAPH <g>]`` in it is
replaced by an ``INSERT DATA`` holding the document's triples, fetched here:

- over a connection to one of the public addresses the policy found for the name (the
  request still names the host, and TLS still checks the certificate for it);
- following at most :data:`MAX_REDIRECTS` redirects, each target checked like the first;
- within the ``service_timeout`` per network wait and :data:`MAX_DOCUMENT` bytes;
- parsed by Oxigraph's parser for the graph format the host declares (the formats table;
  the file extension when the media type says nothing). Oxigraph fetches nothing, but it
  expands the internal entities an RDF/XML document declares, nested ones too; so RDF/XML
  is read by expat first (which fetches no external entity and stops "billion laughs"
  amplification) and refused when its text, entities expanded, exceeds
  :data:`MAX_DOCUMENT`.

The same reader (:func:`read`) takes the bodies of Graph Store requests
(:mod:`kuopio_kg.sparql.graph_store`).

``LOAD SILENT`` of a document that cannot be had loads nothing, as the standard says; a
plain ``LOAD`` fails the whole update: with a 403 when a redirect leads where the policy
forbids, a 422 (:class:`~kuopio_kg.errors.DocumentRefused`) when the document is not one
to load, and a 502 when the host cannot be reached.
"""

from __future__ import annotations

import http.client
import socket
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urljoin, urlsplit
from xml.parsers import expat

import pyoxigraph as ox

from kuopio_kg import __version__
from kuopio_kg.errors import DocumentRefused, PolicyRefused, UpstreamError
from kuopio_kg.formats import GRAPH_BY_EXTENSION, GRAPHS, RDF_XML, Format, media_types
from kuopio_kg.sparql.policy import Load, Refused, public_addresses

MAX_REDIRECTS = 5
#: The largest document a LOAD reads (bytes).
MAX_DOCUMENT = 64 * 1024 * 1024
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_BY_MEDIA_TYPE = media_types(GRAPHS)
_ACCEPT = ", ".join(f.media_type for f in GRAPHS)


@dataclass(frozen=True)
class Document:
    """A fetched document: where it was found in the end, its format and its bytes."""

    iri: str
    format: Format
    body: bytes


def insert_data(loads: tuple[Load, ...], timeout: float) -> Mapping[tuple[int, int], str]:
    """For each LOAD, the ``INSERT DATA`` operation that replaces it (by its span)."""
    return {load.span: _insert_data(load, timeout) for load in loads}


def _insert_data(load: Load, timeout: float) -> str:
    if load.silent and not load.addresses:  # refused by the policy: nothing to fetch
        return "INSERT DATA { }"
    try:
        document = fetch(load.iri, load.addresses, timeout)
        triples = parse(document)
    except (DocumentRefused, PolicyRefused, UpstreamError):
        if load.silent:
            return "INSERT DATA { }"
        raise
    text = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode()
    if load.into is not None:
        text = f"GRAPH <{load.into}> {{ {text} }}"
    return f"INSERT DATA {{ {text} }}"


def fetch(iri: str, addresses: tuple[str, ...], timeout: float) -> Document:
    """GET ``iri`` from one of ``addresses`` (checked public), following checked redirects."""
    for _ in range(MAX_REDIRECTS + 1):
        status, location, media_type, body = _get(iri, addresses, timeout)
        if status in _REDIRECTS and location:
            iri = urljoin(iri, location)
            try:
                addresses = public_addresses(iri)
            except Refused as refused:
                raise PolicyRefused(
                    f"LOAD was redirected to <{iri}>, which is refused: {refused.reason}."
                ) from None
            continue
        if status != 200:
            raise DocumentRefused(f"LOAD <{iri}> failed: the host answered HTTP {status}.")
        return Document(iri, _format(iri, media_type), body)
    raise DocumentRefused(f"LOAD <{iri}> failed: more than {MAX_REDIRECTS} redirects.")


def parse(document: Document) -> list[ox.Triple]:
    """The document's triples, read by Oxigraph's parser for its format."""
    try:
        return read(document.body, document.format, document.iri)
    except Unreadable as exc:
        raise DocumentRefused(f"LOAD <{document.iri}> failed: {exc.reason}.") from None


class Unreadable(Exception):
    """Bytes that are not a document of their format; ``reason`` says why, for a sentence."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read(body: bytes, syntax: Format, base_iri: str) -> list[ox.Triple]:
    """The triples of ``body`` in the graph format ``syntax``, relative IRIs against
    ``base_iri``; blank nodes get fresh labels, so two documents never share one.

    This is the one reader of documents that come from outside (LOAD, Graph Store bodies):
    JSON-LD contexts are never fetched and RDF/XML entities are bounded. Raises
    :class:`Unreadable` with the parser's line and column.
    """
    if syntax is RDF_XML:
        _check_expansion(body)
    try:
        return [
            quad.triple
            for quad in ox.parse(
                body, format=syntax.rdf_format, base_iri=base_iri, rename_blank_nodes=True
            )
        ]
    except SyntaxError as exc:
        raise Unreadable(f"the document is not valid {syntax.label}: {exc.msg}") from None


class _Expanded(Exception):
    """The XML's text grew past the limit while expat expanded its entities."""


def _check_expansion(body: bytes) -> None:
    """Refuse XML whose text, with its entities expanded, exceeds :data:`MAX_DOCUMENT`."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    size = 0

    def count(length: int) -> None:
        nonlocal size
        size += length
        if size > MAX_DOCUMENT:
            raise _Expanded

    parser.CharacterDataHandler = lambda data: count(len(data))
    parser.StartElementHandler = lambda _, attributes: count(sum(map(len, attributes.values())))
    refusal = f"its XML entities expand to more than {MAX_DOCUMENT // (1024 * 1024)} MB of text"
    try:
        parser.Parse(body, True)
    except _Expanded:
        raise Unreadable(refusal) from None
    except expat.ExpatError as exc:
        if exc.code == expat.errors.codes.get(expat.errors.XML_ERROR_AMPLIFICATION_LIMIT_BREACH):
            raise Unreadable(refusal) from None
        # any other error is a syntax error, which Oxigraph reports in its own words


def _format(iri: str, media_type: str) -> Format:
    found = _BY_MEDIA_TYPE.get(media_type)
    if found is None and media_type in ("", "application/octet-stream"):
        found = GRAPH_BY_EXTENSION.get(PurePosixPath(urlsplit(iri).path).suffix.lstrip("."))
    if found is None:
        raise DocumentRefused(
            f"LOAD <{iri}> failed: its media type {media_type or '(none)'} is not a graph "
            f"format this endpoint reads ({_ACCEPT})."
        )
    return found


def _get(
    iri: str, addresses: tuple[str, ...], timeout: float
) -> tuple[int, str | None, str, bytes]:
    """(status, Location, media type, body) of one GET, trying each address in turn."""
    parts = urlsplit(iri)
    host = parts.hostname or ""
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    failures = []
    for address in addresses:
        connection = _connection(parts.scheme, host, parts.port, address, timeout)
        try:
            connection.request(
                "GET",
                target,
                headers={"Accept": _ACCEPT, "User-Agent": f"kuopio-kg/{__version__}"},
            )
            response = connection.getresponse()
            body = response.read(MAX_DOCUMENT + 1)
            if len(body) > MAX_DOCUMENT:
                raise DocumentRefused(
                    f"LOAD <{iri}> failed: the document is larger than "
                    f"{MAX_DOCUMENT // (1024 * 1024)} MB."
                )
            media_type = (response.getheader("Content-Type") or "").split(";")[0].strip()
            return response.status, response.getheader("Location"), media_type.lower(), body
        except (OSError, http.client.HTTPException) as exc:
            failures.append(f"{address}: {exc}")
        finally:
            connection.close()
    tried = "; ".join(failures)
    raise UpstreamError(f"LOAD <{iri}> failed: {host} could not be reached ({tried}).")


def _connection(
    scheme: str, host: str, port: int | None, address: str, timeout: float
) -> http.client.HTTPConnection:
    if scheme == "https":
        return _PinnedHTTPS(host, port, address, timeout)
    return _PinnedHTTP(host, port, address, timeout)


class _PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to ``host`` made to one given address, not to a fresh lookup."""

    def __init__(self, host: str, port: int | None, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(_PinnedHTTP):
    """The same over TLS; the certificate is checked for ``host``, not for the address."""

    default_port = http.client.HTTPS_PORT

    def connect(self) -> None:
        super().connect()
        context = ssl.create_default_context()
        self.sock = context.wrap_socket(self.sock, server_hostname=self.host)
