"""Updates as a journal over the release (DESIGN.md, "Updates are a journal").

:mod:`.config` is what a writer is told, :mod:`.terms` converts terms between Oxigraph
and rdflib, :mod:`.state` evaluates an update on a copy of the store and keeps the
closure with it, :mod:`.journal` keeps the accepted changes on disk, :mod:`.position` says
how far a store has come, :mod:`.writer` does all of it for one update at a time, and
:mod:`.manage` is what ``kuopio-kg updates`` runs.
"""

from kuopio_kg.updates.config import Config, writer_config
from kuopio_kg.updates.journal import Entry, Journal
from kuopio_kg.updates.writer import Writer

__all__ = ["Config", "Entry", "Journal", "Writer", "writer_config"]
