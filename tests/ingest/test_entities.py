"""Entity resolution: our organisations by Erasmus code or by name and city, cities by
label and country (new ones placed by the gazetteer), countries by English name."""

from __future__ import annotations

import pytest

from kuopio_kg.ingest.erasmus.entities import Curated, Resolver, curated_graph, normal_code
from kuopio_kg.ingest.gazetteer import Gazetteer
from kuopio_kg.settings import Settings

ID = "https://w3id.org/kuopio-kg/id/"


@pytest.fixture(scope="module")
def curated() -> Curated:
    return Curated(curated_graph(Settings.from_env(environ={})))


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


@pytest.fixture
def resolver(curated: Curated, gazetteer: Gazetteer) -> Resolver:
    return Resolver(curated, gazetteer)


def test_codes_are_normalised() -> None:
    assert normal_code("sf  kuopio08 ") == "SF KUOPIO08"


@pytest.mark.parametrize(
    ("code", "name", "org"),
    [("SF KUOPIO08", "Savonia-ammattikorkeakoulu Oy", "savonia"),
     ("sf  kuopio08", "anything", "savonia"),
     ("SF KUOPIO12", "Itä-Suomen yliopisto", "uef")],
)  # fmt: skip
def test_savonia_and_uef_are_found_by_their_erasmus_code(
    resolver: Resolver, code: str, name: str, org: str
) -> None:
    found = resolver.organisation(code, name, "Kuopio", "FI")
    assert (found.iri, found.new) == (ID + "organisation/" + org, False)
    assert found.city is None


@pytest.mark.parametrize(
    ("name", "city", "org"),
    [("Savon ammattiopisto", "Kuopio", "sakky"), ("SAKKY", "KUOPIO", "sakky"),
     ("Savo Vocational College", "kuopio", "sakky"),
     ("Savon koulutuskuntayhtymä", "Kuopio", "savo-consortium-for-education"),
     ("Kuopion konservatorio", "Kuopio", "kuopio-conservatory")],
)  # fmt: skip
def test_organisations_without_our_code_are_found_by_name_in_their_city(
    resolver: Resolver, name: str, city: str, org: str
) -> None:
    found = resolver.organisation(None, name, city, "FI")
    assert (found.iri, found.new, found.label) == (
        ID + "organisation/" + org, False, resolver._curated.labels[found.iri]
    )  # fmt: skip


def test_a_name_of_ours_in_another_city_is_a_new_organisation(resolver: Resolver) -> None:
    found = resolver.organisation(None, "Savon ammattiopisto", "Joensuu", "FI")
    assert found.new
    assert found.city is not None
    assert found.city.iri == ID + "place/joensuu"


def test_new_organisations_by_code_and_by_name_city_and_country(resolver: Resolver) -> None:
    by_code = resolver.organisation("E MADRID03", "Universidad Complutense", "MADRID", "ES")
    assert (by_code.iri, by_code.new) == (ID + "organisation/erasmus-e-madrid03", True)
    assert by_code.code == "E MADRID03"
    by_name = resolver.organisation(None, "Hotel Olympia", "Thessaloniki", "GR")
    again = resolver.organisation(None, "HOTEL  olympia", "THESSALONIKI", "GR")
    elsewhere = resolver.organisation(None, "Hotel Olympia", "Athens", "GR")
    assert by_name.iri == again.iri != elsewhere.iri
    assert by_name.iri.startswith(ID + "organisation/erasmus-")
    assert by_name.new


def test_new_cities_are_placed_with_coordinates(resolver: Resolver) -> None:
    madrid = resolver.city("MADRID", "madrid", "ES")
    assert (madrid.iri, madrid.new, madrid.label) == (ID + "place/es-madrid", True, "Madrid")
    assert madrid.country == ID + "place/spain"
    assert madrid.place is not None
    assert madrid.place.geonameid == 3117735
    lost = resolver.city("Smallvillebury-on-Nothing", "smallvillebury on nothing", "GB")
    assert lost.new
    assert lost.place is None
    assert lost.label == "Smallvillebury-on-Nothing"


def test_our_cities_are_found_by_label_and_country(resolver: Resolver) -> None:
    kuopio = resolver.city("KUOPIO", "kuopio", "FI")
    assert (kuopio.iri, kuopio.new, kuopio.place) == (ID + "place/kuopio", False, None)
    assert resolver.existing_city("munchen", "DE") == ID + "place/munich"
    assert resolver.existing_city("edinburgh", "GB") == ID + "place/edinburgh"
    assert resolver.existing_city("kuopio", "SE") is None


def test_countries_are_ours_by_english_name_else_new(resolver: Resolver) -> None:
    spain = resolver.country("ES")
    assert (spain.iri, spain.new, spain.qid) == (ID + "place/spain", False, "Q29")
    assert resolver.country("GB").iri == ID + "place/united-kingdom"
    assert resolver.country("RU").iri == ID + "place/russia"
    assert resolver.country("US").iri == ID + "place/usa"
    netherlands = resolver.country("NL")
    assert (netherlands.iri, netherlands.new, netherlands.label) == (
        ID + "place/netherlands", True, "Netherlands"
    )  # fmt: skip
