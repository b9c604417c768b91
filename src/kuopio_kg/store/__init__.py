"""Stores that hold a release's named graphs and answer SPARQL over them.

:mod:`.base` is the interface the build writes to and the pages read from;
:mod:`.oxigraph` is the embedded Oxigraph store behind it; :mod:`.lock` is the lock that
keeps readers out of a store while the update journal's writer changes it; :mod:`.http` is
a remote SPARQL 1.1 store over HTTP, :mod:`.remote` makes it from the settings, and
:mod:`.versions` keeps a remote store's releases (versioned graphs, one switch).
"""

from kuopio_kg.store.base import Store
from kuopio_kg.store.oxigraph import OxigraphStore

__all__ = ["OxigraphStore", "Store"]
