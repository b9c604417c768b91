"""Reading batches: what OpenRefine sends is understood, and each mistake says where it is."""

from __future__ import annotations

import pytest

from kuopio_kg.errors import ReconcileError
from kuopio_kg.reconcile import Index, read_batch
from kuopio_kg.reconcile.query import MAX_LIMIT, Strictness, Wanted, parse_json

KKG = "https://w3id.org/kuopio-kg/ontology#"


def test_an_openrefine_batch_is_read(index: Index) -> None:
    batch = read_batch(
        {
            "q0": {"query": "Jonkoping", "type": KKG + "City", "type_strict": "should"},
            "q1": {
                "query": "Kuopio",
                "type": [KKG + "City", KKG + "Place"],
                "limit": 1000,
                "properties": [
                    {"pid": KKG + "locatedIn", "v": {"id": "place--north-savo", "name": "N"}},
                    {"pid": "kkg:geonamesId", "v": ["650224", 1]},
                ],
            },
        },
        index,
    )
    assert batch["q0"].types == (KKG + "City",)
    assert batch["q0"].strict is Strictness.SHOULD
    assert batch["q1"].limit == MAX_LIMIT
    located, geonames = batch["q1"].conditions
    assert located.property == KKG + "locatedIn"
    assert located.wanted == (Wanted(index.id_space + "place/north-savo", "n"),)
    assert geonames.wanted == (Wanted(None, "650224"), Wanted(None, "1"))


@pytest.mark.parametrize(
    ("batch", "says"),
    [
        ([], "JSON object of queries"),
        ({}, "JSON object of queries"),
        ({"q0": {"type": "x"}}, "Query q0 needs a 'query'"),
        ({"q0": {"query": "a", "type": 3}}, "type of query q0"),
        ({"q0": {"query": "a", "type_strict": "some"}}, "type_strict of query q0"),
        ({"q0": {"query": "a", "limit": 0}}, "limit of query q0"),
        ({"q0": {"query": "a", "limit": True}}, "limit of query q0"),
        ({"q0": {"query": "a", "properties": {}}}, "properties of query q0"),
        ({"q0": {"query": "a", "properties": [{"pid": "x"}]}}, "needs a 'pid' and a 'v'"),
        ({"q0": {"query": "a", "properties": [{"pid": "kkg:nope", "v": "x"}]}}, "Unknown property"),
        ({"q0": {"query": "a", "properties": [{"pid": "kkg:locatedIn", "v": None}]}}, "value"),
    ],
)
def test_mistakes_are_one_sentence_naming_the_query(index: Index, batch: object, says: str) -> None:
    with pytest.raises(ReconcileError, match=says):
        read_batch(batch, index)


def test_bad_json_names_the_parameter() -> None:
    with pytest.raises(ReconcileError, match="queries parameter is not valid JSON"):
        parse_json("{q0", "queries")
