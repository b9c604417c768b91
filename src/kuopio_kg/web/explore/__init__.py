"""The explore wing: the network, map and timeline views at /explore/ and their downloads.

:mod:`.routes` serves the pages and installs the wing; each page runs its query file
(``queries/explore-*.rq``) against /sparql from the browser and draws the answer with the
vendored libraries in ``web/static/explore/``. The downloads are made on the server from
the same query, run through the app's query service (:mod:`.rows`), by :mod:`.network`
(GraphML and CSV) and :mod:`.places` (GeoJSON).
"""

from kuopio_kg.web.explore.routes import install_explore

__all__ = ["install_explore"]
