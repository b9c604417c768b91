"""The W3C Graph Store Protocol tests (indirect graph identification), over HTTP.

Each test is a list of requests sent in order exactly as ``manifest-indirect.ttl`` writes
them: method, headers, and the path byte for byte (``http.client`` sends the target as
given, where ``requests`` would re-quote ``%31`` into ``1``), with the manifest's ``/gsp``
replaced by the Graph Store's path and the bearer token added. A response must have one
of the expected statuses; when the test names a ``content-type``, the response's media
type must be that one and its charset, if it names one, UTF-8; when it gives a body, the
response's graph (read by its Content-Type) must be isomorphic to it. A ``Location`` the
test asks for replaces ``$LOCATION$`` in the later requests. Before each test, every graph
it names (and the default graph, when it names that) is deleted.
"""

from __future__ import annotations

import http.client
import re
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

import pyoxigraph as ox
from rdflib import Graph, Namespace
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.term import Node

from .answers import graph_of
from .manifest import CNT, HT, MF, OFFICIAL_BASE, read_manifest

SUITE = Path(__file__).resolve().parent / "gsp" / "graph-store-protocol"
MANIFEST = SUITE / "manifest-indirect.ttl"
MANIFEST_IRI = f"{OFFICIAL_BASE}graph-store-protocol/manifest-indirect.ttl"
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
LOCATION = "$LOCATION$"


@dataclass(frozen=True)
class GspRequest:
    """One request of a test and what its response must be."""

    method: str
    #: ``ht:absolutePath`` as written: ``/gsp?graph=…``, ``/gsp?default`` or ``/gsp``.
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    statuses: frozenset[int]
    content_type: str | None
    #: The graph the response must hold, as Turtle.
    graph: str | None
    #: The template variable the response's ``Location`` fills (``$LOCATION$``).
    location: str | None


@dataclass(frozen=True)
class GspTest:
    name: str
    title: str
    requests: tuple[GspRequest, ...]

    def graphs(self) -> set[str | None]:
        """Every graph the test names (None: the default graph), ``$LOCATION$`` aside."""
        named: set[str | None] = set()
        for request in self.requests:
            query = urlsplit(request.path).query
            for parameter in query.split("&") if query else ():
                key, _, value = parameter.partition("=")
                if key == "default":
                    named.add(None)
                elif key == "graph" and LOCATION not in value:
                    named.add(unquote(value))
        return named


def _status(term: Node) -> int:
    """``hts:NoContent`` → 204."""
    words = re.findall(r"[A-Z]+[a-z]*", str(term).rsplit("#", 1)[-1])
    return int(HTTPStatus["_".join(words).upper()])


def _headers(graph: Graph, node: Node) -> tuple[tuple[str, str], ...]:
    header_list = graph.value(node, HT.headers)
    if header_list is None:
        return ()
    return tuple(
        (str(graph.value(h, HT.fieldName)), str(graph.value(h, HT.fieldValue)))
        for h in Collection(graph, header_list)
    )


def _chars(graph: Graph, node: Node) -> tuple[str, str] | None:
    """A body's text and its declared character encoding."""
    content = graph.value(node, HT.body)
    if content is None:
        return None
    encoding = str(graph.value(content, CNT.characterEncoding) or "UTF-8")
    return str(graph.value(content, CNT.chars)), encoding


def _request(graph: Graph, node: Node) -> GspRequest:
    response = graph.value(node, HT.resp)
    assert response is not None, f"{node} has no ht:resp"
    content_type = dict(_headers(graph, response)).get("content-type")
    body = _chars(graph, node)
    expected = _chars(graph, response)
    location = graph.value(response, MF.expectedLocation)
    return GspRequest(
        method=str(graph.value(node, HT.methodName)),
        path=str(graph.value(node, HT.absolutePath)),
        headers=_headers(graph, node),
        body=None if body is None else body[0].encode(body[1]),
        statuses=frozenset(_status(s) for s in graph.objects(response, MF.expectedStatus)),
        content_type=content_type,
        graph=None if expected is None else expected[0],
        location=None if location is None else str(location),
    )


def gsp_tests() -> list[GspTest]:
    """The tests of ``manifest-indirect.ttl``, in manifest order."""
    graph, entries = read_manifest(MANIFEST, MANIFEST_IRI)
    tests = []
    for test in entries:
        connection = graph.value(test, MF.action)
        assert connection is not None, f"{test} has no mf:action"
        request_list = graph.value(connection, HT.requests)
        assert request_list is not None, f"{test} has no ht:requests"
        tests.append(
            GspTest(
                name=str(test).rsplit("#", 1)[-1],
                title=str(graph.value(test, MF.name)),
                requests=tuple(_request(graph, n) for n in Collection(graph, request_list)),
            )
        )
    return tests


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


class GspClient:
    """Plain HTTP/1.1 to a Graph Store on loopback; the token goes with every request."""

    def __init__(self, url: str, token: str, timeout: float = 60) -> None:
        parts = urlsplit(url)
        if parts.scheme != "http" or parts.hostname not in {"127.0.0.1", "localhost", "::1"}:
            raise ValueError(f"only http:// on loopback, not {url}")
        self.url = url
        self.host = parts.hostname
        self.port = parts.port or 80
        self.path = parts.path
        self.token = token
        self.timeout = timeout

    def send(
        self, method: str, target: str, headers: dict[str, str], body: bytes | None = None
    ) -> Response:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            connection.request(
                method, target, body, {**headers, "Authorization": f"Bearer {self.token}"}
            )
            answer = connection.getresponse()
            found = {name.lower(): value for name, value in answer.getheaders()}
            return Response(answer.status, found, answer.read())
        finally:
            connection.close()

    def target(self, manifest_path: str) -> str:
        """The manifest's ``/gsp…`` path on this Graph Store's path, the rest as written."""
        assert manifest_path.startswith("/gsp"), manifest_path
        return self.path + manifest_path.removeprefix("/gsp")

    def delete(self, graph: str | None) -> None:
        query = "default" if graph is None else "graph=" + quote(graph, safe="")
        response = self.send("DELETE", f"{self.path}?{query}", {})
        if response.status not in (200, 204, 404):
            raise RuntimeError(f"deleting {graph or 'the default graph'}: HTTP {response.status}")


def _media(value: str) -> tuple[str, str | None]:
    """A Content-Type's media type and charset (lower case; None when it names none)."""
    media, *parameters = (part.strip().lower() for part in value.split(";"))
    charset = next((p.split("=", 1)[1].strip('"') for p in parameters if "=" in p
                    and p.split("=", 1)[0].strip() == "charset"), None)  # fmt: skip
    return media, charset


def check(request: GspRequest, response: Response, url: str) -> str | None:
    """None when the response is what the manifest expects of ``request``, else why not."""
    if response.status not in request.statuses:
        allowed = "/".join(str(s) for s in sorted(request.statuses))
        return f"{request.method} got HTTP {response.status}, expected {allowed}"
    if request.content_type is not None:
        expected_media, _ = _media(request.content_type)
        media, charset = _media(response.headers.get("content-type", ""))
        if media != expected_media or charset not in (None, "utf-8"):
            found = response.headers.get("content-type", "no Content-Type")
            return f"{request.method} answered {found}, expected {request.content_type}"
    if request.graph is not None:
        syntax = ox.RdfFormat.from_media_type(_media(response.headers["content-type"])[0])
        if syntax is None:
            return f"{response.headers['content-type']} is not an RDF media type"
        try:
            actual = graph_of(ox.parse(response.body, format=syntax, base_iri=url))
        except SyntaxError as error:
            return f"the body does not parse: {error}"
        expected = graph_of(ox.parse(request.graph.encode(), format=ox.RdfFormat.TURTLE))
        if not isomorphic(actual, expected):
            return (
                f"{request.method} answered a graph of {len(actual)} triples not isomorphic "
                f"to the expected {len(expected)}:\n{response.body.decode(errors='replace')}"
            )
    return None


def _value(location: str) -> str:
    """A Location as a ``graph`` query value: percent-encoded if it holds ``%&+#``."""
    return quote(location, safe=":/") if set(location) & set("%&+#") else location


def run_test(client: GspClient, test: GspTest) -> str | None:
    """None when every request of the test is answered as expected, else the first miss."""
    for graph in test.graphs():
        client.delete(graph)
    variables: dict[str, str] = {}
    for number, request in enumerate(test.requests, 1):
        path, body = request.path, request.body
        for name, value in variables.items():
            path = path.replace(name, _value(value))
            body = None if body is None else body.replace(name.encode(), value.encode())
        target = client.target(path)
        response = client.send(request.method, target, dict(request.headers), body)
        problem = check(request, response, urljoin(client.url, target))
        if problem is not None:
            return f"request {number}: {problem}"
        if request.location is not None:
            if "location" not in response.headers:
                return f"request {number}: no Location header"
            variables[request.location] = urljoin(client.url, response.headers["location"])
    return None


def run_gsp(client: GspClient) -> dict[str, str | None]:
    """Each test's name and None (passed) or its failure, in manifest order."""
    return {test.name: run_test(client, test) for test in gsp_tests()}
