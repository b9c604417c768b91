"""The W3C SPARQL 1.1 manifests of ``sparql11/``, read with rdflib into plain records.

Every IRI in the manifests is resolved against the base the SPARQL Working Group used
(:data:`OFFICIAL_BASE`), so that relative IRIs in queries, data and expected results mean
what the test authors meant; :func:`local_path` maps such an IRI back to the file in this
folder. Nothing is ever fetched.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

SUITE = Path(__file__).resolve().parent / "sparql11"
OFFICIAL_BASE = "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")

#: The query-evaluation folders the project is measured on (238 tests).
EVALUATION_DIRS = (
    "aggregates",
    "bind",
    "bindings",
    "construct",
    "exists",
    "functions",
    "grouping",
    "negation",
    "project-expression",
    "property-path",
    "subquery",
    "json-res",
    "csv-tsv-res",
)


def local_path(iri: str) -> Path:
    """The file in ``sparql11/`` that an IRI under :data:`OFFICIAL_BASE` names."""
    if not iri.startswith(OFFICIAL_BASE):
        raise ValueError(f"{iri} is not a file of the test suite")
    return SUITE / iri.removeprefix(OFFICIAL_BASE)


@dataclass(frozen=True)
class EvaluationCase:
    """One query-evaluation, CSV-format or negative-syntax test.

    ``data`` go into the default graph; ``graph_data`` are loaded as named graphs, each
    named by its own IRI (the suite's convention). ``result`` is None for syntax tests.
    """

    label: str
    kind: str
    query: str
    data: tuple[str, ...]
    graph_data: tuple[str, ...]
    result: str | None

    @property
    def query_text(self) -> str:
        return local_path(self.query).read_text(encoding="utf-8")


def read_manifest(manifest: Path, base: str) -> tuple[Graph, list[Node]]:
    """The manifest graph and its entries, in manifest order."""
    graph = Graph().parse(manifest, format="turtle", publicID=base)
    entries: list[Node] = []
    for head in graph.objects(URIRef(base), MF.entries):
        entries.extend(Collection(graph, head))
    return graph, entries


def _iri(graph: Graph, subject: Node, predicate: URIRef) -> str:
    value = graph.value(subject, predicate)
    if not isinstance(value, URIRef):
        raise ValueError(f"{subject} has no IRI for {predicate}")
    return str(value)


def _iris(graph: Graph, subject: Node, predicate: URIRef) -> tuple[str, ...]:
    values = list(graph.objects(subject, predicate))
    if any(not isinstance(value, URIRef) for value in values):
        raise ValueError(f"{subject}: only file IRIs are supported as {predicate}")
    return tuple(sorted(str(value) for value in values))


def evaluation_cases(dirs: tuple[str, ...] = EVALUATION_DIRS) -> list[EvaluationCase]:
    """The tests of the given folders, in manifest order, labelled ``dir/name``."""
    cases: list[EvaluationCase] = []
    for folder in dirs:
        base = f"{OFFICIAL_BASE}{folder}/manifest.ttl"
        graph, entries = read_manifest(SUITE / folder / "manifest.ttl", base)
        for test in entries:
            kind = _iri(graph, test, RDF.type).rsplit("#", 1)[-1]
            action = graph.value(test, MF.action)
            assert action is not None, f"{test} has no mf:action"
            label = f"{folder}/{str(test).rsplit('#', 1)[-1]}"
            if isinstance(action, URIRef):
                cases.append(EvaluationCase(label, kind, str(action), (), (), None))
                continue
            cases.append(
                EvaluationCase(
                    label=label,
                    kind=kind,
                    query=_iri(graph, action, QT.query),
                    data=_iris(graph, action, QT.data),
                    graph_data=_iris(graph, action, QT.graphData),
                    result=_iri(graph, test, MF.result),
                )
            )
    return cases


@dataclass(frozen=True)
class ProtocolRequest:
    """One HTTP request of a protocol test and what its response must be.

    ``path`` is the manifest's ``ht:absolutePath``, which starts with ``/sparql/``;
    ``statuses`` are the allowed status classes ("2", "3", "4").
    """

    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    statuses: frozenset[str]
    expected_format: str | None
    expected_boolean: bool | None


@dataclass(frozen=True)
class ProtocolTest:
    """A protocol test: its requests, sent in order, and the named graphs it needs first.

    ``graphs`` pairs each graph name with the N-Triples file of its content.
    """

    name: str
    title: str
    graphs: tuple[tuple[str, Path], ...]
    requests: tuple[ProtocolRequest, ...]


def _request(graph: Graph, node: Node) -> ProtocolRequest:
    headers: list[tuple[str, str]] = []
    header_list = graph.value(node, HT.headers)
    if header_list is not None:
        for header in Collection(graph, header_list):
            headers.append(
                (str(graph.value(header, HT.fieldName)), str(graph.value(header, HT.fieldValue)))
            )
    body = None
    content = graph.value(node, HT.body)
    if content is not None:
        encoding = str(graph.value(content, CNT.characterEncoding) or "UTF-8")
        body = str(graph.value(content, CNT.chars)).encode(encoding)
    response = graph.value(node, HT.resp)
    assert response is not None, f"{node} has no ht:resp"
    statuses = frozenset(
        str(status).rsplit("StatusCode", 1)[-1][0]
        for status in graph.objects(response, MF.expectedStatus)
    )
    expected_format = graph.value(response, MF.expectedFormat)
    expected_boolean = graph.value(response, MF.expectedBoolean)
    return ProtocolRequest(
        method=str(graph.value(node, HT.methodName)),
        path=str(graph.value(node, HT.absolutePath)),
        headers=tuple(headers),
        body=body,
        statuses=statuses,
        expected_format=None if expected_format is None else str(expected_format),
        expected_boolean=None if expected_boolean is None else str(expected_boolean) == "true",
    )


def protocol_tests() -> list[ProtocolTest]:
    """The tests of ``protocol/manifest.ttl``, in manifest order."""
    graph, entries = read_manifest(
        SUITE / "protocol" / "manifest.ttl", f"{OFFICIAL_BASE}protocol/manifest.ttl"
    )
    tests: list[ProtocolTest] = []
    for test in entries:
        graphs = tuple(
            (str(graph.value(data, RDFS.label)), local_path(_iri(graph, data, UT.graph)))
            for data in graph.objects(test, UT.graphData)
        )
        connection = graph.value(test, MF.action)
        assert connection is not None, f"{test} has no mf:action"
        request_list = graph.value(connection, HT.requests)
        assert request_list is not None, f"{test} has no ht:requests"
        tests.append(
            ProtocolTest(
                name=str(test).rsplit("#", 1)[-1],
                title=str(graph.value(test, MF.name)),
                graphs=tuple(sorted(graphs)),
                requests=tuple(_request(graph, node) for node in Collection(graph, request_list)),
            )
        )
    return tests


def service_description_tests() -> list[str]:
    """The names of the three service-description tests (upstream gives them as prose)."""
    base = f"{OFFICIAL_BASE}service-description/manifest.ttl"
    _, entries = read_manifest(SUITE / "service-description" / "manifest.ttl", base)
    return [str(test).rsplit("#", 1)[-1] for test in entries]
