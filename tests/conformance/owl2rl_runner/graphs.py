"""Reading a case's graphs: the premise with the ontologies it imports, and the conclusion
without its ontology header (which names the conclusion document, not a consequence)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import OWL, RDF

_FORMATS = {".ttl": "turtle", ".rdf": "xml"}


def read(path: Path) -> Graph:
    """Parse a case file; its format follows from its extension."""
    return Graph().parse(path, format=_FORMATS[path.suffix])


def premise(path: Path, imports: Mapping[str, Path]) -> Graph:
    """The premise merged with every ontology it imports, transitively, that has a local
    copy in ``imports`` (ontology IRI -> file). Nothing is fetched."""
    graph = read(path)
    pending = [str(iri) for iri in graph.objects(None, OWL.imports)]
    seen: set[str] = set()
    while pending:
        iri = pending.pop()
        if iri in seen or iri not in imports:
            continue
        seen.add(iri)
        imported = read(imports[iri])
        graph += imported
        pending.extend(str(nested) for nested in imported.objects(None, OWL.imports))
    return graph


def conclusion(path: Path) -> Graph:
    """The conclusion's triples, less those about its ``owl:Ontology`` nodes and its
    ``owl:imports`` statements."""
    graph = read(path)
    headers = set(graph.subjects(RDF.type, OWL.Ontology))
    body = Graph()
    for s, p, o in graph:
        if s not in headers and p != OWL.imports:
            body.add((s, p, o))
    return body
