"""The endpoint's per-app objects (worker pool, policy, cache, metrics); how a job is run.

Installed on ``app.extensions`` by :func:`install_endpoint`; nothing here is global. The
pool's processes start on first use in each server process (gunicorn forks after the app
is built), or earlier from the gunicorn ``post_worker_init`` hook.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, current_app

from kuopio_kg.errors import KuopioKgError, NotAcceptable, QueryError, QueryTimeout, UpstreamError
from kuopio_kg.release import Release, Releases
from kuopio_kg.settings import Settings
from kuopio_kg.sparql.cache import ResultCache, cacheable
from kuopio_kg.sparql.handle import generation
from kuopio_kg.sparql.jobs import End, Failure, Head, Job, Message
from kuopio_kg.sparql.policy import Policy
from kuopio_kg.sparql.pool import WorkerPool
from kuopio_kg.web.sparql_metrics import Metrics

EXTENSION = "kuopio_kg.endpoint"

#: How a body is written on the wire (``iter``: as it is; or gzipped).
Encoding = Callable[[Iterable[bytes]], Iterator[bytes]]

#: The errors a worker may report, by class name.
WORKER_ERRORS: dict[str, type[KuopioKgError]] = {
    cls.__name__: cls for cls in (QueryError, NotAcceptable, UpstreamError)
}

#: Counts every graph of the dataset; the unbound ?g row is the default graph.
_SIZES_QUERY = (
    "SELECT ?g (COUNT(*) AS ?n) WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o } } GROUP BY ?g"
)


@dataclass
class Endpoint:
    settings: Settings
    policy: Policy
    pool: WorkerPool
    metrics: Metrics
    cache: ResultCache | None = None
    _release: Release | None = None
    _sizes: tuple[tuple[str, int], dict[str, int]] | None = field(default=None, repr=False)

    def release(self) -> tuple[Release, int]:
        """The current release (followed on every call: one readlink) and its generation."""
        releases = Releases(self.settings.data_dir)
        if self._release is None or self._release.id != releases.current_id():
            self._release = releases.current()
        return self._release, generation(self._release.store_path)

    def answer(
        self, job: Job, calls_service: bool, key: str, encode: Encoding = iter
    ) -> tuple[Head, Iterator[bytes]]:
        """The head and the body's chunks, written by ``encode`` (gzip, say), from the cache
        when the answer under ``key`` is kept; else from :meth:`run`, kept when it can be."""
        cache = self.cache if self.cache and cacheable(job.text, calls_service) else None
        if cache is not None and (kept := cache.get(key)) is not None:
            return kept[0], iter(kept[1])
        head, chunks = self.run(job, calls_service)
        body = encode(chunks)
        return head, body if cache is None else cache.keep(key, head, body)

    def run(self, job: Job, calls_service: bool) -> tuple[Head, Iterator[bytes]]:
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
            self.metrics.timed_out()
            raise
        if isinstance(first, Failure):
            messages.close()
            known = WORKER_ERRORS.get(first.error)
            if known is None:
                raise RuntimeError(f"query worker failed: {first.error}: {first.message}")
            raise known(first.message)
        assert isinstance(first, Head)
        return first, _chunks(messages)

    def sizes(self, store_path: Path, release_id: str, store_generation: int) -> dict[str, int]:
        """Triple count of every graph ("" = the default graph), cached per generation."""
        key = (release_id, store_generation)
        if self._sizes is None or self._sizes[0] != key:
            job = Job("query", _SIZES_QUERY, "", store_path, self.settings.union_default_graph,
                      max_rows=1_000_000)  # fmt: skip
            _, chunks = self.run(job, calls_service=False)
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


def install_endpoint(app: Flask, settings: Settings) -> Endpoint:
    """Build the endpoint's objects for ``app`` (no process is started yet)."""
    cache = ResultCache(settings.result_cache * 2**20) if settings.result_cache else None
    metrics = Metrics(cache)
    policy = Policy(
        timeout=settings.query_timeout,
        service_timeout=settings.service_timeout,
        max_rows=settings.max_rows,
        service_allow=settings.service_allow,
    )
    endpoint = Endpoint(
        settings,
        policy,
        WorkerPool(settings.query_workers, metrics.worker_killed, settings.memory_store),
        metrics,
        cache,
    )
    app.extensions[EXTENSION] = endpoint
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body
    return endpoint


def current_endpoint() -> Endpoint:
    endpoint: Endpoint = current_app.extensions[EXTENSION]
    return endpoint
