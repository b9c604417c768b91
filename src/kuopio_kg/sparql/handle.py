"""One release store shared by many worker processes, with updates that never tear a read.

Readers open the store read-only and hold its shared lock (:mod:`kuopio_kg.store.lock`)
while they evaluate; the journal's writer (:mod:`kuopio_kg.updates.writer`) takes it
exclusively while it changes the store and moves its position, so every reader reopens
before its next query and sees the update.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from kuopio_kg.store import OxigraphStore
from kuopio_kg.store.lock import store_lock
from kuopio_kg.updates.config import Config
from kuopio_kg.updates.position import position

if TYPE_CHECKING:
    from kuopio_kg.updates.journal import Entry
    from kuopio_kg.updates.writer import Writer


class StoreHandle:
    """The store a worker process reads, reopened when its release or position changes.

    With ``in_memory`` the worker reads a copy held in memory, made when it opens the store.
    """

    def __init__(self, in_memory: bool = False) -> None:
        self._in_memory = in_memory
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
                    OxigraphStore(store_path, in_memory=self._in_memory),
                )
            yield self._open[2]

    def write(self, config: Config, store_path: Path, text: str, base_iri: str) -> Entry | None:
        """Apply one update through the journal (its entry; None when it changed nothing)."""
        from kuopio_kg.updates.writer import Writer  # rdflib and pySHACL, when first needed

        self._open = None
        if self._writer is None or self._writer.config != config:
            self._writer = Writer(config)
        return self._writer.update(store_path, text, base_iri or None)
