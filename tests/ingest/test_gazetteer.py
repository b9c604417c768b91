"""The offline gazetteer: folded and alternate names, within one country, read lazily."""

from __future__ import annotations

import pytest

from kuopio_kg.ingest.gazetteer import Gazetteer, Place


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


def test_nothing_is_read_before_the_first_lookup() -> None:
    fresh = Gazetteer()
    assert fresh._by_country is None
    fresh.locate("Kuopio", "FI")
    assert set(fresh._indexes) == {"FI"}


def test_a_city_is_placed_with_its_coordinates_and_geonames_id(gazetteer: Gazetteer) -> None:
    assert gazetteer.locate("MADRID", "ES") == Place("Madrid", 40.4165, -3.70256, 3117735)
    kuopio = gazetteer.locate("Kuopio", "fi")
    assert kuopio is not None
    assert kuopio.geonameid == 650224


@pytest.mark.parametrize(
    ("written", "country", "name"),
    [("München", "DE", "Munich"), ("MUNCHEN", "DE", "Munich"), ("Bruxelles", "BE", "Brussels"),
     ("Jyvaskyla", "FI", "Jyväskylä"), ("Lisboa, Portugal", "PT", "Lisbon"),
     ("Göteborg", "SE", "Gothenburg")],
)  # fmt: skip
def test_folded_and_alternate_names_find_the_place(
    gazetteer: Gazetteer, written: str, country: str, name: str
) -> None:
    place = gazetteer.locate(written, country)
    assert place is not None
    assert place.name == name


def test_a_name_is_looked_up_only_in_its_country(gazetteer: Gazetteer) -> None:
    assert gazetteer.locate("Madrid", "FI") is None
    assert gazetteer.locate("Smallvillebury-on-Nothing", "GB") is None
    assert gazetteer.locate("Kuopio", "ZZ") is None


def test_of_two_places_with_one_name_the_larger_is_taken(gazetteer: Gazetteer) -> None:
    neustadt = gazetteer.locate("Neustadt", "DE")
    assert neustadt is not None
    assert neustadt.geonameid == 2864067
