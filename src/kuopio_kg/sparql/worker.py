"""The query worker: a child process that evaluates one job at a time and can be killed.

It imports only Oxigraph and the serializers, never Flask, so it starts fast. Rows are
pulled up to the row limit plus one (to know whether the result was cut) under the
store's shared lock, then serialized and sent as chunks over the pipe.

A memory limit (``worker_memory``) caps the worker's data segment (``RLIMIT_DATA``: the
heap and private writable mappings, where Oxigraph, RocksDB and Python allocate). Address
space (``RLIMIT_AS``) would be the wrong measure: opening the store reserves some 400 MB
of it (thread arenas, libraries) before a query allocates anything. Past the limit,
Oxigraph's allocator aborts the process and Python's raises MemoryError, upon which the
worker exits with :data:`OUT_OF_MEMORY`; either way the pool sees the worker gone and
replaces it.
"""

from __future__ import annotations

import os
import resource
import signal
from collections.abc import Iterator
from contextlib import AbstractContextManager, suppress
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from kuopio_kg.errors import InternalError, KuopioKgError, NotAcceptable, UpstreamError
from kuopio_kg.sparql.formats import boolean_bytes, graph_bytes, select_chunks
from kuopio_kg.sparql.handle import StoreHandle
from kuopio_kg.sparql.jobs import (
    Answered,
    End,
    Failure,
    Head,
    Job,
    Message,
    Operation,
    WorkerOptions,
)
from kuopio_kg.updates.config import Config


class Readable(Protocol):
    """A store as the worker reads it."""

    def query(
        self,
        text: str,
        *,
        base_iri: str | None = None,
        union_default_graph: bool = True,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples: ...


class Handle(Protocol):
    """Where a job is answered: a worker's :class:`StoreHandle`, or the remote store."""

    def reading(self, store_path: Path) -> AbstractContextManager[Readable]: ...

    def write(self, config: Config, store_path: Path, text: str, base_iri: str) -> object: ...


#: The exit status of a worker that ran out of memory in Python code (ENOMEM).
OUT_OF_MEMORY = 12


def main(conn: Connection, options: WorkerOptions, preload: Path | None = None) -> None:
    """Serve jobs from ``conn`` until the parent closes it (``options``: see WorkerOptions).

    The store at ``preload`` is opened first, so that a worker that replaces a killed one
    has its copy in memory before a job waits for it; a store that cannot be opened is
    reported by the first job that reads it.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when workers stop
    if options.memory_limit:
        limit = options.memory_limit * 2**20
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core file of an abort
    handle = StoreHandle(options.in_memory, options.copy_max_triples)
    try:
        if preload is not None:
            with suppress(KuopioKgError, OSError), handle.reading(preload):
                pass
        while True:
            try:
                job: Job = conn.recv()
            except (EOFError, OSError):
                return
            for message in answer(job, handle):
                conn.send(message)
    except MemoryError:
        os._exit(OUT_OF_MEMORY)  # the pool replaces the worker and names the limit


def answer(job: Job, handle: Handle) -> Iterator[Message]:
    """The messages that answer ``job``; errors become one :class:`Failure`."""
    try:
        if job.operation is Operation.UPDATE:
            if job.writing is None:
                raise InternalError("an update job came without its journal")
            handle.write(job.writing, job.store_path, job.text, job.base_iri)
            yield Head(Answered.UPDATE, None, False)
            yield End()
        else:
            yield from _query(job, handle)
    except KuopioKgError as exc:
        yield Failure(type(exc).__name__, exc.message)
    except OSError as exc:
        yield Failure(UpstreamError.__name__, f"The query could not be evaluated: {exc}.")
    except SyntaxError as exc:  # only an answer read as it comes: a remote store's
        yield Failure(UpstreamError.__name__, f"The store's answer could not be read: {exc}.")
    except MemoryError:
        raise  # the worker's state is unknown: it exits (see main)
    except Exception as exc:  # reported as an internal error, and the worker lives on
        yield Failure(type(exc).__name__, repr(exc))


def _query(job: Job, handle: Handle) -> Iterator[Message]:
    with handle.reading(job.store_path) as store:
        result = store.query(
            job.text,
            base_iri=job.base_iri or None,
            union_default_graph=job.union_default_graph,
            default_graphs=None if job.default_graphs is None else list(job.default_graphs),
            named_graphs=None if job.named_graphs is None else list(job.named_graphs),
        )
        if isinstance(result, ox.QueryBoolean):
            name = _acceptable(job.result_format, "an ASK")
            yield Head(Answered.ASK, name, False)
            yield boolean_bytes(name, result)
            yield End()
            return
        if isinstance(result, ox.QueryTriples):
            name = _acceptable(job.graph_format, "a CONSTRUCT or DESCRIBE")
            triples = list(islice(result, job.max_rows + 1))
        else:
            name = _acceptable(job.result_format, "a SELECT")
            names = [v.value for v in result.variables]
            rows = [tuple(solution) for solution in islice(result, job.max_rows + 1)]
    if isinstance(result, ox.QueryTriples):
        truncated = len(triples) > job.max_rows
        yield Head(Answered.GRAPH, name, truncated)
        yield graph_bytes(name, triples[: job.max_rows], truncated, job.max_rows)
    else:
        truncated = len(rows) > job.max_rows
        yield Head(Answered.SELECT, name, truncated)
        yield from select_chunks(name, names, rows[: job.max_rows], truncated)
    yield End()


def _acceptable(name: str | None, form: str) -> str:
    if name is None:
        raise NotAcceptable(
            f"The result of {form} query cannot be written in any type the Accept header "
            "(or the format parameter) asks for; see the service description for the formats."
        )
    return name
