"""Folding names (case, diacritics, punctuation) and the ids OpenRefine carries."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from kuopio_kg.reconcile.fold import fold
from kuopio_kg.reconcile.ids import to_id, to_iri

SPACE = "https://w3id.org/kuopio-kg/id/"


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Jönköping", "jonkoping"),
        ("JÖNKÖPINGS  Kommun", "jonkopings kommun"),
        ("Bodø", "bodo"),
        ("Győr", "gyor"),
        ("Kuopio \u2013 Alūksne twinning", "kuopio aluksne twinning"),
        ("Kuopio's 250th", "kuopios 250th"),
        ("Erasmus+ 2014\u20132020", "erasmus+ 2014 2020"),
        ("Straße", "strasse"),
    ],
)
def test_fold_forgets_case_diacritics_and_punctuation(written: str, folded: str) -> None:
    assert fold(written) == folded


def test_an_id_is_the_path_with_double_dashes_and_survives_percent_encoding() -> None:
    iri = SPACE + "place/kuopio"
    entity_id = to_id(iri, SPACE)
    assert entity_id == "place--kuopio"
    assert quote(entity_id, safe="") == entity_id
    assert to_iri(entity_id, SPACE) == iri


@pytest.mark.parametrize(
    "iri",
    [
        "https://example.org/id/place/kuopio",
        SPACE + "place/a--b",
        SPACE + "place/with space",
        SPACE + "place/",
        SPACE + "place/kuopio#here",
    ],
)
def test_iris_an_id_cannot_carry_have_none(iri: str) -> None:
    assert to_id(iri, SPACE) is None
