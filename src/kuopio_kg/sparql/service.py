"""The query service: a SPARQL request in, an answer out, with no Flask in between.

:meth:`Endpoint.query` lexes the text once, applies the policy, checks the dataset, tags
the answer (release, updates so far, and everything that shapes it), and answers from the
result cache or from a killable worker, gzipped when asked; :meth:`Endpoint.update`
checks the token and the policy, fetches what it LOADs, then writes;
:meth:`Endpoint.description` is the service description. The web wing reads the HTTP
request into these calls and writes their answers back; a worker's failure comes back as
the project error it names.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import sys
import time
from collections.abc import Callable, Container, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from kuopio_kg.current import state_tag
from kuopio_kg.errors import (
    AuthenticationRequired,
    InternalError,
    NotAcceptable,
    QueryError,
    QueryTimeout,
    ReleaseError,
    StoreUnavailable,
    UpdateForbidden,
    from_name,
)
from kuopio_kg.formats import BY_NAME
from kuopio_kg.release import Release
from kuopio_kg.settings import Settings
from kuopio_kg.sparql.cache import ResultCache, cacheable
from kuopio_kg.sparql.description import describe
from kuopio_kg.sparql.fetch import insert_data
from kuopio_kg.sparql.formats import gzip_stream
from kuopio_kg.sparql.jobs import End, Failure, Head, Job, Message, Operation, WorkerOptions
from kuopio_kg.sparql.lexer import lex
from kuopio_kg.sparql.policy import Policy
from kuopio_kg.sparql.pool import WorkerPool
from kuopio_kg.sparql.update import check_syntax, rewrite
from kuopio_kg.updates.config import writer_config
from kuopio_kg.updates.position import position

#: The row limit of a whole-graph read: none, in effect (the deadline bounds it instead).
WHOLE = sys.maxsize - 1

#: Counts every graph of the dataset; the unbound ?g row is the default graph.
_SIZES_QUERY = (
    "SELECT ?g (COUNT(*) AS ?n) WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o } } GROUP BY ?g"
)


@dataclass(frozen=True)
class Dataset:
    """The protocol's dataset: ``default-graph-uri``/``named-graph-uri`` of a query, or
    ``using-graph-uri``/``using-named-graph-uri`` of an update."""

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


@dataclass(frozen=True)
class QueryRequest:
    text: str
    #: The endpoint's own URL: the base IRI of the query.
    base_iri: str
    dataset: Dataset
    #: The negotiated format names for SELECT/ASK and for graphs (None: none acceptable).
    result_format: str | None
    graph_format: str | None
    gzip: bool = False
    #: The entity tags the client holds already (its ``If-None-Match``).
    known: Container[str] = ()
    #: A Graph Store read: the whole graph, not cut at ``max_rows`` (the deadline still
    #: holds), and the default graph is the stored one even when queries see the union.
    whole_graph: bool = False


@dataclass(frozen=True)
class Answer:
    #: The state and the query, for revalidation; None over a remote store (see Endpoint).
    etag: str | None
    #: What the body is; None when the client holds this answer already (a 304).
    head: Head | None
    body: Iterator[bytes]
    gzipped: bool


class Observer(Protocol):
    """What the service reports as it runs (the web wing's metrics listen)."""

    def timed_out(self) -> None: ...

    def worker_killed(self) -> None: ...


class Runner(Protocol):
    """What answers a job with messages: the worker pool (embedded store) or the remote
    store (:class:`~kuopio_kg.sparql.remote.RemoteRunner`)."""

    def start(self, preload: Path | None = None) -> None: ...

    def run(self, job: Job, deadline: float, limit: str) -> Generator[Message, None, None]: ...

    def close(self) -> None: ...


class Endpoint:
    """The query service of one server process, over the release ``current()`` names."""

    def __init__(
        self, settings: Settings, current: Callable[[], Release], observer: Observer
    ) -> None:
        self.settings = settings
        self.policy = Policy(
            timeout=settings.query_timeout,
            service_timeout=settings.service_timeout,
            max_rows=settings.max_rows,
            service_allow=settings.service_allow,
        )
        # A remote store may change behind this server's back (another server's update, a
        # write at the store), so over one nothing is kept and no answer is tagged.
        self._knows_state = not settings.store
        self.cache = (
            ResultCache(settings.result_cache * 2**20)
            if settings.result_cache and self._knows_state
            else None
        )
        self.pool: Runner
        if settings.store:  # imported here: a query worker never loads the HTTP client
            from kuopio_kg.sparql.remote import RemoteRunner
            from kuopio_kg.store.remote import served_store

            self.pool = RemoteRunner(served_store(settings))
        else:
            options = WorkerOptions(
                settings.memory_store, settings.memory_store_triples, settings.worker_memory
            )
            self.pool = WorkerPool(settings.query_workers, observer.worker_killed, options)
        self._current = current
        self._observer = observer
        self._writing = writer_config(settings)
        self._sizes: tuple[tuple[str, int], dict[str, int]] | None = None

    def start(self) -> None:
        """Bring the store up to the update journal (a crash may have left an acknowledged
        entry unapplied), then start this process's workers, each opening the current
        release before it is asked anything (with no release yet, queries get a 503 that
        says so)."""
        try:
            preload = self._current().store_path
        except (ReleaseError, StoreUnavailable):
            preload = None
        if preload is not None and not self.settings.store:
            from kuopio_kg.updates.writer import Writer  # rdflib: not for the query workers

            Writer(self._writing).catch_up(preload)
        self.pool.start(preload)

    def close(self) -> None:
        self.pool.close()

    def query(self, request: QueryRequest) -> Answer:
        """The answer to one query, or the tag alone when the client holds it already."""
        query = lex(request.text)
        calls_service = self.policy.check(query, request.base_iri).calls_service
        if request.result_format is None and request.graph_format is None:
            raise NotAcceptable(
                "No result format matches the Accept header; ask for "
                "application/sparql-results+json, text/csv, text/turtle, application/ld+json "
                "or another listed format."
            )
        _check_iris(request.base_iri, *request.dataset.default_graphs,
                    *request.dataset.named_graphs)  # fmt: skip
        release, store_generation = self._release()
        job = Job(
            Operation.QUERY,
            request.text,
            request.base_iri,
            release.store_path,
            self.settings.union_default_graph and not request.whole_graph,
            request.dataset.default_graphs if request.dataset else None,
            request.dataset.named_graphs if request.dataset else None,
            request.result_format,
            request.graph_format,
            WHOLE if request.whole_graph else self.settings.max_rows,
        )
        etag = _etag(release.id, store_generation, job) if self._knows_state else None
        if etag is not None and etag in request.known:
            return Answer(etag, None, iter(()), False)
        key = f"{etag}-gzip" if request.gzip else str(etag)
        cache = self.cache if self.cache and cacheable(query, calls_service) else None
        if cache is not None and (kept := cache.get(key)) is not None:
            return Answer(etag, kept[0], iter(kept[1]), request.gzip)
        head, chunks = self._run(job, calls_service)
        body = gzip_stream(chunks) if request.gzip else chunks
        if cache is not None:
            body = cache.keep(key, head, body)
        return Answer(etag, head, body, request.gzip)

    def update(self, text: str, base_iri: str, dataset: Dataset, token: str | None) -> None:
        """Apply one update sent with bearer ``token`` (None: the request named none)."""
        self.authorize(token)
        update = lex(text)
        reach = self.policy.check(update, base_iri)
        _check_iris(base_iri, *dataset.default_graphs, *dataset.named_graphs)
        check_syntax(update, base_iri, reach.loads)
        reach.refuse()
        loaded = insert_data(reach.loads, self.policy.service_timeout)
        rewritten = rewrite(update, dataset.default_graphs, dataset.named_graphs, loaded)
        release, _ = self._release()
        job = Job(Operation.UPDATE, rewritten, base_iri, release.store_path,
                  writing=self._writing)  # fmt: skip
        _, chunks = self._run(job, calls_service=False)
        for _chunk in chunks:
            pass

    def description(self, endpoint_url: str, format_name: str) -> bytes:
        """The service description of this endpoint at ``endpoint_url``, in a graph format."""
        release, store_generation = self._release()
        triples = describe(endpoint_url, self.settings, self.policy,
                           self._graph_sizes(release, store_generation))  # fmt: skip
        return ox.serialize(triples, format=BY_NAME[format_name].rdf_format) or b""

    def authorize(self, token: str | None) -> None:
        """Refuse unless ``token`` is the update token (the Graph Store asks before it reads
        what a write needs, so a client without the token learns nothing first)."""
        expected = self.settings.update_token
        if not expected:
            raise UpdateForbidden(
                "Updates are disabled on this endpoint (KUOPIO_KG_UPDATE_TOKEN is not set)."
            )
        if not token:
            raise AuthenticationRequired("Updates need the header 'Authorization: Bearer <token>'.")
        if not hmac.compare_digest(token.encode(), expected.encode()):
            raise UpdateForbidden("The bearer token is not this endpoint's update token.")

    def _release(self) -> tuple[Release, int]:
        """The current release and its store's journal position."""
        release = self._current()
        return release, position(release.store_path)

    def _run(self, job: Job, calls_service: bool) -> tuple[Head, Iterator[bytes]]:
        """Start ``job`` in a worker; its head, and an iterator over the body's chunks."""
        seconds = self.policy.timeout
        if calls_service:
            seconds = min(seconds, self.policy.service_timeout)
        limit_name = "KUOPIO_KG_SERVICE_TIMEOUT" if calls_service else "KUOPIO_KG_QUERY_TIMEOUT"
        messages = self.pool.run(
            job, time.monotonic() + seconds, f"the {seconds:g} s limit ({limit_name})"
        )
        try:
            first = next(messages)
        except QueryTimeout:
            self._observer.timed_out()
            raise
        if isinstance(first, Failure):
            messages.close()
            raise from_name(first.error, first.message)
        if not isinstance(first, Head):
            raise InternalError(f"a query worker answered {type(first).__name__} first")
        return first, _chunks(messages)

    def _graph_sizes(self, release: Release, store_generation: int) -> dict[str, int]:
        """Triple count of every graph ("" = the default graph), kept per generation."""
        key = (release.id, store_generation)
        if self._sizes is None or self._sizes[0] != key:
            job = Job(Operation.QUERY, _SIZES_QUERY, "", release.store_path,
                      self.settings.union_default_graph, max_rows=1_000_000)  # fmt: skip
            _, chunks = self._run(job, calls_service=False)
            bindings = json.loads(b"".join(chunks))["results"]["bindings"]
            sizes = {row.get("g", {}).get("value", ""): int(row["n"]["value"]) for row in bindings}
            self._sizes = (key, sizes)
        return self._sizes[1]


def _chunks(messages: Generator[Message, None, None]) -> Iterator[bytes]:
    """The body chunks; closing this closes the worker's stream (and replaces the worker)."""
    try:
        for message in messages:
            if isinstance(message, bytes):
                yield message
            elif isinstance(message, End):
                return
    finally:
        messages.close()


def _check_iris(*iris: str) -> None:
    """Refuse a base or graph IRI Oxigraph would not take, before a worker is asked."""
    for iri in iris:
        try:
            ox.NamedNode(iri)
        except ValueError as exc:
            raise QueryError(f"<{iri}> is not a valid IRI ({exc}).") from None


def _etag(release_id: str, store_generation: int, job: Job) -> str:
    """The state (release and journal position, readable) and a digest of everything that
    shapes the answer."""
    key = repr((release_id, store_generation, job.text, job.base_iri, job.union_default_graph,
                job.default_graphs, job.named_graphs, job.result_format, job.graph_format,
                job.max_rows))  # fmt: skip
    return (
        f"{state_tag(release_id, store_generation)}-{hashlib.sha256(key.encode()).hexdigest()[:24]}"
    )
