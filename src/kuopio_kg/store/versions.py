"""Releases in a remote store: each build loads versioned graphs, then one update switches.

The endpoint serves the *live* graphs, ``<base>graph/<name>``, which keep their names so
that a query naming ``GRAPH <…/graph/data>`` means the same on every backend. A build:

1. loads every graph of the new release into a *staging* graph ``<live>/release/<id>``
   (the store is shared and may be serving; nothing reads staging graphs, because the
   endpoint's dataset is always the live graphs, passed as ``default-graph-uri`` and
   ``named-graph-uri``);
2. checks that each staging graph holds exactly the triples it was given;
3. switches in **one update request**: ``COPY`` each staging graph to its live graph, and
   rewrite the release record (graph ``<base>graph/release``: the release id and its
   metadata as JSON, which every ``serve`` process reads to know what is current);
4. drops the staging graphs.

A load that fails or is killed before step 3 leaves the live graphs and the release
record as they were: a half-loaded release is never served, and the next build drops its
leftovers first. The switch is atomic where the store makes one request one transaction
(Oxigraph server does: a SPARQL update request is one transaction). Virtuoso runs the
request's operations in order in one request; readers during those milliseconds may see
some graphs already switched (the copy is store-internal, no data crosses the network).
Copying rather than pointing the servers at versioned graph names costs one store-side
copy per build, and keeps every query's graph IRIs valid.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kuopio_kg import graphs
from kuopio_kg.errors import ReleaseError, StoreUnavailable
from kuopio_kg.release import Release
from kuopio_kg.store.http import HttpStore

_DCTERMS = "http://purl.org/dc/terms/"


def staging_iri(live_iri: str, release_id: str) -> str:
    """Where a release's copy of the live graph ``live_iri`` is loaded before the switch."""
    return f"{live_iri}/release/{release_id}"


class RemoteReleases:
    """The releases of the dataset under ``base_iri`` in one remote store."""

    def __init__(self, store: HttpStore, base_iri: str, data_dir: Path) -> None:
        self.store = store
        self.base_iri = base_iri
        self.data_dir = data_dir
        self.record_iri = graphs.graph_iri(base_iri, "release")
        self.live = {name: graphs.graph_iri(base_iri, name) for name in graphs.ALL}

    def current_id(self) -> str | None:
        record = self._record()
        return None if record is None else str(record["id"])

    def current(self) -> Release:
        """The release the store's record names; ReleaseError before the first build."""
        record = self._record()
        if record is None:
            raise ReleaseError(
                f"No release has been loaded into the store at {self.store.name}; run "
                "`kuopio-kg build --store URL` first."
            )
        return self.release(record)

    def release(self, metadata: Mapping[str, Any]) -> Release:
        """A Release for metadata from the store (its path names no files: the data is
        in the store)."""
        return Release(str(metadata["id"]), self.data_dir / "remote" / str(metadata["id"]),
                       dict(metadata))  # fmt: skip

    def publish(self, release_id: str, contents: Mapping[str, bytes],
                metadata: dict[str, Any]) -> Release:  # fmt: skip
        """Load ``contents`` (N-Triples by graph name) as release ``release_id`` and
        switch the live graphs to it once every graph is loaded and counted."""
        staging = {name: staging_iri(self.live[name], release_id) for name in contents}
        self.store.drop(staging.values())  # leftovers of an interrupted load of this id
        expected = {}
        for name, body in contents.items():
            self.store.add_graph(staging[name], body)
            expected[staging[name]] = sum(1 for _ in ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
        sizes = self.store.graph_sizes()
        for iri, count in expected.items():
            if sizes.get(iri, 0) != count:
                raise StoreUnavailable(
                    f"The store at {self.store.name} holds {sizes.get(iri, 0)} triples in "
                    f"<{iri}> after loading {count}; the release was not switched to."
                )
        metadata = {**metadata, "id": release_id}
        record = json.dumps(metadata, sort_keys=True)
        dataset = f"<{graphs.dataset_iri(self.base_iri)}>"
        switch = [f"COPY SILENT <{staging[name]}> TO <{self.live[name]}>" for name in contents]
        switch += [f"DROP SILENT GRAPH <{self.live[name]}>"
                   for name in self.live if name not in contents]  # fmt: skip
        switch.append(f"DROP SILENT GRAPH <{self.record_iri}>")
        switch.append(
            f"INSERT DATA {{ GRAPH <{self.record_iri}> {{ {dataset} <{_DCTERMS}identifier> "
            f"{ox.Literal(release_id)} ; <{_DCTERMS}description> {ox.Literal(record)} }} }}"
        )
        self.store.update(" ;\n".join(switch))
        self.store.drop(staging.values())
        return self.release(metadata)

    def _record(self) -> dict[str, Any] | None:
        rows = self.store.query(
            f"SELECT ?record WHERE {{ GRAPH <{self.record_iri}> {{ "
            f"?dataset <{_DCTERMS}description> ?record }} }}",
            union_default_graph=False,
        )
        assert isinstance(rows, ox.QuerySolutions)
        for row in rows:
            record = row["record"]
            if isinstance(record, ox.Literal):
                found: dict[str, Any] = json.loads(record.value)
                return found
        return None
