"""The Erasmus+ mobility import, in the order data passes through it: :mod:`.columns` (the
published columns and their spellings), :mod:`.read` (reading CSV and XLSX),
:mod:`.aggregate` (rows to flows, with :mod:`.stats`, the row accounting), :mod:`.vocab`
(the IRIs minted and the ISCED vocabularies), :mod:`.entities` (matching organisations,
cities and countries), :mod:`.tables` (the resolved flows as CSV tables, which the RML
mapping ``mapping.rml.ttl`` also reads), :mod:`.rdf` (the fast path from the tables to
``graph/mobility``), :mod:`.folder` (the imports folder) and :mod:`.importer`
(:func:`import_erasmus`, the whole import, and its report).
"""

from kuopio_kg.ingest.erasmus.importer import ImportReport, import_erasmus

__all__ = ["ImportReport", "import_erasmus"]
