"""The curated data: parses, is sourced, links only verified QIDs, and passes the shapes.

Also shows that each shape fires on a small broken example, so a clean report means
something.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Namespace, URIRef, Variable
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, SH, SKOS

REPO = Path(__file__).resolve().parent.parent
ONTOLOGY_FILE = REPO / "ontology" / "kuopio.ttl"
SHAPES_FILE = REPO / "ontology" / "shapes.ttl"
DATA_FILES = sorted((REPO / "data").glob("*.ttl"))
LINK_FILES = sorted((REPO / "data" / "links").glob("*.ttl"))

ID = "https://w3id.org/kuopio-kg/id/"
WD = "http://www.wikidata.org/entity/"
KSHAPE = Namespace("https://w3id.org/kuopio-kg/ontology/shapes#")


def _parse(files: list[Path]) -> Graph:
    graph = Graph()
    for path in files:
        graph.parse(path, format="turtle")
    return graph


@pytest.fixture(scope="module")
def data() -> Graph:
    return _parse(DATA_FILES)


@pytest.fixture(scope="module")
def links() -> Graph:
    return _parse(LINK_FILES)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def _violations(graph: Graph, shapes: Graph) -> Graph:
    _, report, _ = validate(graph, shacl_graph=shapes, advanced=False, allow_warnings=True)
    assert isinstance(report, Graph)
    return report


def _fired(report: Graph, shapes: Graph) -> set[tuple[URIRef, URIRef]]:
    """(focus node, shape) of every result, naming both a property shape and its node shape."""
    fired = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        shape = report.value(result, SH.sourceShape)
        if not isinstance(focus, URIRef):
            continue
        for named in (shape, shapes.value(None, SH.property, shape)):
            if isinstance(named, URIRef):
                fired.add((focus, named))
    return fired


def test_data_files_exist_one_per_area() -> None:
    names = {p.stem for p in DATA_FILES}
    assert {"places", "organisations", "events", "twinning", "awards", "programmes"} <= names
    assert {"concepts", "sources"} <= names
    assert LINK_FILES


def test_every_described_entity_has_a_source(data: Graph) -> None:
    unsourced = {
        s
        for s in data.subjects()
        if isinstance(s, URIRef)
        and str(s).startswith(ID)
        and not str(s).startswith(ID + "source/")
        and (s, DCTERMS.source, None) not in data
    }
    assert unsourced == set()


def test_source_documents_are_described(data: Graph) -> None:
    for name in ("fact-sheet", "city-international-cooperation"):
        doc = URIRef(ID + "source/" + name)
        assert (doc, RDF.type, None) in data
        assert (doc, DCTERMS.title, None) in data
    cited = set(data.objects(None, DCTERMS.source))
    assert URIRef(ID + "source/city-international-cooperation") in cited


#: What a link record of ``accepted.ttl`` (written by ``kuopio-kg link``) says of its link.
RECORD_PREDICATES = {
    RDF.type,
    RDF.subject,
    RDF.predicate,
    RDF.object,
    DCTERMS.type,
    RDF.value,
    PROV.generatedAtTime,
    PROV.wasDerivedFrom,
}


def assert_links_shape(links: Graph) -> None:
    """Exact matches, and close matches for a link that one source gives but a second has
    not yet confirmed; each with its source. A link the linker made also has a
    ``prov:Entity`` record reifying it with its method, score, date and endpoint."""
    records = set(links.subjects(RDF.type, PROV.Entity))
    for subject, predicate, _ in links:
        allowed = (
            RECORD_PREDICATES
            if subject in records
            else {SKOS.exactMatch, SKOS.closeMatch, DCTERMS.source}
        )
        assert predicate in allowed, (subject, predicate)
    for subject, target in links.subject_objects(SKOS.exactMatch | SKOS.closeMatch):
        assert str(target).startswith(WD)
        assert (subject, DCTERMS.source, None) in links
    for record in records:
        linked = links.value(record, RDF.subject), links.value(record, RDF.object)
        assert (linked[0], SKOS.exactMatch, linked[1]) in links
        assert (record, RDF.predicate, SKOS.exactMatch) in links
        for predicate in (DCTERMS.type, RDF.value, PROV.generatedAtTime, PROV.wasDerivedFrom):
            assert (record, predicate, None) in links, (record, predicate)


def test_links_hold_only_matches_and_sources(links: Graph) -> None:
    assert_links_shape(links)


def _verified_qids(shared_dir: Path) -> set[str]:
    text = (shared_dir / "facts" / "kuopio-facts.md").read_text(encoding="utf-8")
    section = text.split("## 10.", 1)[1]
    return set(re.findall(r"\bQ\d+\b", section))


def test_linked_qids_are_verified_in_the_fact_sheet(links: Graph, shared_dir: Path) -> None:
    verified = _verified_qids(shared_dir)
    assert "Q162279" in verified
    linked = {str(t).removeprefix(WD) for t in links.objects(None, SKOS.exactMatch)}
    assert linked - verified == set()


def test_linked_subjects_exist_in_data_or_ontology(
    data: Graph, links: Graph, ontology: Graph
) -> None:
    for subject in links.subjects(SKOS.exactMatch, None):
        assert (subject, RDF.type, None) in data or (subject, RDF.type, None) in ontology


def test_no_owl_same_as(data: Graph, links: Graph) -> None:
    assert not list(data.triples((None, OWL.sameAs, None)))
    assert not list(links.triples((None, OWL.sameAs, None)))


def test_real_data_conforms_to_the_shapes(
    data: Graph, links: Graph, ontology: Graph, shapes: Graph
) -> None:
    report = _violations(data + links + ontology, shapes)
    messages = [str(m) for m in report.objects(None, SH.resultMessage)]
    assert messages == []


BROKEN_PREFIXES = """
@prefix kkg:    <https://w3id.org/kuopio-kg/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix skos:   <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .
@prefix wd:     <http://www.wikidata.org/entity/> .
@prefix ex:     <http://example.org/> .
ex:here a kkg:City ; skos:prefLabel "Here"@en ; dcterms:source ex:doc .
"""

BROKEN = {
    "missing label": (
        "ex:x a kkg:City ; dcterms:source ex:doc .",
        "x",
        KSHAPE.HasLabel,
    ),
    "missing source": (
        'ex:x a kkg:City ; skos:prefLabel "X"@en .',
        "x",
        KSHAPE.HasSource,
    ),
    "missing type": (
        'ex:x skos:prefLabel "X"@en ; dcterms:source ex:doc .',
        "x",
        KSHAPE.TypedEntityShape,
    ),
    "bad year datatype": (
        'ex:x a kkg:Festival ; skos:prefLabel "X"@en ; dcterms:source ex:doc ;'
        ' kkg:heldIn ex:here ; kkg:firstYear "1970"^^xsd:integer .',
        "x",
        KSHAPE.YearEntityShape,
    ),
    "bad date datatype": (
        'ex:x a kkg:Festival ; skos:prefLabel "X"@en ; dcterms:source ex:doc ;'
        ' kkg:heldIn ex:here ; kkg:startDate "7 July 2025" .',
        "x",
        KSHAPE.startDate,
    ),
    "negative count": (
        "ex:x kkg:visitorCount ex:q . ex:q a kkg:Quantity ; schema:value -5 .",
        "q",
        KSHAPE.CountValue,
    ),
    "event without place": (
        'ex:x a kkg:Festival ; skos:prefLabel "X"@en ; dcterms:source ex:doc .',
        "x",
        KSHAPE.EventShape,
    ),
    "result without rank": (
        "ex:x a kkg:Result ; kkg:athlete ex:p ."
        ' ex:p a kkg:Person ; skos:prefLabel "P"@en ; dcterms:source ex:doc .',
        "x",
        KSHAPE.ResultShape,
    ),
    "two entities with one QID": (
        'ex:x a kkg:City ; skos:prefLabel "X"@en ; dcterms:source ex:doc ;'
        " skos:exactMatch wd:Q162279 ."
        ' ex:y a kkg:City ; skos:prefLabel "Y"@en ; dcterms:source ex:doc ;'
        " skos:exactMatch wd:Q162279 .",
        "x",
        KSHAPE.UniqueQidShape,
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_shape_fires_on_a_broken_example(case: str, ontology: Graph, shapes: Graph) -> None:
    turtle, focus, shape = BROKEN[case]
    graph = Graph().parse(data=BROKEN_PREFIXES + turtle, format="turtle")
    report = _violations(graph + ontology, shapes)
    focus_iri = URIRef("http://example.org/" + focus)
    assert (focus_iri, shape) in _fired(report, shapes)


def test_every_shape_has_message_and_description(shapes: Graph) -> None:
    shape_nodes = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(
        shapes.subjects(RDF.type, SH.PropertyShape)
    )
    shape_nodes |= set(shapes.objects(None, SH.property))
    shape_nodes |= set(shapes.objects(None, SH.sparql))
    for node in shape_nodes:
        assert (node, SH.message, None) in shapes, node
        assert (node, SH.description, None) in shapes, node


HIGHER_EDUCATION_WITHOUT_PROGRAMME = """
PREFIX kkg: <https://w3id.org/kuopio-kg/ontology#>
PREFIX place: <https://w3id.org/kuopio-kg/id/place/>
SELECT ?hei WHERE {
  VALUES ?class { kkg:University kkg:UniversityOfAppliedSciences }
  ?hei a ?class .
  { ?hei kkg:basedIn place:kuopio } UNION { ?hei kkg:campus place:kuopio }
  FILTER NOT EXISTS { ?hei kkg:dissolutionDate ?ended }
  FILTER NOT EXISTS { ?hei kkg:participatesIn ?programme }
  FILTER NOT EXISTS { ?accreditation kkg:holder ?hei ; kkg:programme ?programme }
  FILTER NOT EXISTS { ?project kkg:partnerOrganisation ?hei ; kkg:programme ?programme }
}
"""


def test_every_higher_education_institution_in_kuopio_takes_part_in_a_programme(
    data: Graph,
) -> None:
    """Issue 10's acceptance: each current university and university of applied sciences
    with its seat or a campus in Kuopio takes part in at least one programme."""
    found = data.query(HIGHER_EDUCATION_WITHOUT_PROGRAMME).bindings
    assert [str(row[Variable("hei")]) for row in found] == []
