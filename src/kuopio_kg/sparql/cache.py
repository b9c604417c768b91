"""Answers kept in memory, for a public endpoint where the same queries come again.

A release never changes, and an update bumps its generation, which is part of every key,
so a kept answer stays right for as long as it is kept. Only complete answers of at most
a sixteenth of the capacity are kept, and the least recently used go first. Answers of
queries that call a SERVICE, or use a function whose value changes from one evaluation to
the next, are never kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator

from kuopio_kg.sparql.jobs import Head
from kuopio_kg.sparql.lexer import Lexed

#: Functions that give a new value at each evaluation (SPARQL 1.1, section 17.4).
VOLATILE = ("NOW", "RAND", "UUID", "STRUUID", "BNODE")


def cacheable(query: Lexed, calls_service: bool) -> bool:
    """Whether the answer of ``query`` is the same at every evaluation on one store."""
    return not calls_service and not any(t.is_word(*VOLATILE) for t in query.tokens)


class ResultCache:
    """Up to ``capacity`` bytes of answers (head and body chunks) by key; thread-safe."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.hits = 0
        self.misses = 0
        self._size = 0
        self._entries: OrderedDict[str, tuple[Head, tuple[bytes, ...]]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[Head, tuple[bytes, ...]] | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry

    def keep(self, key: str, head: Head, chunks: Iterable[bytes]) -> Iterator[bytes]:
        """Pass ``chunks`` on, and keep the answer when it was read to its end."""
        kept: list[bytes] | None = []
        size = 0
        for chunk in chunks:
            if kept is not None:
                size += len(chunk)
                if size * 16 <= self.capacity:
                    kept.append(chunk)
                else:
                    kept = None
            yield chunk
        if kept is not None:
            self._put(key, head, tuple(kept), size)

    def _put(self, key: str, head: Head, chunks: tuple[bytes, ...], size: int) -> None:
        with self._lock:
            if key in self._entries:
                return
            self._entries[key] = (head, chunks)
            self._size += size
            while self._size > self.capacity:
                _, (_, dropped) = self._entries.popitem(last=False)
                self._size -= sum(len(c) for c in dropped)
