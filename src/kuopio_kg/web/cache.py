"""Per-app memory of what a release publishes (VoID, catalog pages, summaries).

Everything kept here is a pure function of the release, so it is computed once per
release and process; the memory empties itself when the current release changes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, current_app

EXTENSION = "kuopio_kg.published"
T = TypeVar("T")


class ReleaseCache:
    def __init__(self) -> None:
        self._release: str | None = None
        self._items: dict[str, Any] = {}
        self._lock = threading.Lock()

    def get(self, release_id: str, key: str, make: Callable[[], T]) -> T:
        """The value of ``key`` for ``release_id``, made by ``make()`` the first time."""
        with self._lock:
            if release_id != self._release:
                self._release, self._items = release_id, {}
            if key not in self._items:
                self._items[key] = make()
            value: T = self._items[key]
            return value


def install_cache(app: Flask) -> None:
    app.extensions[EXTENSION] = ReleaseCache()


def release_cache() -> ReleaseCache:
    cache: ReleaseCache = current_app.extensions[EXTENSION]
    return cache
