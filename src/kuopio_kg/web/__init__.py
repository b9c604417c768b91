"""The web application: ``create_app(settings)`` builds everything, no module-level state.

The core: :mod:`.app` (the factory), :mod:`.state` (the one object an app keeps),
:mod:`.hygiene` (headers, gzip, request ids), :mod:`.metrics`, :mod:`.pages` (what HTML
pages share) and :mod:`.errors` (errors to responses, in one place); :mod:`.server` and
:mod:`.gunicorn_conf` run it. Four wings: :mod:`.sparql` (the endpoint and query page),
:mod:`.publish` (landing, catalog, dumps, resources, /browse, /why), :mod:`.reconcile`
(the reconciliation service and the search page) and :mod:`.explore` (the network, map
and timeline views and their downloads), each reading HTTP into a call of
:mod:`kuopio_kg.sparql`, :mod:`kuopio_kg.publish` or :mod:`kuopio_kg.reconcile` and writing
the answer back.
"""

from kuopio_kg.web.app import create_app

__all__ = ["create_app"]
