"""What the web process asks of a query worker, and the messages the worker answers with.

Both cross a process boundary (pickled over a pipe), so they are plain frozen data.
A worker answers a job with ``Head``, then zero or more ``bytes`` chunks, then ``End``;
or with one ``Failure``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from kuopio_kg.updates.config import Config


class Operation(enum.Enum):
    """The two kinds of SPARQL request: a query reads, an update writes."""

    QUERY = "query"
    UPDATE = "update"


@dataclass(frozen=True)
class Job:
    """One query or update to run on one release store."""

    operation: Operation
    text: str
    base_iri: str
    store_path: Path
    union_default_graph: bool = True
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    #: The negotiated format names (:mod:`kuopio_kg.formats`) for SELECT/ASK results and
    #: for graphs; None: the client accepts none.
    result_format: str | None = "json"
    graph_format: str | None = "turtle"
    max_rows: int = 10000
    #: For an update: the journal it goes through (see kuopio_kg.updates.writer).
    writing: Config | None = None


@dataclass(frozen=True)
class WorkerOptions:
    """How a query worker reads and how much memory it may take (from the settings)."""

    #: Read a copy of the release held in memory (``memory_store``) ...
    in_memory: bool = False
    #: ... when the release has at most this many triples (``memory_store_triples``).
    copy_max_triples: int = 1_000_000
    #: MiB the worker may allocate (``worker_memory``); 0: no limit.
    memory_limit: int = 0


class Answered(enum.Enum):
    """What a worker answered with."""

    SELECT = "select"  # solutions
    ASK = "ask"  # a boolean
    GRAPH = "graph"  # triples (CONSTRUCT, DESCRIBE)
    UPDATE = "update"  # nothing: the update is applied


@dataclass(frozen=True)
class Head:
    """The result is ready: what it is, its format and whether it was cut."""

    kind: Answered
    format: str | None
    truncated: bool


@dataclass(frozen=True)
class End:
    """The last message of a successful answer."""


@dataclass(frozen=True)
class Failure:
    """The job failed: the name of the error class in :mod:`kuopio_kg.errors` and a message."""

    error: str
    message: str


Message = Head | End | Failure | bytes
