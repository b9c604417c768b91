"""The lock beside a release store: readers share it, the journal's writer holds it alone.

A reader holds the shared ``flock`` while it opens and evaluates; the writer takes it
exclusively while it changes the store and moves its position, so nobody opens a store
half-changed. The kernel drops the lock of a killed process, so a kill never wedges it.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def store_lock(store_path: Path, *, exclusive: bool) -> Iterator[None]:
    lock_file = store_path.with_name(store_path.name + ".lock")
    try:
        fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield  # a read-only release folder takes no updates, so it needs no lock
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)
