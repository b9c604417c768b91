"""The ontology: header, labels and comments, vocabulary alignment, OWL 2 RL profile."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

REPO = Path(__file__).resolve().parent.parent
ONTOLOGY_FILE = REPO / "ontology" / "kuopio.ttl"
ONTOLOGY = URIRef("https://w3id.org/kuopio-kg/ontology")
KKG = "https://w3id.org/kuopio-kg/ontology#"

#: External vocabularies a term may align to.
EXTERNAL = (
    "https://schema.org/",
    "http://www.w3.org/ns/org#",
    "http://www.w3.org/2006/time#",
    "http://purl.org/dc/terms/",
    "http://www.w3.org/2004/02/skos/core#",
    "http://www.opengis.net/ont/geosparql#",
    "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "http://www.w3.org/ns/prov#",
    "http://xmlns.com/foaf/0.1/",
)

#: Terms with no fitting external super-term, and why. Their subterms inherit the reason.
UNALIGNED = {
    KKG + "AwardRecipient": "recipients are people, organisations or regions; no common class",
    KKG + "partnerOf": "org:linkedTo is for organisations only; partners here include places",
    KKG + "twinnedPlace": "the party of a relationship node has no external property",
    KKG + "frequency": "schema:repeatFrequency belongs to schema:Schedule and takes text",
    KKG + "typicalMonth": "schema.org puts months only inside a schema:Schedule",
    KKG + "approximate": "no vocabulary flags a figure as approximate",
    KKG + "quantity": "schema.org has no general property to a QuantitativeValue",
    KKG + "rowsRead": "no vocabulary counts the rows of a source table",
    KKG + "rowsKept": "no vocabulary counts the rows of a source table",
}

_AXIS = (RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, OWL.equivalentProperty)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def _terms(graph: Graph) -> list[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    found = {s for k in kinds for s in graph.subjects(RDF.type, k) if isinstance(s, URIRef)}
    return sorted(t for t in found if str(t).startswith(KKG))


def _supers(graph: Graph, term: Node) -> set[Node]:
    seen: set[Node] = set()
    todo = [term]
    while todo:
        node = todo.pop()
        for axis in _AXIS:
            for sup in graph.objects(node, axis):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        for sub in graph.subjects(OWL.equivalentClass, node):
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return seen


def test_ontology_parses_and_declares_terms(ontology: Graph) -> None:
    assert len(_terms(ontology)) > 50


def test_header(ontology: Graph) -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY, OWL.versionIRI) == URIRef(
        "https://w3id.org/kuopio-kg/ontology/0.1.0"
    )
    assert ontology.value(ONTOLOGY, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    assert ontology.value(ONTOLOGY, DCTERMS.title) is not None
    assert ontology.value(ONTOLOGY, DCTERMS.description) is not None
    comment = str(ontology.value(ONTOLOGY, RDFS.comment))
    assert "skos:prefLabel" in comment
    assert "schema:name" in comment


def test_every_term_has_fi_and_en_labels_and_an_english_comment(ontology: Graph) -> None:
    missing = []
    for term in _terms(ontology):
        labels = {o.language for o in ontology.objects(term, RDFS.label) if isinstance(o, Literal)}
        comments = {
            o.language for o in ontology.objects(term, RDFS.comment) if isinstance(o, Literal)
        }
        if not {"fi", "en"} <= labels or "en" not in comments:
            missing.append(str(term))
    assert missing == []


def test_every_term_aligns_to_an_external_vocabulary(ontology: Graph) -> None:
    unaligned = []
    for term in _terms(ontology):
        supers = _supers(ontology, term) | {term}
        external = any(str(s).startswith(EXTERNAL) for s in supers if isinstance(s, URIRef))
        excused = any(str(s) in UNALIGNED for s in supers)
        if not (external or excused):
            unaligned.append(str(term))
    assert unaligned == []


def test_allow_list_names_only_real_unaligned_terms(ontology: Graph) -> None:
    for name in UNALIGNED:
        term = URIRef(name)
        assert term in _terms(ontology)
        supers = _supers(ontology, term)
        assert not any(str(s).startswith(EXTERNAL) for s in supers if isinstance(s, URIRef))


def _restrictions_in_superclass_position(graph: Graph) -> list[Node]:
    """Class expressions that appear as a superclass or on either side of an equivalence."""
    out: list[Node] = []
    for _, sup in graph.subject_objects(RDFS.subClassOf):
        out.append(sup)
    for left, right in graph.subject_objects(OWL.equivalentClass):
        out.extend([left, right])
    expanded: list[Node] = []
    while out:
        node = out.pop()
        expanded.append(node)
        for lst in graph.objects(node, OWL.intersectionOf):
            out.extend(graph.items(lst))
    return [n for n in expanded if isinstance(n, BNode)]


def test_owl2_rl_profile(ontology: Graph) -> None:
    """No construct outside OWL 2 RL: the usual suspects checked one by one."""
    forbidden_anywhere = (
        OWL.disjointUnionOf,
        OWL.ReflexiveProperty,
        OWL.hasSelf,
        OWL.minCardinality,
        OWL.cardinality,
        OWL.minQualifiedCardinality,
        OWL.qualifiedCardinality,
        OWL.hasKey,
    )
    for term in forbidden_anywhere:
        assert not list(ontology.triples((None, term, None))), term
        assert not list(ontology.triples((None, RDF.type, term))), term
    for card in (OWL.maxCardinality, OWL.maxQualifiedCardinality):
        for value in ontology.objects(None, card):
            assert isinstance(value, Literal)
            assert int(value) in (0, 1)
    for node in _restrictions_in_superclass_position(ontology):
        for bad in (OWL.someValuesFrom, OWL.unionOf, OWL.oneOf):
            assert ontology.value(node, bad) is None, f"{bad} in superclass position"
    equivalence_sides = [n for pair in ontology.subject_objects(OWL.equivalentClass) for n in pair]
    for node in equivalence_sides:
        assert ontology.value(node, OWL.allValuesFrom) is None
        assert ontology.value(node, OWL.complementOf) is None
    for sub in ontology.subjects(RDFS.subClassOf, None):
        assert ontology.value(sub, OWL.allValuesFrom) is None, "allValuesFrom as a subclass"
        assert ontology.value(sub, OWL.complementOf) is None, "complementOf as a subclass"
    for chain in ontology.objects(None, OWL.propertyChainAxiom):
        assert all(isinstance(p, URIRef) for p in ontology.items(chain))


def test_features_the_reasoner_needs_are_declared(ontology: Graph) -> None:
    k = KKG
    assert (URIRef(k + "locatedIn"), RDF.type, OWL.TransitiveProperty) in ontology
    assert (URIRef(k + "twinnedWith"), RDF.type, OWL.SymmetricProperty) in ontology
    assert (URIRef(k + "partnerOf"), RDF.type, OWL.SymmetricProperty) in ontology
    assert (URIRef(k + "hostedBy"), OWL.inverseOf, URIRef(k + "hosts")) in ontology
    assert (URIRef(k + "editionOf"), OWL.inverseOf, URIRef(k + "hasEdition")) in ontology
    assert ontology.value(URIRef(k + "heldIn"), OWL.propertyChainAxiom) is not None


WDT = "http://www.wikidata.org/prop/direct/"


def test_wikidata_property_matches_are_declared_properties(ontology: Graph) -> None:
    matched = {s for s, o in ontology.subject_objects(SKOS.closeMatch) if str(o).startswith(WDT)}
    assert len(matched) >= 15
    for prop in matched:
        assert (prop, RDF.type, OWL.ObjectProperty) in ontology or (
            prop,
            RDF.type,
            OWL.DatatypeProperty,
        ) in ontology, prop


def test_wikidata_property_matches_are_verified_in_the_fact_sheet(
    ontology: Graph, shared_dir: Path
) -> None:
    sheet = (shared_dir / "facts" / "kuopio-facts.md").read_text(encoding="utf-8")
    section = sheet.split("## 8.", 1)[1].split("\n## ", 1)[0]
    verified = set(re.findall(r"\bP\d+\b", section))
    used = {str(o).removeprefix(WDT) for o in ontology.objects(None, SKOS.closeMatch)
            if str(o).startswith(WDT)}  # fmt: skip
    assert used - verified == set()
