"""The SPARQL wing: /sparql, the Graph Store /graph-store and the query page /query.

A request goes :mod:`.views` → :mod:`.protocol` (which operation, text and dataset) →
:mod:`.negotiation` (which result format) → :class:`kuopio_kg.sparql.Endpoint` → the
response; :mod:`.graph_store` reads Graph Store requests; :mod:`.ui` renders the YASGUI page.
"""

from kuopio_kg.web.sparql.views import install_sparql

__all__ = ["install_sparql"]
