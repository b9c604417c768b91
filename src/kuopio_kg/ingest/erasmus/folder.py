"""The Erasmus+ imports folder, ``<data_dir>/imports/erasmus/``::

    manifest.json            the files imported (see kuopio_kg.ingest.imports)
    flows/<sha256>.parquet   each file's flows, as read (before resolution)
    tables/*.csv             the resolved flows and new entities, for RML
    mobility.nt              graph/mobility, made from the tables

Every import rebuilds the tables and the graph from all the files of the manifest, so
flows of several files are summed; a file imported again with the same SHA-256 and place
filter is not read again, and since nothing else changed no file is written.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from kuopio_kg.ingest.imports import (
    GRAPH_FILE,
    ImportedFile,
    kind_dir,
    manifest_text,
    read_manifest,
    write_if_changed,
)
from kuopio_kg.settings import Settings


class ImportsFolder:
    """The folder of the Erasmus+ import of one data folder."""

    def __init__(self, settings: Settings) -> None:
        self.root = kind_dir(settings)
        self.manifest_path = self.root / "manifest.json"
        self.tables_dir = self.root / "tables"
        self.graph_path = self.root / GRAPH_FILE
        self.files = read_manifest(self.manifest_path)

    def flows_path(self, sha256: str) -> Path:
        return self.root / "flows" / f"{sha256}.parquet"

    def holds(self, sha256: str, place: str | None) -> ImportedFile | None:
        """The manifest entry of a file already imported with this place filter."""
        for entry in self.files:
            if (entry.sha256, entry.place) == (sha256, place) and self.flows_path(sha256).exists():
                return entry
        return None

    def add(self, entry: ImportedFile, flows: pl.DataFrame) -> None:
        """Keep a newly read file's flows, in place of any earlier import of the same file."""
        path = self.flows_path(entry.sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".parquet.tmp")
        flows.write_parquet(temporary)
        temporary.replace(path)
        self.files = [f for f in self.files if f.sha256 != entry.sha256] + [entry]

    def flows(self) -> list[tuple[ImportedFile, pl.DataFrame]]:
        """Every imported file with its flows, in manifest order."""
        ordered = sorted(self.files, key=lambda f: (f.name, f.sha256))
        return [(f, pl.read_parquet(self.flows_path(f.sha256))) for f in ordered]

    def save_manifest(self) -> bool:
        return write_if_changed(self.manifest_path, manifest_text(self.files).encode("utf-8"))
