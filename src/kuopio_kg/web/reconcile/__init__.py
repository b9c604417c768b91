"""The reconciliation wing, mirroring :mod:`kuopio_kg.reconcile`.

:mod:`.routes` serves the Reconciliation API 0.2 under /reconcile (manifest, queries,
suggest, preview, view, data extension) and installs the wing; :mod:`.search` is the search
page people use, over the same index (:mod:`.answer` holds what both share: the index of
the current release, the language asked for, JSON and JSONP answers).
"""

from kuopio_kg.web.reconcile.routes import install_reconcile

__all__ = ["install_reconcile"]
