"""Human documentation of the ontology: every class and property with its labels, comment,
hierarchy, domain, range and alignment to other vocabularies (asserted in graph/ontology).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kuopio_kg.publish.labels import labels
from kuopio_kg.settings import Settings
from kuopio_kg.store import OxigraphStore

#: The rdf:type of a term → the section it is documented in.
KINDS: dict[str, str] = {
    "http://www.w3.org/2002/07/owl#Class": "classes",
    "http://www.w3.org/2000/01/rdf-schema#Class": "classes",
    "http://www.w3.org/2002/07/owl#ObjectProperty": "properties",
    "http://www.w3.org/2002/07/owl#DatatypeProperty": "properties",
    "http://www.w3.org/2002/07/owl#AnnotationProperty": "properties",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property": "properties",
}

#: Relations shown for a term: predicate → heading. Values outside our namespace are the
#: alignment to other vocabularies.
RELATIONS: dict[str, str] = {
    "http://www.w3.org/2000/01/rdf-schema#subClassOf": "subclass of",
    "http://www.w3.org/2002/07/owl#equivalentClass": "equivalent class",
    "http://www.w3.org/2000/01/rdf-schema#subPropertyOf": "subproperty of",
    "http://www.w3.org/2002/07/owl#equivalentProperty": "equivalent property",
    "http://www.w3.org/2002/07/owl#inverseOf": "inverse of",
    "http://www.w3.org/2000/01/rdf-schema#domain": "domain",
    "http://www.w3.org/2000/01/rdf-schema#range": "range",
}
_TEXTS = {
    "http://www.w3.org/2000/01/rdf-schema#label": "labels",
    "http://www.w3.org/2004/02/skos/core#prefLabel": "labels",
    "http://www.w3.org/2000/01/rdf-schema#comment": "comments",
    "http://www.w3.org/2004/02/skos/core#definition": "comments",
}


@dataclass
class Term:
    iri: str
    anchor: str
    kinds: set[str] = field(default_factory=set)
    labels: list[tuple[str, str]] = field(default_factory=list)
    comments: list[tuple[str, str]] = field(default_factory=list)
    relations: dict[str, list[str]] = field(default_factory=dict)
    narrower: list[str] = field(default_factory=list)


@dataclass
class OntologyDoc:
    iri: str
    classes: list[Term]
    properties: list[Term]
    names: dict[str, str]
    header: list[tuple[str, str]]


def document_ontology(store: OxigraphStore, settings: Settings) -> OntologyDoc:
    """Every term under ``<base>ontology#`` as asserted in the ontology graph."""
    namespace = settings.ontology_iri + "#"
    rows = store.select(
        f"SELECT ?t ?p ?o WHERE {{ GRAPH <{settings.graph_iri('ontology')}> {{ ?t ?p ?o }} "
        f'FILTER(STRSTARTS(STR(?t), "{namespace}") || ?t = <{settings.ontology_iri}>) }}'
    )
    terms: dict[str, Term] = {}
    for row in rows:
        iri, predicate, value = row["t"].value, row["p"].value, row["o"]
        term = terms.setdefault(iri, Term(iri, iri.removeprefix(namespace)))
        text = (value.value, getattr(value, "language", None) or "")
        if predicate == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" and value.value in KINDS:
            term.kinds.add(KINDS[value.value])
        elif predicate in _TEXTS:
            getattr(term, _TEXTS[predicate]).append(text)
        elif predicate in RELATIONS and hasattr(value, "value") and "://" in value.value:
            term.relations.setdefault(RELATIONS[predicate], []).append(value.value)
    for term in terms.values():
        term.labels.sort(key=lambda t: t[1])
        for parents in (
            term.relations.get("subclass of", []),
            term.relations.get("subproperty of", []),
        ):
            for parent in parents:
                if parent in terms:
                    terms[parent].narrower.append(term.iri)
    mentioned = set(terms)
    for term in terms.values():
        for values in term.relations.values():
            mentioned.update(values)
    header = terms.pop(settings.ontology_iri, Term(settings.ontology_iri, ""))
    ordered = sorted(terms.values(), key=lambda t: t.anchor.lower())
    return OntologyDoc(
        iri=settings.ontology_iri,
        classes=[t for t in ordered if "classes" in t.kinds],
        properties=[t for t in ordered if "properties" in t.kinds],
        names=labels(store, mentioned),
        header=header.labels + header.comments,
    )
