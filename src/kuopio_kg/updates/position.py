"""A store's journal position: the last journal entry it reflects, in a file beside it.

``releases/<id>/store.generation`` holds the number; it is written after the store took
the entry, atomically and flushed, so readers (see :mod:`kuopio_kg.sparql.handle`) reopen
the store when it changes, and a crash between the two leaves the number behind the
journal, never ahead of it.
"""

from __future__ import annotations

import os
from pathlib import Path

from kuopio_kg.errors import JournalError


def position_file(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".generation")


def position(store_path: Path) -> int:
    """The last journal entry the store at ``store_path`` reflects (0: the built graph)."""
    try:
        return int(position_file(store_path).read_text(encoding="ascii") or 0)
    except FileNotFoundError:
        return 0


def set_position(store_path: Path, value: int) -> None:
    target = position_file(store_path)
    staging = target.with_suffix(".tmp")
    try:
        with staging.open("w", encoding="ascii") as file:
            file.write(str(value))
            file.flush()
            os.fsync(file.fileno())
        os.replace(staging, target)
    except OSError as exc:
        raise JournalError(
            f"The position of the store {store_path} cannot be written ({exc})."
        ) from None
