"""The update journal: every accepted update, as the exact change it made, on disk.

Layout under the ``data_dir`` setting::

    journal/journal.json        {"epoch": N}: how many times the journal was discarded
    journal/updates.jsonl       one JSON object per accepted update, oldest first
    journal/discarded-*.jsonl   what ``kuopio-kg updates discard`` set aside
    journal/lock                held (flock) by the one process writing at a time

An entry is appended and flushed to disk (``fsync``) before the update is acknowledged.
A line cut short by a crash was never acknowledged; it is ignored when read and cut off
before the next entry is written. Positions count the entries of the current epoch from 1;
a store's position (see :mod:`.position`) is the last entry it reflects.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

from kuopio_kg.errors import JournalError
from kuopio_kg.updates.state import Delta

ENTRIES = "updates.jsonl"
EPOCH = "journal.json"
_CHUNK = 1 << 16


@dataclass(frozen=True)
class Entry:
    """One accepted update: its position, when, what was sent, and the asserted quads it
    removed and added (N-Quads, blank nodes as the store labels them)."""

    position: int
    time: str
    text: str
    base_iri: str
    remove: str
    add: str
    #: Named graphs made and dropped (IRIs).
    create: list[str] = field(default_factory=list)
    drop: list[str] = field(default_factory=list)

    def change(self) -> Delta:
        return Delta(_quads(self.remove), _quads(self.add),
                     [ox.NamedNode(g) for g in self.create],
                     [ox.NamedNode(g) for g in self.drop])  # fmt: skip


def _quads(text: str) -> list[ox.Quad]:
    return list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS))


def nquads(quads: list[ox.Quad]) -> str:
    return (ox.serialize(sorted(quads, key=str), format=ox.RdfFormat.N_QUADS) or b"").decode()


def epoch_suffix(epoch: int) -> str:
    """What a release id carries after the journal was discarded ``epoch`` times: nothing
    at first, then ``.1``, ``.2`` …, so a build after a discard never reuses a store that
    took the discarded updates."""
    return f".{epoch}" if epoch else ""


class Journal:
    """The journal below one data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.folder = data_dir / "journal"
        self.path = self.folder / ENTRIES

    @property
    def epoch(self) -> int:
        """How many times the journal has been discarded (part of the release id)."""
        try:
            return int(json.loads((self.folder / EPOCH).read_text(encoding="utf-8"))["epoch"])
        except FileNotFoundError:
            return 0
        except (ValueError, KeyError, TypeError) as exc:
            raise JournalError(f"{self.folder / EPOCH} is damaged ({exc}).") from None

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the journal's writer lock (one writer at a time, across processes)."""
        self._mkdir()
        fd = os.open(self.folder / "lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    def entries(self, after: int = 0) -> Iterator[Entry]:
        """The complete entries with a position above ``after``, oldest first."""
        for number, (line, complete) in enumerate(self._lines(), start=1):
            if not complete:
                return  # cut short by a crash: never acknowledged
            try:
                entry = Entry(**json.loads(line))
            except (ValueError, TypeError) as exc:
                raise JournalError(f"{self.path}, line {number}, is damaged ({exc}).") from None
            if entry.position > after:
                yield entry

    def length(self) -> int:
        """The position of the last complete entry (0 when there is none)."""
        last = 0
        for entry in self.entries():
            last = entry.position
        return last

    def append(self, position: int, text: str, base_iri: str, change: Delta) -> Entry:
        """Write entry ``position`` (the length + 1) and flush it to disk; call with the lock
        held.

        Raises :class:`JournalError` (and leaves the journal as it was) when the entry
        cannot be written, for example on a full disk.
        """
        entry = Entry(
            position,
            datetime.now(UTC).isoformat(timespec="milliseconds"),
            text,
            base_iri,
            nquads(change.remove),
            nquads(change.add),
            [g.value for g in change.created],
            [g.value for g in change.dropped],
        )
        line = (json.dumps(asdict(entry), ensure_ascii=False) + "\n").encode("utf-8")
        self._mkdir()
        created = not self.path.exists()
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            size = self._cut_torn_tail(fd)
            try:
                _write_all(fd, line)
                os.fsync(fd)
            except OSError as exc:
                os.ftruncate(fd, size)
                raise JournalError(
                    f"The update could not be written to the journal {self.path} ({exc}); "
                    "nothing was changed."
                ) from None
        finally:
            os.close(fd)
        if created:
            _fsync_folder(self.folder)
        return entry

    def discard(self) -> Path | None:
        """Set the entries aside and start the next epoch; call with the lock held.

        Returns where the entries went (None when there were none)."""
        kept = None
        if self.path.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            kept = self.folder / f"discarded-{self.epoch}-{stamp}.jsonl"
            os.replace(self.path, kept)
        staging = self.folder / (EPOCH + ".tmp")
        staging.write_text(json.dumps({"epoch": self.epoch + 1}) + "\n", encoding="utf-8")
        os.replace(staging, self.folder / EPOCH)
        _fsync_folder(self.folder)
        return kept

    def _lines(self) -> Iterator[tuple[str, bool]]:
        try:
            with self.path.open("rb") as file:
                for raw in file:
                    yield raw.decode("utf-8", errors="replace"), raw.endswith(b"\n")
        except FileNotFoundError:
            return

    def _cut_torn_tail(self, fd: int) -> int:
        """Cut off a last line a crash left without its newline; the size that remains."""
        size = keep = os.fstat(fd).st_size
        with self.path.open("rb") as file:
            while keep > 0:
                start = max(0, keep - _CHUNK)
                file.seek(start)
                newline = file.read(keep - start).rfind(b"\n")
                if newline >= 0:
                    keep = start + newline + 1
                    break
                keep = start
        if keep != size:
            os.ftruncate(fd, keep)
        return keep

    def _mkdir(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise JournalError(f"The journal folder {self.folder} cannot be made ({exc}).") from exc


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
