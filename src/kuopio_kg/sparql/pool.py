"""A pool of killable query worker processes, one pool per server process.

A request borrows an idle worker, sends it a job and reads its answer until the deadline.
At the deadline the worker is killed (SIGKILL: Oxigraph cannot be interrupted from
inside) and a fresh one takes its place, so a runaway query costs one worker for at most
the deadline and never blocks the other workers. A worker whose answer was not read to
the end (the client went away) is replaced the same way, so no worker is ever reused in
an unknown state. Workers are started by a fork server that has already imported the
worker module, so a replacement is ready in milliseconds.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from kuopio_kg.errors import QueryTimeout, UpstreamError
from kuopio_kg.sparql import worker
from kuopio_kg.sparql.jobs import End, Failure, Job, Message

_WORKER_MODULE = "kuopio_kg.sparql.worker"


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection


class WorkerPool:
    """``size`` worker processes, started on first use in the process that uses them."""

    def __init__(
        self, size: int, on_kill: Callable[[], None] | None = None, in_memory: bool = False
    ) -> None:
        self.size = max(1, size)
        self._on_kill = on_kill
        self._in_memory = in_memory
        #: The store the last job read: a new worker opens it at once (see worker.main).
        self._preload: Path | None = None
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._owner: int | None = None
        self._lock = threading.Lock()

    def start(self, preload: Path | None = None) -> None:
        """Start the workers in this process (again after a fork: pipes are per process);
        each opens the store at ``preload`` before its first job."""
        with self._lock:
            if self._owner == os.getpid():
                return
            self._preload = preload or self._preload
            self._idle = queue.LifoQueue()
            for _ in range(self.size):
                self._idle.put(_spawn(self._in_memory, self._preload))
            self._owner = os.getpid()

    def run(self, job: Job, deadline: float, limit: str) -> Generator[Message, None, None]:
        """The worker's messages for ``job``; raises QueryTimeout at ``deadline``.

        ``limit`` names the limit in the timeout message (for example "the 30 s limit").
        """
        self.start()
        self._preload = job.store_path
        try:
            borrowed = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise QueryTimeout(
                f"Every query worker stayed busy until the deadline ({limit}); try again shortly."
            ) from None
        finished = False
        try:
            borrowed.conn.send(job)
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not borrowed.conn.poll(remaining):
                    raise QueryTimeout(
                        f"The {job.operation.value} ran past {limit} and was stopped; "
                        "make it more selective (LIMIT, fewer unbound patterns) or use a dump."
                    )
                try:
                    message = borrowed.conn.recv()
                except (EOFError, OSError):
                    raise UpstreamError(
                        "The query worker stopped unexpectedly (out of memory?); it was replaced."
                    ) from None
                finished = isinstance(message, End | Failure)
                yield message
                if finished:
                    return
        finally:
            if finished:
                self._idle.put(borrowed)
            else:
                self._replace(borrowed)

    def _replace(self, dead: _Worker) -> None:
        dead.process.kill()
        dead.process.join(timeout=5)
        dead.conn.close()
        if self._on_kill is not None:
            self._on_kill()
        if self._owner == os.getpid():
            self._idle.put(_spawn(self._in_memory, self._preload))

    def close(self) -> None:
        """Stop every idle worker (busy ones stop when their parent exits: they are daemons)."""
        while True:
            try:
                idle = self._idle.get_nowait()
            except queue.Empty:
                break
            idle.conn.close()
            idle.process.join(timeout=2)
            if idle.process.is_alive():
                idle.process.kill()
        self._owner = None


def _spawn(in_memory: bool, preload: Path | None) -> _Worker:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([_WORKER_MODULE])
    parent, child = context.Pipe()
    process = context.Process(
        target=worker.main, args=(child, in_memory, preload), daemon=True, name="sparql-worker"
    )
    process.start()
    child.close()
    return _Worker(process, parent)
