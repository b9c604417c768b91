"""Releases on disk: each build writes a complete folder, then one pointer switches to it.

Layout under the ``data_dir`` setting::

    releases/<id>/store/          the Oxigraph store of that release
    releases/<id>/release.json    id, creation time, per-graph counts, timings, inputs
    current -> releases/<id>      the symlink the server follows

A build writes into a temporary folder and renames it into place only when it is complete,
then replaces the ``current`` symlink atomically, so a reader sees either the old release or
the new one and never half of a build. A failed build removes its temporary folder and
leaves ``current`` untouched.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kuopio_kg.errors import ReleaseError

METADATA_FILE = "release.json"
STORE_FOLDER = "store"
#: How many releases to keep on disk (the current one is always kept).
KEEP = 3


@dataclass(frozen=True)
class Release:
    id: str
    path: Path
    metadata: dict[str, Any]

    @property
    def store_path(self) -> Path:
        return self.path / STORE_FOLDER


class Releases:
    """The releases below one data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.root = data_dir / "releases"
        self.pointer = data_dir / "current"

    def current_id(self) -> str | None:
        """The id the pointer names, or None before the first build (cheap: one readlink)."""
        try:
            return Path(os.readlink(self.pointer)).name
        except (FileNotFoundError, OSError):
            return None

    def get(self, release_id: str) -> Release | None:
        path = self.root / release_id
        try:
            metadata = json.loads((path / METADATA_FILE).read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            return None
        return Release(release_id, path, metadata)

    def current(self) -> Release:
        """The release the pointer names; a clear error when there is none."""
        release_id = self.current_id()
        release = self.get(release_id) if release_id else None
        if release is None:
            raise ReleaseError(
                f"No release has been built in {self.data_dir}; run `kuopio-kg build` first."
            )
        return release

    def create(self, release_id: str, write: Callable[[Path], dict[str, Any]]) -> Release:
        """Write a release with ``write(folder) -> metadata`` and switch to it.

        An existing complete release with the same id is reused as it is.
        """
        existing = self.get(release_id)
        if existing is None:
            self.root.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=f".{release_id}-", dir=self.root))
            try:
                metadata = write(staging)
                metadata["id"] = release_id
                (staging / METADATA_FILE).write_text(
                    json.dumps(metadata, indent=2) + "\n", encoding="utf-8"
                )
                os.replace(staging, self.root / release_id)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
            existing = self.get(release_id)
            if existing is None:
                raise ReleaseError(f"The release {release_id} was written but cannot be read back.")
        self.switch(release_id)
        self.prune()
        return existing

    def switch(self, release_id: str) -> None:
        """Point ``current`` at a release, atomically (a new symlink renamed over the old)."""
        link = self.data_dir / f".current-{os.getpid()}"
        link.unlink(missing_ok=True)
        link.symlink_to(Path("releases") / release_id)
        os.replace(link, self.pointer)

    def prune(self) -> None:
        """Remove all but the newest :data:`KEEP` releases, never the current one."""
        current = self.current_id()
        complete = [p for p in self.root.iterdir() if (p / METADATA_FILE).exists()]
        complete.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for path in complete[KEEP:]:
            if path.name != current:
                shutil.rmtree(path, ignore_errors=True)
