"""Dumps of a release: the whole release and each named graph, in TriG, gzipped N-Quads,
Turtle and JSON-LD, written once per release into ``<release>/dumps/``.

The first caller writes every file (streamed from the store, so memory stays bounded),
each to a temporary name renamed into place, then ``manifest.json`` with sizes and SHA-256
checksums. A lock file keeps two server processes from writing at once; later callers only
read the manifest.
"""

from __future__ import annotations

import fcntl
import gzip
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

import pyoxigraph as ox

from kuopio_kg.formats import JSON_LD, N_QUADS, TRIG, TURTLE, Format
from kuopio_kg.graphs import ALL
from kuopio_kg.namespaces import prefixes
from kuopio_kg.release import Release
from kuopio_kg.settings import Settings
from kuopio_kg.store import OxigraphStore

FOLDER = "dumps"
MANIFEST = "manifest.json"
#: The stem of the files holding the whole release.
WHOLE = "kuopio-kg"
GZIP_MEDIA_TYPE = "application/gzip"
_CHUNK = 1 << 16


@dataclass(frozen=True)
class Dump:
    """One dump file: a graph (``None`` for the whole release) in one format."""

    graph: str | None
    format: Format
    gzipped: bool = False

    @property
    def filename(self) -> str:
        return f"{self.graph or WHOLE}.{self.format.extension}" + (".gz" if self.gzipped else "")

    @property
    def keeps_graph_names(self) -> bool:
        """Quads for TriG and N-Quads, and for the whole release in JSON-LD; plain triples
        for Turtle and for one graph in JSON-LD."""
        if not self.format.rdf_format.supports_datasets:
            return False
        return self.graph is None or self.format is not JSON_LD

    @property
    def media_type(self) -> str:
        return GZIP_MEDIA_TYPE if self.gzipped else self.format.media_type


#: (format, gzipped) of the dumps of every graph and of the whole release.
FORMATS: tuple[tuple[Format, bool], ...] = (
    (TRIG, False),
    (N_QUADS, True),
    (TURTLE, False),
    (JSON_LD, False),
)


def all_dumps() -> list[Dump]:
    """Every dump a release has: the whole release first, then each named graph."""
    return [Dump(g, f, z) for g in (None, *ALL) for f, z in FORMATS]


def by_filename() -> dict[str, Dump]:
    return {dump.filename: dump for dump in all_dumps()}


@dataclass(frozen=True)
class Written:
    """A dump on disk: where it is, its size and checksums (SHA-256, and the SHA-1 that
    DCAT-AP 2.1.1 asks for)."""

    dump: Dump
    path: Path
    size: int
    sha256: str
    sha1: str


def ensure_dumps(
    release: Release, store: OxigraphStore, settings: Settings, position: int = 0
) -> list[Written]:
    """The dumps of ``release`` at journal ``position``, written first if there are none
    yet (each position has its folder: the dumps are the graph as served)."""
    folder = release.path / (FOLDER if position == 0 else f"{FOLDER}+{position}")
    folder.mkdir(exist_ok=True)
    manifest = folder / MANIFEST
    if not manifest.exists():
        with (folder / ".lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not manifest.exists():
                _write_all(folder, store, settings)
    recorded: dict[str, dict[str, Any]] = json.loads(manifest.read_text(encoding="utf-8"))
    return [_written(d, folder / d.filename, recorded[d.filename]) for d in all_dumps()]


def _written(dump: Dump, path: Path, entry: dict[str, Any]) -> Written:
    """A manifest entry as a :class:`Written`; a manifest from before SHA-1 was recorded
    gets it from the file."""
    sha1 = entry.get("sha1") or _digests(path)["sha1"]
    return Written(dump, path, entry["bytes"], entry["sha256"], sha1)


def _write_all(folder: Path, store: OxigraphStore, settings: Settings) -> None:
    entries = {}
    for dump in all_dumps():
        path = folder / dump.filename
        _atomic(path, lambda out, d=dump: _serialize(out, d, store, settings))
        entries[dump.filename] = {"bytes": path.stat().st_size, **_digests(path)}
    text = json.dumps(entries, indent=2) + "\n"
    _atomic(folder / MANIFEST, lambda out: out.write(text.encode()))


def _atomic(path: Path, write: Any) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def _serialize(out: IO[bytes], dump: Dump, store: OxigraphStore, settings: Settings) -> None:
    graph = settings.graph_iri(dump.graph) if dump.graph else None
    quads = _quads(store, graph)
    data: Iterator[ox.Quad] | Iterator[ox.Triple] = (
        quads if dump.keeps_graph_names else (q.triple for q in quads)
    )
    names = prefixes(settings.base_iri)
    if dump.gzipped:
        with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as zipped:
            ox.serialize(data, cast(IO[bytes], zipped), format=dump.format.rdf_format)
    else:
        ox.serialize(data, out, format=dump.format.rdf_format, prefixes=names)


def _quads(store: OxigraphStore, graph: str | None) -> Iterator[ox.Quad]:
    where = f"BIND(<{graph}> AS ?g) GRAPH <{graph}>" if graph else "GRAPH ?g"
    result = store.query(f"SELECT ?s ?p ?o ?g WHERE {{ {where} {{ ?s ?p ?o }} }}")
    if not isinstance(result, ox.QuerySolutions):
        raise TypeError("a SELECT query returned no solutions")
    for row in result:
        yield ox.Quad(row["s"], row["p"], row["o"], row["g"])


def _digests(path: Path) -> dict[str, str]:
    """The file's SHA-256 and SHA-1, read once."""
    digests = {"sha256": hashlib.sha256(), "sha1": hashlib.sha1(usedforsecurity=False)}
    with path.open("rb") as data:
        while chunk := data.read(_CHUNK):
            for digest in digests.values():
                digest.update(chunk)
    return {name: digest.hexdigest() for name, digest in digests.items()}
