"""What a release says about itself, for people and harvesters, made from its store.

:mod:`.datasets` holds the titles and descriptions of the published datasets;
:mod:`.dumps` writes the dump files; :mod:`.void` counts the release (VoID);
:mod:`.dcat_terms` and :mod:`.dcat` make the DCAT-AP catalog; :mod:`.labels`,
:mod:`.describe` and :mod:`.features` make the page of one resource; :mod:`.ontology_doc`
documents the ontology; :mod:`.site` lists the entities for the site map and landing page.
"""

from kuopio_kg.publish.dcat import catalog_graph
from kuopio_kg.publish.describe import describe
from kuopio_kg.publish.dumps import ensure_dumps
from kuopio_kg.publish.void import void_graph

__all__ = ["catalog_graph", "describe", "ensure_dumps", "void_graph"]
