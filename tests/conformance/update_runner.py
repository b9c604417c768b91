"""The W3C SPARQL 1.1 Update tests of ``sparql11-update/``: pyoxigraph in-process (the
reference) and a server over HTTP, scored by one judge.

Manifests are read with the Working Group's base, as for the query tests. The 157 tests:

- ``mf:UpdateEvaluationTest`` (94): start empty, load ``ut:data`` into the default graph and
  each ``ut:graphData`` into the graph its ``rdfs:label`` names, run ``ut:request`` (it
  must succeed), then the whole dataset must equal ``mf:result``: the default graph and
  every named graph isomorphic to the expected one, no other named graph holding triples
  (an empty graph and an absent one are alike, as stores differ in remembering them);
- positive syntax tests (42) pass when the update is not refused as malformed: run on an
  empty store, a failure at run time (a ``LOAD`` that cannot fetch, a ``DROP`` of a graph
  that is not there) still means it parsed;
- negative syntax tests (21, eight of them typed ``mf:NegativeSyntaxTest11`` upstream) pass
  when the update is refused as malformed and the store is left as it was.

The server is driven through its public interfaces only: the data goes in by Graph Store
PUT (as N-Triples that pyoxigraph read from each file, so one file's blank nodes stay one
blank node each), the update by ``POST /sparql`` as ``application/sparql-update`` preceded
by ``BASE <the request's IRI>``, and the dataset comes back by listing the graphs with
``SELECT DISTINCT ?g`` and a Graph Store GET of each (and of ``?default``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from urllib.parse import quote

import pyoxigraph as ox
import requests
from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from .answers import graph_of, ntriples
from .manifest import MF, OFFICIAL_BASE, UT, read_manifest

SUITE = Path(__file__).resolve().parent / "sparql11-update"
TOP_MANIFEST = SUITE / "manifest-sparql11-update.ttl"
EVALUATION = "UpdateEvaluationTest"
POSITIVE = frozenset({"PositiveUpdateSyntaxTest11"})
NEGATIVE = frozenset({"NegativeUpdateSyntaxTest11", "NegativeSyntaxTest11"})
_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES}
#: What the server's 400 says when its parser refused the update.
SYNTAX_REFUSAL = "The update is not valid SPARQL"


def local_path(iri: str) -> Path:
    """The file of ``sparql11-update/`` that an IRI under :data:`OFFICIAL_BASE` names."""
    if not iri.startswith(OFFICIAL_BASE):
        raise ValueError(f"{iri} is not a file of the update suite")
    return SUITE / iri.removeprefix(OFFICIAL_BASE)


@dataclass(frozen=True)
class State:
    """A dataset as files: the default graph's files, and (graph IRI, file) pairs."""

    default: tuple[str, ...] = ()
    named: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class UpdateCase:
    label: str
    kind: str
    request: str
    before: State = State()
    after: State = State()

    @property
    def text(self) -> str:
        return local_path(self.request).read_text(encoding="utf-8")


def _state(graph: Graph, node: Node | None) -> State:
    if node is None:
        return State()
    named = []
    for data in graph.objects(node, UT.graphData):
        named.append((str(graph.value(data, RDFS.label)), str(graph.value(data, UT.graph))))
    default = tuple(sorted(str(d) for d in graph.objects(node, UT.data)))
    return State(default, tuple(sorted(named)))


def update_cases() -> list[UpdateCase]:
    """Every test of the folders the include manifest lists, in manifest order."""
    top, _ = read_manifest(TOP_MANIFEST, f"{OFFICIAL_BASE}manifest-sparql11-update.ttl")
    folders = [
        str(m).removeprefix(OFFICIAL_BASE).removesuffix("/manifest.ttl")
        for head in top.objects(None, MF.include)
        for m in Collection(top, head)
    ]
    cases = []
    for folder in folders:
        graph, entries = read_manifest(
            SUITE / folder / "manifest.ttl", f"{OFFICIAL_BASE}{folder}/manifest.ttl"
        )
        for test in entries:
            kind = str(graph.value(test, RDF.type)).rsplit("#", 1)[-1]
            label = f"{folder}/{str(test).rsplit('#', 1)[-1]}"
            action = graph.value(test, MF.action)
            if isinstance(action, URIRef):
                cases.append(UpdateCase(label, kind, str(action)))
                continue
            cases.append(
                UpdateCase(
                    label,
                    kind,
                    str(graph.value(action, UT.request)),
                    _state(graph, action),
                    _state(graph, graph.value(test, MF.result)),
                )
            )
    return cases


def _triples(iri: str) -> list[ox.Triple]:
    path = local_path(iri)
    quads = ox.parse(path=path, format=_FORMATS[path.suffix], base_iri=iri, rename_blank_nodes=True)
    return [quad.triple for quad in quads]


class Refused(Exception):
    """The engine refused the update as malformed."""


class Failed(Exception):
    """The engine parsed the update but could not apply it."""


#: A dataset read back: the default graph (key None) and each named graph with triples.
Dataset = dict[str | None, Graph]


class UpdateEngine(Protocol):
    name: str

    def load(self, state: State) -> None:
        """Replace everything the engine holds by the files of ``state``."""

    def update(self, text: str, base: str) -> None:
        """Run one update request; :class:`Refused` when malformed, :class:`Failed` when
        it cannot be applied."""

    def dataset(self) -> Dataset:
        """Everything the engine holds."""


class ReferenceUpdates:
    """pyoxigraph in memory, standard dataset semantics."""

    name = "pyoxigraph"

    def __init__(self) -> None:
        self.store = ox.Store()

    def load(self, state: State) -> None:
        self.store = ox.Store()
        graphs: list[tuple[ox.DefaultGraph | ox.NamedNode, str]]
        graphs = [(ox.DefaultGraph(), iri) for iri in state.default]
        graphs += [(ox.NamedNode(name), iri) for name, iri in state.named]
        for graph, iri in graphs:
            self.store.extend(
                ox.Quad(t.subject, t.predicate, t.object, graph) for t in _triples(iri)
            )

    def update(self, text: str, base: str) -> None:
        try:
            self.store.update(text, base_iri=base)
        except SyntaxError as error:
            raise Refused(str(error)) from error
        except (OSError, RuntimeError, ValueError) as error:
            raise Failed(str(error)) from error

    def dataset(self) -> Dataset:
        default = self.store.quads_for_pattern(None, None, None, ox.DefaultGraph())
        found: Dataset = {None: graph_of(default)}
        for name in self.store.named_graphs():
            graph = graph_of(self.store.quads_for_pattern(None, None, None, name))
            if len(graph):
                found[str(name.value)] = graph
        return found


class UpdatesOverHttp:
    """A server: data by Graph Store PUT, the update by ``POST /sparql``, the dataset back
    by ``SELECT DISTINCT ?g`` and Graph Store GETs."""

    name = "http"

    def __init__(self, url: str, token: str, timeout: float = 60) -> None:
        self.sparql = url + "/sparql"
        self.graph_store = url + "/graph-store"
        self.auth = {"Authorization": f"Bearer {token}"}
        self.timeout = timeout
        self.session = requests.Session()

    def _check(self, response: requests.Response, what: str, *ok: int) -> requests.Response:
        if response.status_code not in ok:
            raise RuntimeError(f"{what}: HTTP {response.status_code}: {response.text[:300]}")
        return response

    def _put(self, query: str, triples: Iterable[ox.Triple]) -> None:
        response = self.session.put(
            f"{self.graph_store}?{query}",
            data=ntriples(triples).encode(),
            headers={"Content-Type": "application/n-triples", **self.auth},
            timeout=self.timeout,
        )
        self._check(response, f"PUT ?{query}", 201, 204)

    def load(self, state: State) -> None:
        response = self.session.post(
            self.sparql, data=b"DROP ALL", timeout=self.timeout,
            headers={"Content-Type": "application/sparql-update", **self.auth},
        )  # fmt: skip
        self._check(response, "DROP ALL", 204)
        if state.default:
            self._put("default", [t for iri in state.default for t in _triples(iri)])
        for name, iri in state.named:
            self._put("graph=" + quote(name, safe=""), _triples(iri))

    def update(self, text: str, base: str) -> None:
        response = self.session.post(
            self.sparql, data=f"BASE <{base}>\n{text}".encode(), timeout=self.timeout,
            headers={"Content-Type": "application/sparql-update", **self.auth},
        )  # fmt: skip
        if response.status_code == 400 and SYNTAX_REFUSAL in response.text:
            raise Refused(response.text[:300])
        if response.status_code != 204:
            raise Failed(f"HTTP {response.status_code}: {response.text[:300]}")

    def _get(self, query: str) -> Graph:
        response = self.session.get(
            f"{self.graph_store}?{query}",
            headers={"Accept": "application/n-triples"},
            timeout=self.timeout,
        )
        body = self._check(response, f"GET ?{query}", 200).content
        return graph_of(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))

    def dataset(self) -> Dataset:
        response = self.session.get(
            self.sparql,
            params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"},
            headers={"Accept": "application/sparql-results+json"},
            timeout=self.timeout,
        )
        rows = json.loads(self._check(response, "listing the graphs", 200).content)
        found: Dataset = {None: self._get("default")}
        for row in rows["results"]["bindings"]:
            name = row["g"]["value"]
            found[name] = self._get("graph=" + quote(name, safe=""))
        return found


def expected_dataset(state: State) -> Dataset:
    found: Dataset = {None: graph_of([t for iri in state.default for t in _triples(iri)])}
    for name, iri in state.named:
        graph = graph_of(_triples(iri))
        if len(graph):
            found[name] = graph
    return found


def difference(expected: Dataset, actual: Dataset) -> str | None:
    """Why two datasets differ (graph by graph, up to blank-node renaming), or None."""
    if set(expected) != set(actual):
        names = sorted(str(n) for n in set(expected) ^ set(actual))
        return f"graphs held differ: {', '.join(names)}"
    for name in sorted(expected, key=str):
        if not isomorphic(expected[name], actual[name]):
            return (
                f"{'the default graph' if name is None else f'<{name}>'} has "
                f"{len(actual[name])} triples, not isomorphic to the expected {len(expected[name])}"
            )
    return None


def run_case(engine: UpdateEngine, case: UpdateCase) -> str | None:
    """None when the engine passes the test, else why not."""
    engine.load(case.before)
    if case.kind == EVALUATION:
        try:
            engine.update(case.text, case.request)
        except (Refused, Failed) as error:
            return f"the update failed: {error}"
        return difference(expected_dataset(case.after), engine.dataset())
    try:
        engine.update(case.text, case.request)
    except Refused:
        return None if case.kind in NEGATIVE else "a valid update was refused as malformed"
    except Failed:
        pass
    if case.kind in POSITIVE:
        return None
    if case.kind in NEGATIVE:
        if (problem := difference(expected_dataset(State()), engine.dataset())) is not None:
            return f"a malformed update was accepted and changed the store: {problem}"
        return "a malformed update was accepted"
    raise ValueError(f"{case.label}: unsupported test type {case.kind}")


@dataclass
class UpdateScores:
    engine: str
    passed: set[str] = field(default_factory=set)
    failed: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        lines = [f"FAIL {label}: {reason}" for label, reason in sorted(self.failed.items())]
        total = len(self.passed) + len(self.failed)
        return "\n".join([*lines, f"{self.engine}: {len(self.passed)} of {total} passed"])


def evaluate_updates(
    engine: UpdateEngine, cases: Iterable[UpdateCase] | None = None
) -> UpdateScores:
    """Run every case (by default all 157) against ``engine``."""
    scores = UpdateScores(engine.name)
    for case in update_cases() if cases is None else cases:
        try:
            reason = run_case(engine, case)
        except Exception as error:  # any error is that test's failure, with its reason
            reason = f"error: {type(error).__name__}: {str(error)[:300]}"
        if reason is None:
            scores.passed.add(case.label)
        else:
            scores.failed[case.label] = reason
    return scores
