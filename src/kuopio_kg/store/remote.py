"""The remote store the settings name (``KUOPIO_KG_STORE`` and its companions)."""

from __future__ import annotations

from kuopio_kg import graphs
from kuopio_kg.settings import Settings
from kuopio_kg.store.http import HttpStore


def remote_store(settings: Settings) -> HttpStore:
    """The HttpStore of ``settings.store``; requests without a deadline of their own (the
    build's loads, the release record) may take ``query_timeout`` seconds each."""
    return HttpStore(
        settings.store,
        settings.store_update,
        settings.store_graph_store,
        settings.store_user,
        settings.store_password,
        timeout=max(settings.query_timeout, 60.0),
    )


def served_store(settings: Settings) -> HttpStore:
    """The remote store as the endpoint queries it: over the live graphs of the release
    (the staging graphs of a build in progress and the release record stay out of sight)."""
    return remote_store(settings).with_graphs([settings.graph_iri(name) for name in graphs.ALL])
