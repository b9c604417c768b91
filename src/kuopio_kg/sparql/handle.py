"""One release store shared by many worker processes, with updates that never tear a read.

Readers open the store read-only and hold its shared lock (:mod:`kuopio_kg.store.lock`)
while they evaluate; the journal's writer (:mod:`kuopio_kg.updates.writer`) takes it
exclusively while it changes the store and moves its position, so every reader reopens
before its next query and sees the update.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from kuopio_kg.release import METADATA_FILE
from kuopio_kg.store import OxigraphStore
from kuopio_kg.store.lock import store_lock
from kuopio_kg.updates.config import Config
from kuopio_kg.updates.position import position

if TYPE_CHECKING:
    from kuopio_kg.updates.journal import Entry
    from kuopio_kg.updates.writer import Writer


def release_triples(store_path: Path) -> int | None:
    """The triples of the release a store belongs to, from its metadata (None: unknown)."""
    try:
        metadata = json.loads((store_path.parent / METADATA_FILE).read_text(encoding="utf-8"))
        return sum(int(count) for count in metadata["graphs"].values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


class StoreHandle:
    """The store a worker process reads, reopened when its release or position changes.

    With ``in_memory`` the worker reads a copy held in memory, made when it opens the store,
    if the release holds at most ``copy_max_triples`` triples (each worker has its own copy,
    about 600 bytes a triple); a larger release is read on disk, where the page cache is
    shared by every worker.
    """

    def __init__(self, in_memory: bool = False, copy_max_triples: int = 1_000_000) -> None:
        self._in_memory = in_memory
        self._copy_max_triples = copy_max_triples
        self._open: tuple[Path, int, OxigraphStore] | None = None
        self._writer: Writer | None = None

    @contextmanager
    def reading(self, store_path: Path) -> Iterator[OxigraphStore]:
        """The current store under the shared lock, for one evaluation."""
        with store_lock(store_path, exclusive=False):
            current = position(store_path)
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

    def write(self, config: Config, store_path: Path, text: str, base_iri: str) -> Entry | None:
        """Apply one update through the journal (its entry; None when it changed nothing)."""
        from kuopio_kg.updates.writer import Writer  # rdflib and pySHACL, when first needed

        self._open = None
        if self._writer is None or self._writer.config != config:
            self._writer = Writer(config)
        return self._writer.update(store_path, text, base_iri or None)
