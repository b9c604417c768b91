"""The IRIs an import mints, and the ISCED schemes of data/isced.ttl it points to."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from conftest import REPO
from kuopio_kg.ingest.erasmus import vocab

ISCED = REPO / "data" / "isced.ttl"
C = "https://w3id.org/kuopio-kg/id/concept/"


@pytest.fixture(scope="module")
def isced() -> Graph:
    return Graph().parse(ISCED)


def test_slugs_and_iris() -> None:
    assert vocab.slug("E MADRID03") == "e-madrid03"
    assert vocab.organisation_iri("E MADRID03", "x", "y", "ES").endswith("/erasmus-e-madrid03")
    assert vocab.city_iri("ES", "madrid") == "https://w3id.org/kuopio-kg/id/place/es-madrid"
    assert vocab.country_iri("Netherlands").endswith("/id/place/netherlands")
    assert vocab.source_iri("ab" * 32).endswith("/id/source/erasmus-" + "ab" * 8)
    by_name = vocab.organisation_iri(None, "hotel olympia", "thessaloniki", "GR")
    assert by_name == vocab.organisation_iri(None, "hotel olympia", "thessaloniki", "GR")
    assert by_name != vocab.organisation_iri(None, "hotel olympia", "athens", "GR")


def test_levels_are_isced_2011_levels_0_to_8() -> None:
    assert vocab.level_iri(6) == C + "isced-2011-6"
    assert vocab.level_iri(0) == C + "isced-2011-0"
    assert vocab.level_iri(None) is None
    assert vocab.level_iri(9) is None


def test_staff_activities_are_staff_mobility() -> None:
    assert vocab.activity_broader("staff mobility for teaching") == vocab.STAFF_MOBILITY
    assert vocab.activity_broader("vet learners mobility") == vocab.LEARNER_MOBILITY


def test_fields_by_code_by_nearest_code_and_by_label(isced: Graph) -> None:
    fields = vocab.Fields(isced)
    assert fields.find("0413", None) == C + "isced-f-2013-0413"
    assert fields.find("0418", None) == C + "isced-f-2013-041"
    assert fields.find("04", "whatever") == C + "isced-f-2013-04"
    assert fields.find(None, "management AND administration") == C + "isced-f-2013-0413"
    assert fields.find(None, "Underwater basket weaving") is None
    assert fields.find(None, None) is None


def test_isced_f_2013_has_its_broad_narrow_and_detailed_fields(isced: Graph) -> None:
    scheme = URIRef(C + "isced-f-2013")
    concepts = set(isced.subjects(SKOS.inScheme, scheme))
    codes = {str(isced.value(c, SKOS.notation)): c for c in concepts}
    broad = {code for code in codes if len(code) == 2}
    assert broad == {f"{n:02d}" for n in range(11)} | {"99"}
    assert set(isced.objects(scheme, SKOS.hasTopConcept)) | set(
        isced.subjects(SKOS.topConceptOf, scheme)
    ) == {codes[b] for b in broad}
    assert isced.value(codes["0413"], SKOS.prefLabel) == Literal(
        "Management and administration", lang="en"
    )
    assert isced.value(codes["0912"], SKOS.prefLabel) == Literal("Medicine", lang="en")
    assert len([c for c in codes if len(c) == 4]) > 80
    for code, concept in codes.items():
        assert concept == URIRef(f"{C}isced-f-2013-{code}")
        assert (concept, RDF.type, SKOS.Concept) in isced
        if len(code) > 2:
            assert isced.value(concept, SKOS.broader) == codes[code[:-1]], code


def test_isced_2011_levels_and_every_concept_cites_unesco(isced: Graph) -> None:
    levels = set(isced.subjects(SKOS.inScheme, URIRef(C + "isced-2011")))
    assert levels == {URIRef(f"{C}isced-2011-{n}") for n in range(9)}
    assert isced.value(URIRef(C + "isced-2011-7"), SKOS.prefLabel) == Literal(
        "Master's or equivalent level", lang="en"
    )
    described = set(isced.subjects(SKOS.prefLabel, None))
    for entity in described:
        sources = [str(s) for s in isced.objects(entity, DCTERMS.source)]
        assert sources, entity
        assert all(s.startswith("https://uis.unesco.org/") for s in sources), entity
