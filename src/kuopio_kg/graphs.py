"""The named graphs of a release and the dataset they make up: the project's shared words.

Every module that names a graph takes the name from here; this module imports nothing
from the project, so anything may import it. A graph's IRI is ``<base>graph/<name>``; the
dataset as a whole is ``<base>dataset``.
"""

from __future__ import annotations

#: The graphs the inputs fill, in load order; SHACL validates them and the reasoner
#: closes their union. ``mobility`` holds what ``kuopio-kg import erasmus`` imported
#: (empty until something is).
ASSERTED = ("ontology", "data", "links", "mobility")
#: The graph of imported Erasmus+ mobility flows.
MOBILITY = "mobility"
#: What the reasoner adds (new triples only).
INFERRED = "inferred"
#: What the build says about the release itself (VoID counts, version).
METADATA = "metadata"
#: Every graph a release stores, in the order dumps and VoID list them.
ALL = (*ASSERTED, INFERRED, METADATA)
#: The graphs the dataset's VoID and metadata count as its subsets.
COUNTED = (*ASSERTED, INFERRED)


def graph_prefix(base_iri: str) -> str:
    """What every graph IRI under ``base_iri`` starts with."""
    return base_iri + "graph/"


def graph_iri(base_iri: str, name: str) -> str:
    """The IRI of the graph ``name`` (one of :data:`ALL`) under ``base_iri``."""
    return graph_prefix(base_iri) + name


def dataset_iri(base_iri: str) -> str:
    """The IRI of the whole dataset: what VoID, DCAT and the landing page describe."""
    return base_iri + "dataset"
