"""The engines a test query is put to: pyoxigraph in-process (the reference) and our server.

Both get the same test data (read once by pyoxigraph, blank nodes renamed apart per file)
and both answer with bytes in the format they were asked for, so one reader
(:func:`.answers.read_answer`) judges both: the reference through pyoxigraph's own
writers, the server through its HTTP responses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import pyoxigraph as ox
import requests

from .answers import Format, ntriples
from .manifest import local_path

_DATA_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".rdf": ox.RdfFormat.RDF_XML,
}


class Rejected(Exception):
    """The engine refused the query as malformed (a 400 over HTTP, a SyntaxError in-process)."""


@dataclass(frozen=True)
class Reply:
    """An engine's answer: its media type and its bytes."""

    media_type: str
    body: bytes


@dataclass(frozen=True)
class TestData:
    """A test's dataset: the default graph's triples and each named graph's."""

    default: tuple[ox.Triple, ...]
    named: tuple[tuple[str, tuple[ox.Triple, ...]], ...]

    @classmethod
    def read(cls, default: tuple[str, ...], named: tuple[str, ...]) -> TestData:
        """The files named by ``default`` merged into one graph, each of ``named`` as a
        graph named by its IRI; each file is read with its own IRI as base."""

        def triples(iri: str) -> tuple[ox.Triple, ...]:
            path = local_path(iri)
            quads = ox.parse(
                path=path, format=_DATA_FORMATS[path.suffix], base_iri=iri, rename_blank_nodes=True
            )
            return tuple(quad.triple for quad in quads)

        merged = tuple(triple for iri in default for triple in triples(iri))
        return cls(merged, tuple((iri, triples(iri)) for iri in named))

    def quads(self) -> list[ox.Quad]:
        out = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in self.default]
        for name, triples in self.named:
            graph = ox.NamedNode(name)
            out.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
        return out


class Engine(Protocol):
    """Something that holds a dataset and answers queries over it in a chosen format."""

    name: str

    def load(self, data: TestData) -> None:
        """Replace everything the engine holds by ``data``."""

    def ask(self, query: str, base: str, results: Format, graph: Format) -> Reply:
        """The answer to ``query`` (relative IRIs against ``base``): solutions and booleans
        in ``results``, graphs in ``graph``. Raises :class:`Rejected` on a malformed query."""


class Reference:
    """pyoxigraph in memory with standard dataset semantics, written by its own writers."""

    name = "pyoxigraph"

    def __init__(self) -> None:
        self.store = ox.Store()

    def load(self, data: TestData) -> None:
        self.store = ox.Store()
        self.store.extend(data.quads())

    def ask(self, query: str, base: str, results: Format, graph: Format) -> Reply:
        try:
            answer = self.store.query(query, base_iri=base)
        except SyntaxError as error:
            raise Rejected(str(error)) from error
        if isinstance(answer, ox.QueryTriples):
            assert graph.graph is not None
            form, body = graph, answer.serialize(format=graph.graph)
        else:
            assert results.results is not None
            form, body = results, answer.serialize(format=results.results)
        assert body is not None
        return Reply(form.media_type, body)


class OverHttp:
    """A server's ``/sparql`` endpoint: data loaded by SPARQL Update, queries by POST.

    The update token is sent with the updates only. Each query is preceded by a
    ``BASE`` declaration, which a prologue may hold several of (a later, relative one
    resolves against it), so a query's own ``BASE`` keeps its meaning.
    """

    name = "http"

    def __init__(self, url: str, token: str, timeout: float = 60) -> None:
        self.url = url
        self.token = token
        self.timeout = timeout
        self.session = requests.Session()

    def _post(self, body: str, content_type: str, **headers: str) -> requests.Response:
        return self.session.post(
            self.url,
            data=body.encode("utf-8"),
            headers={"Content-Type": content_type, **headers},
            timeout=self.timeout,
        )

    def load(self, data: TestData) -> None:
        blocks = [ntriples(data.default)]
        blocks.extend(f"GRAPH <{name}> {{\n{ntriples(triples)}}}" for name, triples in data.named)
        update = "DROP ALL ;\nINSERT DATA {\n" + "\n".join(blocks) + "}"
        response = self._post(
            update, "application/sparql-update", Authorization=f"Bearer {self.token}"
        )
        if response.status_code != 204:
            raise RuntimeError(f"loading the test data: HTTP {response.status_code}")

    def ask(self, query: str, base: str, results: Format, graph: Format) -> Reply:
        accept = f"{results.media_type}, {graph.media_type};q=0.9"
        response = self._post(f"BASE <{base}>\n{query}", "application/sparql-query", Accept=accept)
        if response.status_code == 400:
            raise Rejected(response.text[:200])
        if response.status_code != 200:
            raise RuntimeError(f"HTTP {response.status_code}: {response.text[:200]}")
        return Reply(response.headers.get("Content-Type", ""), response.content)
