"""The W3C SPARQL 1.1 Protocol tests and three service-description checks, over HTTP.

Each protocol test is a list of requests sent in order exactly as the manifest writes
them (method, headers, body in its declared encoding; no ``Accept`` is added, as the
tests give none), with the manifest's ``/sparql/`` replaced by the endpoint's path. The
bearer token goes with every request, so the update tests can run. A response must have
an allowed status class; when the test names a format, its media type must be one of
that kind and its body must parse (``boolean``: SPARQL XML or JSON holding the expected
boolean; ``tabular``: SPARQL XML, JSON, CSV or TSV; ``RDF``: any RDF syntax pyoxigraph
reads). The named graphs a test declares are replaced by their files before it runs.

Upstream describes the service-description tests only in prose; :func:`run_service_description`
is our reading of them.
"""

from __future__ import annotations

import http.client
from dataclasses import dataclass
from urllib.parse import urlsplit

import pyoxigraph as ox
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF

from .answers import graph_of, ntriples, read_csv
from .manifest import ProtocolRequest, ProtocolTest, protocol_tests, service_description_tests

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")

#: The SPARQL 1.1 Service Description vocabulary (W3C Recommendation, section 3).
SD_CLASSES = frozenset(
    {"Service", "Language", "Function", "Aggregate", "EntailmentRegime", "EntailmentProfile"}
    | {"GraphCollection", "Dataset", "Graph", "NamedGraph", "Feature"}
)
SD_PROPERTIES = frozenset(
    {"endpoint", "feature", "defaultEntailmentRegime", "entailmentRegime", "extensionFunction"}
    | {"defaultSupportedEntailmentProfile", "supportedEntailmentProfile", "extensionAggregate"}
    | {"languageExtension", "supportedLanguage", "propertyFeature", "defaultDataset"}
    | {"availableGraphs", "resultFormat", "inputFormat", "defaultGraph", "namedGraph", "name"}
    | {"graph"}
)
SD_LANGUAGES = frozenset({"SPARQL10Query", "SPARQL11Query", "SPARQL11Update"})
SD_FEATURES = frozenset(
    {"DereferencesURIs", "UnionDefaultGraph", "RequiresDataset", "EmptyGraphs"}
    | {"BasicFederatedQuery"}
)

_BOOLEAN_TYPES = {"application/sparql-results+xml", "application/sparql-results+json"}
_TABULAR_TYPES = _BOOLEAN_TYPES | {"text/csv", "text/tab-separated-values"}
_SD_ACCEPT = "text/turtle, application/rdf+xml;q=0.9, application/n-triples;q=0.8"


@dataclass(frozen=True)
class Response:
    status: int
    media_type: str
    body: bytes


class Client:
    """Plain HTTP/1.1 to an endpoint on loopback, with only the headers it is given."""

    def __init__(self, endpoint: str, token: str, timeout: float = 60) -> None:
        parts = urlsplit(endpoint)
        if parts.scheme != "http" or parts.hostname not in {"127.0.0.1", "localhost", "::1"}:
            raise ValueError(f"only http:// on loopback, not {endpoint}")
        self.endpoint = endpoint
        self.host = parts.hostname
        self.port = parts.port or 80
        self.path = parts.path or "/"
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
            media_type = (answer.getheader("Content-Type") or "").split(";", 1)[0]
            return Response(answer.status, media_type.strip().lower(), answer.read())
        finally:
            connection.close()

    def target(self, manifest_path: str) -> str:
        """The manifest's ``/sparql/…`` path and query string, on this endpoint's path."""
        rest = manifest_path.removeprefix("/sparql/")
        return self.path + rest if rest.startswith("?") or not rest else f"{self.path}/{rest}"


def _replace_graphs(client: Client, test: ProtocolTest) -> str | None:
    operations = []
    for name, path in test.graphs:
        triples = ntriples(q.triple for q in ox.parse(path=path, format=ox.RdfFormat.N_TRIPLES))
        operations.append(f"DROP SILENT GRAPH <{name}>")
        operations.append(f"INSERT DATA {{ GRAPH <{name}> {{\n{triples}}} }}")
    response = client.send(
        "POST",
        client.path,
        {"Content-Type": "application/sparql-update"},
        " ;\n".join(operations).encode("utf-8"),
    )
    return None if response.status == 204 else f"loading its graphs: HTTP {response.status}"


def _format_problem(request: ProtocolRequest, response: Response) -> str | None:
    """Why the body is not of the expected format, or None."""
    kind, media = request.expected_format, response.media_type
    if kind == "RDF":
        try:
            _rdf(response)
        except (ValueError, SyntaxError) as error:
            return f"not readable RDF: {error}"
        return None
    if kind not in {"boolean", "tabular"}:
        return f"unknown expected format {kind}"
    if media not in (_BOOLEAN_TYPES if kind == "boolean" else _TABULAR_TYPES):
        return f"{media or '(no type)'} is not a {kind} result type"
    if media == "text/csv":
        read_csv(response.body.decode("utf-8"))
        return None
    results_format = ox.QueryResultsFormat.from_media_type(media)
    assert results_format is not None
    try:
        results = ox.parse_query_results(response.body, format=results_format)
    except SyntaxError as error:
        return f"the {media} body does not parse: {error}"
    if kind == "boolean":
        if not isinstance(results, ox.QueryBoolean):
            return "solutions where a boolean was expected"
        if request.expected_boolean not in (None, bool(results)):
            return f"ASK answered {bool(results)}, expected {request.expected_boolean}"
    return None


def check(request: ProtocolRequest, response: Response) -> str | None:
    """None when the response is what the manifest expects of ``request``, else why not."""
    status_class = str(response.status)[0]
    if status_class not in request.statuses:
        allowed = "/".join(sorted(f"{s}xx" for s in request.statuses))
        return f"{request.method} got HTTP {response.status}, expected {allowed}"
    if status_class == "3" or request.expected_format is None:
        return None
    return _format_problem(request, response)


def run_test(client: Client, test: ProtocolTest) -> str | None:
    """None when every request of the test is answered as expected, else the first miss."""
    if test.graphs and (problem := _replace_graphs(client, test)) is not None:
        return problem
    for number, request in enumerate(test.requests, 1):
        response = client.send(
            request.method, client.target(request.path), dict(request.headers), request.body
        )
        problem = check(request, response)
        if problem is not None:
            return f"request {number}: {problem}"
    return None


def run_protocol(client: Client) -> dict[str, str | None]:
    """Each protocol test's name and None (passed) or its failure, in manifest order."""
    return {test.name: run_test(client, test) for test in protocol_tests()}


def _sd_name(term: object) -> str | None:
    """The local name of an IRI of the SD namespace, or None for any other term."""
    if isinstance(term, URIRef) and term.startswith(str(SD)):
        return term.removeprefix(str(SD))
    return None


def _schema_problems(graph: Graph) -> list[str]:
    problems = [] if (None, RDF.type, SD.Service) in graph else ["no sd:Service"]
    for subject, predicate, value in graph:
        if (name := _sd_name(predicate)) is not None and name not in SD_PROPERTIES:
            problems.append(f"sd:{name} is not an SD property")
        allowed = SD_CLASSES if predicate == RDF.type else SD_LANGUAGES | SD_FEATURES
        if (name := _sd_name(value)) is not None and name not in allowed:
            what = "class" if allowed is SD_CLASSES else "instance"
            problems.append(f"sd:{name} is not an SD {what}")
        if predicate == SD.supportedLanguage and _sd_name(value) not in SD_LANGUAGES:
            problems.append(f"{value} is not a query or update language of the SD vocabulary")
        if predicate == SD.endpoint and not isinstance(value, URIRef):
            problems.append(f"sd:endpoint of {subject} is not an IRI")
    return problems


def _rdf(response: Response, base: str | None = None) -> Graph:
    """The RDF graph of a response body; ValueError or SyntaxError when there is none."""
    syntax = ox.RdfFormat.from_media_type(response.media_type)
    if syntax is None:
        raise ValueError(f"{response.media_type or '(no type)'} is not an RDF media type")
    return graph_of(ox.parse(response.body, format=syntax, base_iri=base))


def run_service_description(client: Client) -> dict[str, str | None]:
    """The three service-description tests on a GET of the endpoint asking for RDF.

    ``returns-rdf``: 2xx and a parseable RDF body. ``has-endpoint-triple``: some
    ``sd:endpoint`` is the endpoint's own URL. ``conforms-to-schema``: there is an
    ``sd:Service``, every ``sd:`` term used is one the vocabulary defines, used as what it
    is (property, class or instance), languages are SD languages and endpoints IRIs.
    """
    names = service_description_tests()
    response = client.send("GET", client.path, {"Accept": _SD_ACCEPT})
    try:
        if str(response.status)[0] != "2":
            raise ValueError(f"GET {client.path} got HTTP {response.status}")
        graph = _rdf(response, client.endpoint)
    except (ValueError, SyntaxError) as error:
        return dict.fromkeys(names, f"no service description: {error}")
    endpoints = sorted(str(value) for value in graph.objects(None, SD.endpoint))
    checks = {
        "returns-rdf": None,
        "has-endpoint-triple": None
        if client.endpoint in endpoints
        else f"no sd:endpoint <{client.endpoint}> among {endpoints}",
        "conforms-to-schema": "; ".join(_schema_problems(graph)) or None,
    }
    assert sorted(checks) == sorted(names), f"the SD manifest names {names}"
    return {name: checks[name] for name in names}
