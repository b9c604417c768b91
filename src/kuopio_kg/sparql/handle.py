"""One release store shared by many worker processes, with updates that never tear a read.

Readers open the store read-only and hold a shared ``flock`` while they evaluate; an update
takes the exclusive lock, opens the store read-write, commits, closes it and bumps a
generation counter, so every reader reopens before its next query and sees the update.
The kernel drops the lock of a killed worker, so a deadline kill never wedges the store.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kuopio_kg.errors import KuopioKgError, QueryError, UpstreamError
from kuopio_kg.release import METADATA_FILE
from kuopio_kg.store import OxigraphStore


def generation(store_path: Path) -> int:
    """How many updates the store has taken since its release was built (0 if none)."""
    try:
        return int(_generation_file(store_path).read_text(encoding="ascii") or 0)
    except FileNotFoundError:
        return 0


def _generation_file(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".generation")


@contextmanager
def _locked(store_path: Path, mode: int) -> Iterator[None]:
    lock_file = store_path.with_name(store_path.name + ".lock")
    try:
        fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield  # a read-only release folder takes no updates, so it needs no lock
        return
    try:
        fcntl.flock(fd, mode)
        yield
    finally:
        os.close(fd)


def release_triples(store_path: Path) -> int | None:
    """The triples of the release a store belongs to, from its metadata (None: unknown)."""
    try:
        metadata = json.loads((store_path.parent / METADATA_FILE).read_text(encoding="utf-8"))
        return sum(int(count) for count in metadata["graphs"].values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


class StoreHandle:
    """The store a worker process reads, reopened when its release or generation changes.

    With ``in_memory`` the worker reads a copy held in memory, made when it opens the store,
    if the release holds at most ``copy_max_triples`` triples (each worker has its own copy,
    about 600 bytes a triple); a larger release is read on disk, where the page cache is
    shared by every worker.
    """

    def __init__(self, in_memory: bool = False, copy_max_triples: int = 1_000_000) -> None:
        self._in_memory = in_memory
        self._copy_max_triples = copy_max_triples
        self._open: tuple[Path, int, OxigraphStore] | None = None

    @contextmanager
    def reading(self, store_path: Path) -> Iterator[OxigraphStore]:
        """The current store under the shared lock, for one evaluation."""
        with _locked(store_path, fcntl.LOCK_SH):
            current = generation(store_path)
            if self._open is None or self._open[:2] != (store_path, current):
                self._open = None
                self._open = (
                    store_path,
                    current,
                    OxigraphStore(store_path, in_memory=self._copies(store_path)),
                )
            yield self._open[2]

    def _copies(self, store_path: Path) -> bool:
        if not self._in_memory:
            return False
        triples = release_triples(store_path)
        return triples is not None and triples <= self._copy_max_triples

    def write(self, store_path: Path, text: str, base_iri: str) -> None:
        """Apply one update under the exclusive lock and publish a new generation."""
        with _locked(store_path, fcntl.LOCK_EX):
            self._open = None
            failure = _apply(store_path, text, base_iri)
            if failure is not None:
                raise failure
            next_generation = generation(store_path) + 1
            staging = _generation_file(store_path).with_suffix(".tmp")
            staging.write_text(str(next_generation), encoding="ascii")
            os.replace(staging, _generation_file(store_path))


def _apply(store_path: Path, text: str, base_iri: str) -> KuopioKgError | None:
    """Open read-write, update, flush and close; the error comes back only once closed.

    The store closes when its last reference goes, and a raised exception's traceback
    would keep it open past the lock; so the error is copied out instead.
    """
    store = OxigraphStore(store_path, read_only=False)
    try:
        store.update(text, base_iri=base_iri)
        store.flush()
    except QueryError as exc:
        return QueryError(exc.message)
    except OSError as exc:
        return UpstreamError(f"The update could not be applied: {exc}.")
    finally:
        del store
    return None
