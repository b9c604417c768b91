"""The file of links the linker made: ``skos:exactMatch`` with a provenance record each.

The hand-made ``wikidata.ttl`` is never touched. Each link in ``accepted.ttl`` is the
triple itself (with ``dcterms:source``, the endpoint, as every link file has) and a
``prov:Entity`` that reifies it with how it was made (``dcterms:type``: clear winner or
curator), its score (``rdf:value``), when (``prov:generatedAtTime``) and from where
(``prov:wasDerivedFrom``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD

from kuopio_kg.link.entities import WD

#: ``dcterms:type`` of a link record: the linker decided alone, or a curator accepted it.
METHODS = {"winner": "clear-winner", "curator": "curator-accepted"}


@dataclass(frozen=True)
class Link:
    entity: str
    qid: str
    score: float
    retrieved: str
    method: str


def _graph(path: Path) -> Graph:
    graph = Graph()
    if path.is_file():
        graph.parse(path, format="turtle")
    graph.bind("skos", SKOS)
    graph.bind("dcterms", DCTERMS)
    graph.bind("prov", PROV)
    graph.bind("wd", Namespace(WD))
    return graph


def add(path: Path, links: Iterable[Link], endpoint: str) -> int:
    """Add ``links`` to the Turtle file ``path`` (created if absent); how many were new."""
    graph = _graph(path)
    added = 0
    for link in links:
        subject, target = URIRef(link.entity), URIRef(WD + link.qid)
        if (subject, SKOS.exactMatch, target) in graph:
            continue
        added += 1
        graph.add((subject, SKOS.exactMatch, target))
        graph.add((subject, DCTERMS.source, URIRef(endpoint)))
        record = BNode()
        for p, o in (
            (RDF.type, PROV.Entity),
            (RDF.type, RDF.Statement),
            (RDF.subject, subject),
            (RDF.predicate, SKOS.exactMatch),
            (RDF.object, target),
            (DCTERMS.type, Literal(METHODS[link.method])),
            (RDF.value, Literal(f"{link.score:.3f}", datatype=XSD.decimal)),
            (PROV.generatedAtTime, Literal(link.retrieved + "T00:00:00Z", datatype=XSD.dateTime)),
            (PROV.wasDerivedFrom, URIRef(endpoint)),
        ):
            graph.add((record, p, o))
    path.parent.mkdir(parents=True, exist_ok=True)
    graph.serialize(path, format="turtle")
    return added
