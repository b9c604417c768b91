"""The second kind of job runner: jobs answered by a remote store, in the calling thread.

:class:`~kuopio_kg.sparql.pool.WorkerPool` runs a job in a killable worker process over the
embedded store; :class:`RemoteRunner` sends it to the remote SPARQL store instead. Both
yield the same messages (``Head``, chunks, ``End`` or one ``Failure``) and both are made by
:func:`kuopio_kg.sparql.worker.answer`, so the endpoint's writers, row limit and formats
are the same. The deadline travels with the request: it is the store's own timeout
(Virtuoso's ``timeout`` parameter) and the read timeout of the connection, which is
closed at the deadline, so nothing is left running on our side and the store stops too.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from kuopio_kg.errors import QueryTimeout
from kuopio_kg.sparql import worker
from kuopio_kg.sparql.jobs import Failure, Job, Message
from kuopio_kg.store.http import HttpStore
from kuopio_kg.updates.config import Config


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


class RemoteRunner:
    """Runs jobs on ``store``; the pool's interface (start, run, close), without processes."""

    def __init__(self, store: HttpStore) -> None:
        self.store = store

    def start(self, preload: Path | None = None) -> None:
        """Nothing to start: each request opens (or reuses) a connection to the store."""

    def close(self) -> None:
        """Nothing to stop."""

    def run(self, job: Job, deadline: float, limit: str) -> Generator[Message, None, None]:
        """The messages answering ``job``; raises QueryTimeout at ``deadline``."""
        for message in worker.answer(job, _Handle(self.store, deadline)):
            if isinstance(message, Failure) and message.error == QueryTimeout.__name__:
                raise QueryTimeout(
                    f"The {job.operation.value} ran past {limit} and was stopped at the store "
                    f"{self.store.name}; make it more selective (LIMIT, fewer unbound patterns)."
                )
            yield message
