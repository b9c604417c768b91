"""``import_erasmus``: published Erasmus+ mobility tables into ``graph/mobility``.

Each file is read and aggregated into flows (:mod:`.aggregate`), unless the imports folder
already holds it with the same SHA-256 and place filter; then the flows of every imported
file are resolved to entities (:mod:`.entities`), written as tables (:mod:`.tables`) and
as the graph the build loads (:mod:`.rdf`), and the manifest is updated (:mod:`.folder`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from kuopio_kg.ingest.erasmus import vocab
from kuopio_kg.ingest.erasmus.aggregate import FileStats, aggregate_file
from kuopio_kg.ingest.erasmus.entities import Curated, Resolver, curated_graph
from kuopio_kg.ingest.erasmus.folder import ImportsFolder
from kuopio_kg.ingest.erasmus.rdf import ntriples, write_ntriples
from kuopio_kg.ingest.erasmus.stats import REASONS, sha256_of
from kuopio_kg.ingest.erasmus.tables import build_tables, write_tables
from kuopio_kg.ingest.gazetteer import Gazetteer
from kuopio_kg.ingest.imports import ImportedFile
from kuopio_kg.namespaces import DEFAULT_BASE
from kuopio_kg.settings import Settings

#: The default place filter: the graph's city.
DEFAULT_PLACE = "Kuopio"


@dataclass(frozen=True)
class FileReport:
    """What happened to one file of the command."""

    path: Path
    #: True when the folder already held it (same SHA-256 and place): it was not read.
    unchanged: bool
    entry: ImportedFile
    #: Reason → up to five (line, detail) examples; empty when the file was not read.
    examples: dict[str, list[tuple[int, str]]] = field(default_factory=dict)


@dataclass(frozen=True)
class ImportReport:
    """The outcome of an import, over every file the imports folder now holds."""

    files: list[FileReport]
    flows: int
    organisations_matched: int
    organisations_new: int
    #: New cities the gazetteer could not place, as "name (CC)".
    places_not_found: list[str]
    #: Whether any output file changed.
    changed: bool
    folder: Path

    def lines(self) -> list[str]:
        """The report as a person reads it at the end of ``kuopio-kg import erasmus``."""
        out: list[str] = []
        for item in self.files:
            entry = item.entry
            skipped = sum(entry.skipped.values())
            state = "already imported, unchanged" if item.unchanged else "read"
            out.append(f"{item.path.name}: {state}; rows read {entry.rows_read}, "
                       f"kept {entry.rows_kept}, skipped {skipped}, "
                       f"outside the place filter {entry.outside_place}")  # fmt: skip
            for reason in (r for r in REASONS if entry.skipped.get(r.key)):
                out.append(f"  skipped {entry.skipped[reason.key]}: {reason.description}")
                for line, detail in item.examples.get(reason.key, []):
                    out.append(f"    {item.path.name}:{line}: {detail}")
        out.append(f"flows written: {self.flows}")
        out.append(f"organisations: {self.organisations_matched} matched, "
                   f"{self.organisations_new} new")  # fmt: skip
        unplaced = ", ".join(self.places_not_found) or "none"
        out.append(f"places not found: {len(self.places_not_found)} ({unplaced})")
        verb = "updated" if self.changed else "unchanged"
        out.append(f"{self.folder}: {verb}; run `kuopio-kg build` to load it")
        return out


def import_erasmus(
    settings: Settings,
    paths: Sequence[Path],
    place: str | None = DEFAULT_PLACE,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import the Erasmus+ mobility tables ``paths`` into the imports folder.

    ``place`` keeps the rows where either side's city is that place (``None`` keeps all);
    ``progress`` is called as the files are read, with the number of rows read since its
    last call. Re-importing a file with the same content and place changes nothing.
    """
    folder = ImportsFolder(settings)
    today = datetime.now(UTC).date().isoformat()
    reports: list[FileReport] = []
    for path in dict.fromkeys(paths):
        sha256 = sha256_of(path)
        held = folder.holds(sha256, place)
        if held is not None:
            reports.append(FileReport(path, True, held))
        else:
            reports.append(_read(folder, path, sha256, place, today, progress))
    report = _write_tables(settings, folder, reports)
    graph = ntriples(folder.tables_dir, DEFAULT_BASE)
    changed = write_ntriples(graph, folder.graph_path)
    changed = folder.save_manifest() or changed
    return replace(report, changed=report.changed or changed)


def _write_tables(settings: Settings, folder: ImportsFolder, files: list[FileReport]
                  ) -> ImportReport:  # fmt: skip
    """Resolve the flows of every file the folder holds and write the tables: the report,
    with whether a table changed. The tables leave memory when this returns, before the
    graph is written from their files."""
    curated = curated_graph(settings)
    resolver = Resolver(Curated(curated), Gazetteer())
    frames = [(flows, vocab.source_iri(entry.sha256)) for entry, flows in folder.flows()]
    tables = build_tables(frames, resolver, vocab.Fields(curated))
    changed = write_tables(tables, folder.tables_dir)
    return ImportReport(files, len(tables.rows["flows.csv"]), len(tables.matched),
                        len(tables.new), sorted(tables.unplaced), changed, folder.root)  # fmt: skip


def _read(folder: ImportsFolder, path: Path, sha256: str, place: str | None, today: str,
          progress: Callable[[int], None] | None) -> FileReport:  # fmt: skip
    """Read one new file into the folder; its flows leave memory once they are on disk."""
    flows, stats = aggregate_file(path, place, progress, sha256)
    entry = _entry(path, sha256, place, stats, today)
    folder.add(entry, flows)
    return FileReport(path, False, entry, stats.examples)


def _entry(path: Path, sha256: str, place: str | None, stats: FileStats, today: str
           ) -> ImportedFile:  # fmt: skip
    return ImportedFile(
        name=path.name,
        sha256=sha256,
        place=place,
        rows_read=stats.rows_read,
        rows_kept=stats.rows_kept,
        skipped=dict(sorted(stats.skipped.items())),
        outside_place=stats.outside_place,
        imported=today,
    )
