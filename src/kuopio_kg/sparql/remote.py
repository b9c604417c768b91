"""The second kind of job runner: jobs answered by a remote store, in the calling thread.

:class:`~kuopio_kg.sparql.pool.WorkerPool` runs a job in a killable worker process over the
embedded store; :class:`RemoteRunner` sends it to the remote SPARQL store instead. Both
yield the same messages (``Head``, chunks, ``End`` or one ``Failure``) and both are made by
:func:`kuopio_kg.sparql.worker.answer`, so the endpoint's writers, row limit and formats
are the same. The deadline travels with the request: it is the store's own timeout
(Virtuoso's ``timeout`` parameter) and the read timeout of the connection, which is
closed at the deadline, so nothing is left running on our side (and Virtuoso stops too).

**Runaways.** A query at the store cannot be reniced as a query worker can, and a store
spends much of the machine on one (Virtuoso evaluates a query on every core; Oxigraph
server goes on after the client has gone, up to its own ``--timeout-s`` and at times past
it), so the defence is not to send one again. A query that ran to its deadline is
remembered (by its text and dataset) for REFUSE_FOR seconds, and sent again in that time it
is refused at once with a 503 whose ``Retry-After`` says when it may run again, without
reaching the store or holding a request thread. Each server process learns on its own: a
client that keeps sending a runaway costs the store the runs it sent before the first one
reached its deadline, in each process, then nothing until REFUSE_FOR has passed. (Copies
sent while the first is still running are not refused: under load a popular query may be
slow and sent by many clients at once, and refusing it then would fail clients for
nothing.)
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from kuopio_kg.errors import QueryTimeout, RunawayRefused
from kuopio_kg.sparql import worker
from kuopio_kg.sparql.jobs import Failure, Job, Message
from kuopio_kg.store.http import HttpStore
from kuopio_kg.updates.config import Config

#: Seconds a query that ran to its deadline is refused for.
REFUSE_FOR = 300.0
#: Runaways remembered at most (the oldest is forgotten first).
_REMEMBERED = 1024


class _Until:
    """The store with every query bound to one deadline."""

    def __init__(self, store: HttpStore, deadline: float) -> None:
        self._store = store
        self._deadline = deadline

    def query(
        self,
        text: str,
        *,
        base_iri: str | None = None,
        union_default_graph: bool = True,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        return self._store.query(
            text,
            base_iri=base_iri,
            union_default_graph=union_default_graph,
            default_graphs=default_graphs,
            named_graphs=named_graphs,
            deadline=self._deadline,
        )


class _Handle:
    """What :func:`worker.answer` reads and writes through, for the remote store."""

    def __init__(self, store: HttpStore, deadline: float) -> None:
        self._store = store
        self._deadline = deadline

    @contextmanager
    def reading(self, store_path: Path) -> Iterator[_Until]:
        yield _Until(self._store, self._deadline)

    def write(self, config: Config, store_path: Path, text: str, base_iri: str) -> None:
        """Send the update to the store as it is: with a remote store, updates do not go
        through the journal yet (README, "Remote stores")."""
        self._store.update(text, base_iri=base_iri or None)


class _Runaways:
    """The queries that ran to their deadline in the last REFUSE_FOR seconds."""

    def __init__(self) -> None:
        self._ended: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    @contextmanager
    def watch(self, key: str, job: Job, limit: str) -> Iterator[None]:
        """Run the job in this block, or raise RunawayRefused if it is a known runaway."""
        now = time.monotonic()
        with self._lock:
            ended = self._ended.get(key)
            if ended is not None and now - ended >= REFUSE_FOR:
                del self._ended[key]
                ended = None
        if ended is not None:
            wait = REFUSE_FOR - (now - ended)
            raise RunawayRefused(
                f"The same {job.operation.value} ran past {limit} at the store "
                f"{now - ended:.0f} s ago, so it is not sent again for another {wait:.0f} s; "
                "make it more selective (LIMIT, fewer unbound patterns).",
                retry_after=wait,
            )
        try:
            yield
        except QueryTimeout:
            with self._lock:
                self._ended[key] = time.monotonic()
                self._ended.move_to_end(key)
                while len(self._ended) > _REMEMBERED:
                    self._ended.popitem(last=False)
            raise


def _key(job: Job) -> str:
    """The same query on the same dataset: its text with runs of white space as one."""
    seen = (" ".join(job.text.split()), job.base_iri, job.union_default_graph,
            job.default_graphs, job.named_graphs)  # fmt: skip
    return hashlib.sha256(repr(seen).encode()).hexdigest()


class RemoteRunner:
    """Runs jobs on ``store``; the pool's interface (start, run, close), without processes."""

    def __init__(self, store: HttpStore) -> None:
        self.store = store
        self.runaways = _Runaways()

    def start(self, preload: Path | None = None) -> None:
        """Nothing to start: each request opens (or reuses) a connection to the store."""

    def close(self) -> None:
        """Nothing to stop."""

    def run(self, job: Job, deadline: float, limit: str) -> Generator[Message, None, None]:
        """The messages answering ``job``; raises QueryTimeout at ``deadline``, and
        RunawayRefused at once for a known runaway."""
        with self.runaways.watch(_key(job), job, limit):
            yield from self._answer(job, deadline, limit)

    def _answer(self, job: Job, deadline: float, limit: str) -> Generator[Message, None, None]:
        for message in worker.answer(job, _Handle(self.store, deadline)):
            if isinstance(message, Failure) and message.error == QueryTimeout.__name__:
                raise QueryTimeout(
                    f"The {job.operation.value} ran past {limit} and was stopped at the store "
                    f"{self.store.name}; make it more selective (LIMIT, fewer unbound patterns)."
                )
            yield message
