"""The index holds every labelled entity typed with one of our classes, with inferred types."""

from __future__ import annotations

from kuopio_kg.reconcile import Index
from kuopio_kg.release import Release
from kuopio_kg.settings import Settings
from kuopio_kg.store import OxigraphStore

KKG = "https://w3id.org/kuopio-kg/ontology#"


def test_every_labelled_entity_of_our_classes_is_indexed(
    index: Index, settings: Settings, release: Release
) -> None:
    rows = OxigraphStore(release.store_path).select(
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH <"
        + settings.graph_iri("data")
        + "> { ?e <http://www.w3.org/2004/02/skos/core#prefLabel> ?l } ?e a ?c "
        f'FILTER(STRSTARTS(STR(?c), "{KKG}")) }}'
    )
    assert len(index.entities) == int(rows[0]["n"].value) > 200
    assert index.entity("concept--dance") is None, "SKOS concepts are not our classes"


def test_types_include_inferred_superclasses_and_show_the_most_specific(index: Index) -> None:
    kuopio = index.entity("place--kuopio")
    assert kuopio is not None
    assert {KKG + "City", KKG + "Place"} <= kuopio.types
    assert kuopio.shown_types == (KKG + "City",)
    assert index.by_iri[kuopio.iri] in index.of_class[KKG + "Place"]


def test_names_in_both_languages_and_alternative_labels(index: Index) -> None:
    festival = index.entity("event--kuopio-dance-festival")
    assert festival is not None
    assert festival.name("en") == "Kuopio Dance Festival"
    assert festival.name("fi") == "Kuopio Tanssii ja Soi"
    assert "Kuopio tanssii" in festival.labels


def test_top_classes_are_the_roots_of_our_hierarchy_that_have_entities(index: Index) -> None:
    tops = {term.iri.removeprefix(KKG) for term in index.top_classes()}
    assert {"Place", "Organisation", "Event", "Award", "Programme"} <= tops
    assert "City" not in tops
    assert index.classes[KKG + "Place"].name("fi") == "paikka"


def test_values_come_from_the_union_of_graphs(index: Index) -> None:
    kuopio = index.entity("place--kuopio")
    assert kuopio is not None
    located = {v.iri for v in kuopio.values[KKG + "locatedIn"]}
    assert index.id_space + "place/finland" in located, "transitive locatedIn is inferred"
