"""Importing published tables into the graph: :mod:`.countries` (ISO and EU country codes,
names, Wikidata QIDs), :mod:`.gazetteer` (an offline GeoNames gazetteer), :mod:`.imports`
(the imports folder and its manifest, which the load and the build read) and
:mod:`.erasmus` (the Erasmus+ mobility tables).
"""

__all__: list[str] = []
