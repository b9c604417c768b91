"""Which store a query worker reads: a copy in memory for a small release, the store on
disk (whose page cache every worker shares) above ``memory_store_triples``."""

from __future__ import annotations

import pytest

from kuopio_kg.release import Release
from kuopio_kg.sparql.handle import StoreHandle, release_triples


def test_release_triples_add_up_the_graphs_of_the_release(release: Release) -> None:
    assert release_triples(release.store_path) == sum(release.metadata["graphs"].values())


@pytest.mark.parametrize(
    ("in_memory", "extra", "copied"),
    [(True, 0, True), (True, -1, False), (False, 0, False)],
)
def test_a_release_is_copied_into_memory_only_up_to_the_threshold(
    release: Release, in_memory: bool, extra: int, copied: bool
) -> None:
    """``extra`` moves the threshold against the release's size (-1: one triple too many)."""
    size = release_triples(release.store_path)
    assert size
    handle = StoreHandle(in_memory, copy_max_triples=size + extra)
    with handle.reading(release.store_path) as store:
        assert store.in_memory is copied
        assert store.ask("ASK { ?s ?p ?o }")
