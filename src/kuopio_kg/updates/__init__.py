"""Updates as a journal over the release (DESIGN.md, "Updates are a journal").

:mod:`.config` is what a writer is told, :mod:`.terms` converts terms between Oxigraph
and rdflib, :mod:`.state` evaluates an update on a copy of the store and keeps the
closure with it, :mod:`.journal` keeps the accepted changes on disk, :mod:`.position` says
how far a store has come, :mod:`.writer` does all of it for one update at a time, and
:mod:`.manage` is what ``kuopio-kg updates`` runs.
"""

from kuopio_kg.updates.config import Config, writer_config

# Only the light part here: a query worker imports this package, and the writer (rdflib,
# the reasoner, pySHACL) is imported where it writes.
__all__ = ["Config", "writer_config"]
