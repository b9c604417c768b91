"""The imports folder, ``<data_dir>/imports/`` (:attr:`Settings.imports_dir`), and the
manifest of each kind of import: what the load and the build read of an import.

An import writes, per kind (``erasmus/``), the graph the build loads (``mobility.nt``) and
``manifest.json``, the list of the files imported: name, SHA-256, rows read, kept and
skipped by reason, the place filter and the import date. The build describes each file in
``graph/metadata``. This module reads and writes the manifest only (JSON, no table engine),
so the build does not pull in the import's dependencies.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kuopio_kg.errors import InputError, Problem
from kuopio_kg.settings import Settings

ERASMUS = "erasmus"
MANIFEST = "manifest.json"
#: The graph file of an import kind, relative to its folder.
GRAPH_FILE = "mobility.nt"


@dataclass(frozen=True)
class ImportedFile:
    """One imported file, as the manifest records it."""

    name: str
    sha256: str
    #: The place filter the file was imported with; None for ``--all``.
    place: str | None
    rows_read: int
    rows_kept: int
    skipped: dict[str, int] = field(default_factory=dict)
    outside_place: int = 0
    #: The day it was imported, ``YYYY-MM-DD``.
    imported: str = ""


def kind_dir(settings: Settings, kind: str = ERASMUS) -> Path:
    """The folder of one kind of import."""
    return settings.imports_dir / kind


def manifest_path(settings: Settings, kind: str = ERASMUS) -> Path:
    return kind_dir(settings, kind) / MANIFEST


def read_manifest(path: Path) -> list[ImportedFile]:
    """The files a manifest lists (none when it does not exist).

    A manifest that is not the JSON an import writes is an :class:`InputError` naming it.
    """
    if not path.exists():
        return []
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["files"]
        return [ImportedFile(**entry) for entry in entries]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(
            Problem(
                str(path),
                None,
                "(manifest)",
                f"is not an import manifest: {exc}",
                "delete the imports folder and import the files again",
            )
        ) from None


def manifest_text(files: list[ImportedFile]) -> str:
    """The manifest of ``files``, sorted by name and checksum, as JSON text."""
    ordered = sorted(files, key=lambda f: (f.name, f.sha256))
    return json.dumps({"files": [asdict(f) for f in ordered]}, indent=2, ensure_ascii=False) + "\n"


def write_if_changed(path: Path, content: bytes | Iterable[str]) -> bool:
    """Write ``content`` (bytes, or text in chunks, written as UTF-8 as they come) to
    ``path`` atomically unless it already holds exactly that.

    Returns whether the file changed: a re-import of the same files touches nothing. The
    new content is written to a temporary file and compared with the old one chunk by
    chunk, so a large graph is never held twice in memory.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            if isinstance(content, bytes):
                out.write(content)
            else:
                for chunk in content:
                    out.write(chunk.encode("utf-8"))
        if path.exists() and _same_bytes(path, temporary):
            temporary.unlink()
            return False
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return True


def _same_bytes(one: Path, other: Path, block: int = 1 << 20) -> bool:
    if one.stat().st_size != other.stat().st_size:
        return False
    with one.open("rb") as left, other.open("rb") as right:
        while chunk := left.read(block):
            if chunk != right.read(block):
                return False
    return True
