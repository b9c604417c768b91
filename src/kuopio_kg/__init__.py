"""kuopio-kg: a linked-open-data knowledge graph of Kuopio's international cooperation.

The pipeline half, in data order: :mod:`.settings` (read once) → (:mod:`.ingest`, which
imports published tables into the imports folder) → :mod:`.load` →
:mod:`.validate` → :mod:`.reason` → :mod:`.store` → :mod:`.release`, run by :mod:`.build`;
before it, :mod:`.ingest` imports published tables (the Erasmus+ mobility tables); below
everything, the shared words :mod:`.graphs`, :mod:`.formats`, :mod:`.namespaces` and
:mod:`.errors`. The serving half: :mod:`.current` follows the current release,
:mod:`.sparql` answers queries, :mod:`.updates` keeps the updates as a journal over the
release, :mod:`.publish` describes the release, :mod:`.reconcile`
matches names to its entities (the reconciliation service), :mod:`.web` serves them all;
:mod:`.link` links the entities with Wikidata and checks the links; :mod:`.query`,
:mod:`.why`, :mod:`.results` and :mod:`.examples` serve the CLI (:mod:`.cli`) and the pages.

The public surface is importable from here. It is loaded on first use, so that a query
worker (which imports :mod:`kuopio_kg.sparql.worker`) loads neither Flask nor rdflib.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from kuopio_kg.build import build
    from kuopio_kg.errors import KuopioKgError
    from kuopio_kg.settings import Settings
    from kuopio_kg.web import create_app

#: Public name → the module that defines it.
_PUBLIC = {
    "Settings": "kuopio_kg.settings",
    "build": "kuopio_kg.build",
    "create_app": "kuopio_kg.web",
    "KuopioKgError": "kuopio_kg.errors",
}

__all__ = ["KuopioKgError", "Settings", "__version__", "build", "create_app"]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'kuopio_kg' has no attribute {name!r}")
