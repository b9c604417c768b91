"""A pool of killable query worker processes, one pool per server process.

A request borrows an idle worker, sends it a job and reads its answer until the deadline.
At the deadline the worker is killed (SIGKILL: Oxigraph cannot be interrupted from
inside) and a fresh one takes its place, so a runaway query costs one worker for at most
the deadline and never blocks the other workers. A worker whose answer was not read to
the end (the client went away) is replaced the same way, so no worker is ever reused in
an unknown state. A worker that dies while answering (killed from outside, or stopped at
its memory limit) ends that one request with a 503 that says which, and is replaced.

Long jobs do not starve short ones: a job still running after LONG_AFTER takes one of
LONG_SLOTS x ``size`` long-query slots, its worker is reniced and a stand-in worker joins
the idle ones (the long worker is stopped when its job ends); a job that turns long while
every slot is taken is stopped with a 503. So a client that keeps sending runaway queries
gets at most that many running per server process, at low priority, and the short queries
of everyone else keep ``size`` workers.
Workers are started by a fork server that has already imported the worker module, so a
replacement is ready in milliseconds.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import threading
import time
from collections.abc import Callable, Generator
from contextlib import suppress
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from kuopio_kg.errors import QueryTimeout, WorkerLost
from kuopio_kg.sparql import worker
from kuopio_kg.sparql.jobs import End, Failure, Job, Message, Operation, WorkerOptions

_WORKER_MODULE = "kuopio_kg.sparql.worker"
#: Seconds after which a job counts as long: it takes a long-query slot, and a stand-in
#: worker is started so short queries always find an idle one.
LONG_AFTER = 1.0
#: Long-query slots per query worker of the pool (so the pool grows to at most 3 x size).
LONG_SLOTS = 2
#: The niceness of a worker on a long job, so that it yields the CPU to short ones.
_LONG_NICE = 10


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection


class WorkerPool:
    """``size`` worker processes, started on first use in the process that uses them."""

    def __init__(
        self,
        size: int,
        on_kill: Callable[[], None] | None = None,
        options: WorkerOptions | None = None,
    ) -> None:
        self.size = max(1, size)
        self._on_kill = on_kill
        self._options = options or WorkerOptions()
        #: Jobs of this process past LONG_AFTER (see _turn_long), at most LONG_SLOTS x size.
        self.long_slots = LONG_SLOTS * self.size
        self._long = threading.BoundedSemaphore(self.long_slots)
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
                self._idle.put(_spawn(self._options, self._preload))
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
        while not borrowed.process.is_alive():  # killed while idle: no request was on it
            self._replace(borrowed)
            borrowed = self._idle.get()
        finished = long = False
        # an update is never stopped before its deadline
        turns_long = time.monotonic() + LONG_AFTER if job.operation is Operation.QUERY else deadline
        try:
            try:
                borrowed.conn.send(job)
            except OSError:  # it died before this job (at start, or while idle)
                raise self._lost(borrowed) from None
            while True:
                now = time.monotonic()
                remaining = deadline - now
                wait = remaining if long else min(remaining, turns_long - now)
                if remaining <= 0 or not borrowed.conn.poll(max(0.0, wait)):
                    if remaining <= 0 or wait >= remaining:
                        raise QueryTimeout(
                            f"The {job.operation.value} ran past {limit} and was stopped; "
                            "make it more selective (LIMIT, fewer unbound patterns) or use a "
                            "dump."
                        )
                    long = self._turn_long(borrowed, job)
                    continue
                try:
                    message = borrowed.conn.recv()
                except (EOFError, OSError):
                    raise self._lost(borrowed) from None
                finished = isinstance(message, End | Failure)
                turns_long = deadline  # evaluated: streaming the answer is never cut short
                yield message
                if finished:
                    return
        finally:
            if long:  # its stand-in runs already; a reniced worker is never reused
                self._long.release()
                self._discard(borrowed, killed=not finished)
            elif finished:
                self._idle.put(borrowed)
            else:
                self._replace(borrowed)

    def _turn_long(self, busy: _Worker, job: Job) -> bool:
        """``busy`` has run its job for LONG_AFTER: it takes a long-query slot, yields the CPU
        to short queries (nice 10), and a stand-in worker takes its place among the idle
        ones; with every slot taken, the job is stopped."""
        if not self._long.acquire(blocking=False):
            raise QueryTimeout(
                f"The {job.operation.value} ran past {LONG_AFTER:g} s while {self.long_slots} "
                "other long queries were running in this server process, and was stopped to keep "
                "workers for short ones; try again shortly, or make it more selective."
            )
        with suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, busy.process.pid or 0, _LONG_NICE)
        if self._owner == os.getpid():
            self._idle.put(_spawn(self._options, self._preload))
        return True

    def _discard(self, done: _Worker, killed: bool) -> None:
        """Stop ``done`` without a replacement (its stand-in was started already)."""
        done.process.kill()
        done.process.join(timeout=5)
        done.conn.close()
        if killed and self._on_kill is not None:
            self._on_kill()

    def _lost(self, dead: _Worker) -> WorkerLost:
        """Why ``dead`` stopped, as the error its request ends with."""
        dead.process.join(timeout=5)
        code = dead.process.exitcode
        limit = self._options.memory_limit
        if limit and code in (-signal.SIGABRT, worker.OUT_OF_MEMORY):
            return WorkerLost(
                f"The query needed more memory than a query worker may use (the {limit} MiB "
                "limit, KUOPIO_KG_WORKER_MEMORY) and was stopped; the worker was replaced. "
                "Make the query more selective (LIMIT, fewer unbound patterns, no ORDER BY "
                "over everything)."
            )
        if code == -signal.SIGKILL:
            return WorkerLost(
                "The query worker was killed while answering (by an operator or the "
                "kernel's out-of-memory killer); it was replaced, so try again."
            )
        if code in (-signal.SIGABRT, worker.OUT_OF_MEMORY):
            return WorkerLost(
                "The query worker ran out of memory while answering and was replaced; make "
                "the query more selective (LIMIT, fewer unbound patterns)."
            )
        return WorkerLost(
            f"The query worker stopped unexpectedly (exit status {code}); it was replaced, "
            "so try again."
        )

    def _replace(self, dead: _Worker) -> None:
        dead.process.kill()
        dead.process.join(timeout=5)
        dead.conn.close()
        if self._on_kill is not None:
            self._on_kill()
        if self._owner == os.getpid():
            self._idle.put(_spawn(self._options, self._preload))

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


def _spawn(options: WorkerOptions, preload: Path | None) -> _Worker:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([_WORKER_MODULE])
    parent, child = context.Pipe()
    process = context.Process(
        target=worker.main, args=(child, options, preload), daemon=True, name="sparql-worker"
    )
    process.start()
    child.close()
    return _Worker(process, parent)
