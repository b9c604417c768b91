"""Suggest by prefix, data extension cells and proposed properties."""

from __future__ import annotations

import pytest

from kuopio_kg.errors import ReconcileError
from kuopio_kg.reconcile import (
    Index,
    extend,
    propose,
    suggest_entities,
    suggest_properties,
    suggest_types,
)
from kuopio_kg.reconcile.extend import cell
from kuopio_kg.reconcile.index import Value
from kuopio_kg.reconcile.suggest import prefix_rank

KKG = "https://w3id.org/kuopio-kg/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"


def _ids(answer: dict[str, list[dict[str, str]]]) -> list[str]:
    return [item["id"] for item in answer["result"]]


def test_prefix_rank() -> None:
    assert prefix_rank("kuopio da", "kuopio dance festival") == 100
    assert prefix_rank("dance", "kuopio dance festival") == 90
    assert prefix_rank("kuopio fest", "kuopio dance festival") == 90
    assert prefix_rank("rock fest", "kuopio dance festival") is None


def test_entity_suggest_completes_words_and_forgives_typos(index: Index) -> None:
    assert _ids(suggest_entities(index, "Kuopio Da", "en"))[0] == "event--kuopio-dance-festival"
    assert _ids(suggest_entities(index, "jönk", "en"))[0] == "place--jonkoping"
    assert "place--jonkoping" in _ids(suggest_entities(index, "Jonkopng", "en"))
    assert _ids(suggest_entities(index, "pohjois-sa", "fi"))[0] == "place--north-savo"
    assert suggest_entities(index, "pohjois-sa", "fi")["result"][0]["name"] == "Pohjois-Savo"
    assert len(suggest_entities(index, "k", "en", limit=3)["result"]) == 3
    assert suggest_entities(index, "  ", "en") == {"result": []}


def test_type_and_property_suggest_by_finnish_or_english_label(index: Index) -> None:
    assert _ids(suggest_types(index, "kaupu", "fi"))[0] == KKG + "City"
    assert _ids(suggest_types(index, "festi", "en"))[0] == KKG + "Festival"
    assert _ids(suggest_properties(index, "located", "en"))[0] == KKG + "locatedIn"
    assert len(suggest_types(index, "", "en", limit=5)["result"]) == 5


def test_cells_by_datatype(index: Index) -> None:
    kuopio = index.id_space + "place/kuopio"
    assert cell(index, Value(kuopio, kuopio), "en") == {"id": "place--kuopio", "name": "Kuopio"}
    assert cell(index, Value("https://example.org/x", "https://example.org/x"), "en") == {
        "str": "https://example.org/x"
    }
    assert cell(index, Value(None, "12", XSD + "integer"), "en") == {"int": 12}
    assert cell(index, Value(None, "4326.0", XSD + "decimal"), "en") == {"float": 4326.0}
    assert cell(index, Value(None, "1775-11-17", XSD + "date"), "en") == {
        "date": "1775-11-17T00:00:00Z"
    }
    assert cell(index, Value(None, "1653", XSD + "gYear"), "en") == {"str": "1653"}


def test_extend_gives_values_per_id_and_property(index: Index) -> None:
    answer = extend(
        index,
        {"ids": ["place--kuopio", "place--nowhere"], "properties": [{"id": "kkg:locatedIn"}]},
        "fi",
    )
    assert answer["meta"] == [{"id": "kkg:locatedIn", "name": "sijaitsee alueella"}]
    assert {"id": "place--north-savo", "name": "Pohjois-Savo"} in answer["rows"]["place--kuopio"][
        "kkg:locatedIn"
    ]
    assert answer["rows"]["place--nowhere"] == {"kkg:locatedIn": []}


@pytest.mark.parametrize(
    "request_",
    [
        [],
        {"ids": "x", "properties": []},
        {"ids": [], "properties": ["x"]},
        {"ids": [], "properties": [{"id": "kkg:nope"}]},
    ],
)
def test_extend_mistakes(index: Index, request_: object) -> None:
    with pytest.raises(ReconcileError):
        extend(index, request_, "en")


def test_proposed_properties_are_those_the_type_uses(index: Index) -> None:
    answer = propose(index, KKG + "City", "en", 50)
    proposed = [p["id"] for p in answer["properties"]]
    assert KKG + "locatedIn" in proposed
    used = {p for e in index.of_class[KKG + "City"] for p in index.entities[e].values}
    assert set(proposed) <= used
    assert answer["type"] == KKG + "City"
    assert len(propose(index, KKG + "City", "en", 2)["properties"]) == 2
