"""Explaining inferred triples of the current release, for the CLI and the web pages.

The reasoner's :class:`~kuopio_kg.reason.Explainer` closes the asserted graphs of a release
once and then unfolds, for any triple of the closure, the rule and premises that derive it
down to asserted triples. The asserted graphs are read back from the release's store, so
what is explained is exactly what is served.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph
from rdflib.exceptions import ParserError
from rdflib.term import Node

from kuopio_kg import graphs
from kuopio_kg.errors import InvalidTriple, NotInClosure
from kuopio_kg.reason import Explainer, Explanation
from kuopio_kg.settings import Settings
from kuopio_kg.store import OxigraphStore

TermTriple = tuple[Node, Node, Node]


def asserted_graph(store: OxigraphStore, settings: Settings) -> Graph:
    """The triples the build reasoned over (ontology, data, links), as an rdflib graph."""
    names = " ".join(f"<{settings.graph_iri(name)}>" for name in graphs.ASSERTED)
    result = store.query(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {names} }} GRAPH ?g {{ ?s ?p ?o }} }}"
    )
    assert isinstance(result, ox.QueryTriples)
    data = ox.serialize(result, format=ox.RdfFormat.N_TRIPLES) or b""
    return Graph().parse(data=data, format="nt")


def parse_triple(text: str) -> TermTriple:
    """One triple in N-Triples syntax (``<s> <p> <o>``, the final dot optional)."""
    line = text.strip()
    graph = Graph()
    try:
        graph.parse(data=line if line.endswith(".") else line + " .", format="nt")
    except (ParserError, ValueError) as exc:
        raise InvalidTriple(f"{text!r} is not one N-Triples triple ({exc}).") from None
    if len(graph) != 1:
        raise InvalidTriple(f"{text!r} is not one N-Triples triple; write '<s> <p> <o>'.")
    (triple,) = graph
    return triple


def explainer_for(store: OxigraphStore, settings: Settings) -> Explainer:
    """An explainer over the asserted graphs of the release behind ``store``."""
    return Explainer(asserted_graph(store, settings))


def explanation(explainer: Explainer, triple: TermTriple) -> Explanation:
    """The derivation of ``triple``; a clear 404-kind error when the closure lacks it."""
    found = explainer.explain(triple)
    if found is None:
        shown = " ".join(term.n3() for term in triple)
        raise NotInClosure(
            f"{shown} is neither asserted nor inferred in the current release; "
            "check the IRIs (query the endpoint to find the exact triple)."
        )
    return found
