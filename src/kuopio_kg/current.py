"""The current release as a long-running process follows it: one object per release.

:class:`Follower` reads the release pointer (one ``readlink``) on every call and hands
out the :class:`Current` of the release it names. A new build or an update gives a new
``Current``, so the store and everything remembered about it (:meth:`Current.remember`)
change together, and nothing made from one state is served with another.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from kuopio_kg.release import Release, Releases
from kuopio_kg.store import OxigraphStore
from kuopio_kg.updates.position import position

if TYPE_CHECKING:
    from kuopio_kg.store.versions import RemoteReleases

T = TypeVar("T")


def state_tag(release_id: str, journal_position: int) -> str:
    """What names one state: the release id (the inputs) and, after updates, ``+`` the
    journal position."""
    return release_id if journal_position == 0 else f"{release_id}+{journal_position}"


class Current:
    """One release at one journal position, its store (opened read-only on first use) and
    what was made from it; an update gives a new one."""

    def __init__(self, release: Release) -> None:
        self.release = release
        self.position = position(release.store_path)
        self._made: dict[str, Any] = {}
        self._lock = threading.Lock()

    @property
    def tag(self) -> str:
        """The entity tag of everything made from this state: the release id (the inputs)
        and, after updates, ``+`` the journal position."""
        return state_tag(self.release.id, self.position)

    @cached_property
    def store(self) -> OxigraphStore:
        return OxigraphStore(self.release.store_path)

    def remember(self, key: str, make: Callable[[], T]) -> T:
        """The value of ``key`` for this release, made by ``make()`` the first time."""
        with self._lock:
            if key not in self._made:
                self._made[key] = make()
            value: T = self._made[key]
            return value


class Follower:
    """The current release below ``data_dir``, followed from one call to the next."""

    def __init__(self, data_dir: Path) -> None:
        self._releases = Releases(data_dir)
        self._current: Current | None = None
        self._lock = threading.Lock()

    def get(self) -> Current:
        """The current release; a clear ReleaseError before the first build."""
        with self._lock:
            current = self._current
            if (
                current is None
                or current.release.id != self._releases.current_id()
                or current.position != position(current.release.store_path)
            ):
                current = self._current = Current(self._releases.current())
            return current

    def release(self) -> Release:
        return self.get().release


class RemoteFollower(Follower):
    """The release a remote store's record names (:mod:`kuopio_kg.store.versions`), read
    again at most every :data:`RECHECK` seconds, so every server sharing the store moves to
    a new build within that time. The store's data is queried through the endpoint; the
    ``store`` of its :class:`Current` names no files (the publishing pages read the
    embedded store only)."""

    def __init__(self, releases: RemoteReleases) -> None:
        super().__init__(releases.data_dir)
        self._remote = releases
        self._checked = 0.0

    def get(self) -> Current:
        with self._lock:
            now = time.monotonic()
            if self._current is None or now - self._checked > RECHECK:
                release = self._remote.current()
                self._checked = now
                if self._current is None or self._current.release.id != release.id:
                    self._current = Current(release)
            return self._current


#: Seconds a server keeps the remote store's release record before reading it again.
RECHECK = 1.0
