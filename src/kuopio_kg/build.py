"""The build: load → validate → reason → store, written as a new release and switched to.

Every stage is a plain function of its own module; this one only runs them in order,
reports progress, and hands the result to :class:`~kuopio_kg.release.Releases`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, VOID, XSD

from kuopio_kg import __version__, graphs
from kuopio_kg.errors import StorageError, ValidationError
from kuopio_kg.ingest.imports import ImportedFile, manifest_path, read_manifest
from kuopio_kg.load import Loaded, input_digest, load
from kuopio_kg.namespaces import ontology_namespace
from kuopio_kg.reason import infer
from kuopio_kg.release import STORE_FOLDER, Release, Releases
from kuopio_kg.settings import Settings
from kuopio_kg.store import OxigraphStore
from kuopio_kg.store.remote import remote_store
from kuopio_kg.store.versions import RemoteReleases
from kuopio_kg.updates.config import writer_config
from kuopio_kg.updates.journal import Journal, epoch_suffix
from kuopio_kg.updates.writer import Writer
from kuopio_kg.validate import validate

Report = Callable[[str], None]

SPDX = Namespace("http://spdx.org/rdf/terms#")


def _quiet(_: str) -> None:
    """The default progress sink: say nothing."""


def build(settings: Settings, report: Report = _quiet) -> Release:
    """Build a release from the inputs and make it current; return it.

    Unchanged inputs give the same release id and reuse the release already on disk.
    Either way the store then takes the update journal's entries it lacks (see
    :mod:`kuopio_kg.updates`), so a rebuild keeps the updates.
    Raises :class:`~kuopio_kg.errors.InputError`, :class:`ValidationError` or
    :class:`~kuopio_kg.errors.InconsistentError` or :class:`StorageError` and leaves the
    current release alone.
    """
    if settings.store:
        return _build_remote(settings, report)
    releases = Releases(settings.data_dir)
    release_id = input_digest(settings) + epoch_suffix(Journal(settings.data_dir).epoch)
    writer = Writer(writer_config(settings))
    if (existing := releases.get(release_id)) is not None:
        report(f"inputs unchanged: release {release_id} already built")
        _report_journal(report, writer.catch_up(existing.store_path))
        releases.switch(release_id)
        return releases.current()

    timings: dict[str, float] = {}
    started = time.perf_counter()
    loaded = _prepare(settings, report, timings)

    def write(folder: Path) -> dict[str, Any]:
        mark = time.perf_counter()
        loaded.graphs[graphs.METADATA] = _metadata(settings, release_id, loaded)
        store = OxigraphStore(folder / STORE_FOLDER, read_only=False)
        store.add_quads(
            b"".join(_nquads(settings.graph_iri(name), g) for name, g in loaded.graphs.items())
        )
        store.flush()
        del store
        _report_journal(report, writer.catch_up(folder / STORE_FOLDER))
        timings["store"] = _lap(mark)
        timings["total"] = _lap(started)
        return _release_metadata(settings, loaded, timings)

    try:
        release = releases.create(release_id, write)
    except OSError as exc:  # a full disk, a file-size limit
        raise StorageError(
            f"The release {release_id} could not be written in {releases.root} ({exc}); "
            "the current release is unchanged."
        ) from None
    report(f"stored release {release.id}: " + _counts(loaded.graphs, tuple(loaded.graphs)))
    report(f"built in {timings['total']:.1f} s")
    return release


def _build_remote(settings: Settings, report: Report) -> Release:
    """The build into the remote store ``settings.store``: versioned graphs, then one
    switch (see :mod:`kuopio_kg.store.versions`); the releases on disk are not touched."""
    releases = RemoteReleases(remote_store(settings), settings.base_iri, settings.data_dir)
    release_id = input_digest(settings)
    if releases.current_id() == release_id:
        report(f"inputs unchanged: release {release_id} already in {settings.store}")
        return releases.current()
    timings: dict[str, float] = {}
    started = time.perf_counter()
    loaded = _prepare(settings, report, timings)
    mark = time.perf_counter()
    loaded.graphs[graphs.METADATA] = _metadata(settings, release_id, loaded)
    contents = {name: graph.serialize(format="nt", encoding="utf-8")
                for name, graph in loaded.graphs.items()}  # fmt: skip
    timings["total"] = _lap(started)
    release = releases.publish(release_id, contents, _release_metadata(settings, loaded, timings))
    report(f"loaded release {release.id} into {settings.store} in {_lap(mark):.1f} s: "
           + _counts(loaded.graphs, tuple(loaded.graphs)))  # fmt: skip
    return release


def _prepare(settings: Settings, report: Report, timings: dict[str, float]) -> Loaded:
    """Load, validate and reason: the release's graphs, all but the metadata."""
    started = time.perf_counter()
    loaded = load(settings)
    timings["load"] = _lap(started)
    report(f"loaded {len(loaded.files)} files: " + _counts(loaded.graphs, graphs.ASSERTED))

    mark = time.perf_counter()
    problems = validate(loaded)
    timings["validate"] = _lap(mark)
    if problems:
        raise ValidationError(problems)
    report("validated: the inputs conform to the SHACL shapes")

    mark = time.perf_counter()
    loaded.graphs[graphs.INFERRED] = infer(loaded.union(*graphs.ASSERTED), settings.reasoner)
    timings["reason"] = _lap(mark)
    report(f"reasoned with {settings.reasoner}: {len(loaded.graphs['inferred'])} new triples")

    return loaded


def _release_metadata(
    settings: Settings, loaded: Loaded, timings: dict[str, float]
) -> dict[str, Any]:
    return {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "version": __version__,
        "reasoner": settings.reasoner,
        "base_iri": settings.base_iri,
        "graphs": {name: len(graph) for name, graph in loaded.graphs.items()},
        "seconds": timings,
        "inputs": [f.shown for f in loaded.files],
    }


def _report_journal(report: Report, applied: int) -> None:
    if applied:
        report(f"applied {applied} updates from the journal")


def _nquads(graph_iri: str, graph: Graph) -> bytes:
    """``graph`` as N-Quads in the graph ``graph_iri`` (its N-Triples lines, each with the
    graph written before the final " .")."""
    tail = f" <{graph_iri}> .\n".encode()
    lines = graph.serialize(format="nt", encoding="utf-8").splitlines()
    return b"".join(line[: -len(b" .")] + tail for line in lines if line.endswith(b" ."))


def _lap(since: float) -> float:
    return round(time.perf_counter() - since, 3)


def _counts(by_name: dict[str, Graph], names: tuple[str, ...]) -> str:
    return ", ".join(f"{name} {len(by_name[name])}" for name in names)


def _metadata(settings: Settings, release_id: str, loaded: Loaded) -> Graph:
    """The metadata graph: what this release is, in VoID and DCTERMS."""
    graph = Graph()
    dataset = URIRef(settings.dataset_iri)
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, DCTERMS.identifier, Literal(release_id)))
    graph.add((dataset, DCTERMS.hasVersion, Literal(__version__)))
    kkg = ontology_namespace(settings.base_iri)
    graph.add((dataset, kkg.journalPosition, Literal(0, datatype=XSD.integer)))
    for name in graphs.COUNTED:
        subset = URIRef(settings.graph_iri(name))
        graph.add((dataset, VOID.subset, subset))
        graph.add((subset, RDF.type, VOID.Dataset))
        graph.add((subset, VOID.triples, Literal(len(loaded.graphs[name]), datatype=XSD.integer)))
    for imported in read_manifest(manifest_path(settings)):
        _describe_import(graph, settings, imported)
    return graph


def _describe_import(graph: Graph, settings: Settings, imported: ImportedFile) -> None:
    """An imported file as a dcat:Distribution that graph/mobility was derived from: its
    name, SHA-256, rows read and kept, and the day it was imported."""
    kkg = ontology_namespace(settings.base_iri)
    source = URIRef(f"{settings.base_iri}id/source/erasmus-{imported.sha256[:16]}")
    checksum = BNode()
    graph.add((source, RDF.type, DCAT.Distribution))
    graph.add((source, DCTERMS.title, Literal(imported.name)))
    graph.add((source, SPDX.checksum, checksum))
    graph.add((checksum, RDF.type, SPDX.Checksum))
    graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    graph.add((checksum, SPDX.checksumValue, Literal(imported.sha256)))
    graph.add((source, kkg.rowsRead, Literal(imported.rows_read, datatype=XSD.integer)))
    graph.add((source, kkg.rowsKept, Literal(imported.rows_kept, datatype=XSD.integer)))
    graph.add((source, DCTERMS.created, Literal(imported.imported, datatype=XSD.date)))
    graph.add((URIRef(settings.graph_iri(graphs.MOBILITY)), PROV.wasDerivedFrom, source))
