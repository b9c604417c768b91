"""The country table: EU codes, names, and QIDs that agree with our curated links."""

from __future__ import annotations

import pycountry
import pytest
from rdflib import Graph
from rdflib.namespace import RDF, SKOS

from conftest import REPO
from kuopio_kg.ingest import countries
from kuopio_kg.namespaces import KKG, WD
from kuopio_kg.reconcile.fold import fold

#: Names the table gives where pycountry's short name is not the one the graph uses.
NAMED_OTHERWISE = {"RU": "Russia", "XK": "Kosovo", "VA": "Vatican City"}


@pytest.mark.parametrize(
    ("code", "iso"),
    [("EL", "GR"), ("UK", "GB"), ("gr", "GR"), (" fi ", "FI"), ("NL", "NL"), ("XX", None),
     ("", None), ("XK", "XK"), ("BT", "BT")],
)  # fmt: skip
def test_eu_and_iso_codes_give_the_iso_code(code: str, iso: str | None) -> None:
    assert countries.iso2(code) == iso


def test_the_eu_codes_of_greece_and_the_united_kingdom() -> None:
    assert countries.country("GR") == countries.country("gr")
    greece, britain = countries.country("GR"), countries.country("GB")
    assert greece is not None
    assert britain is not None
    assert (greece.eu_code, britain.eu_code) == ("EL", "UK")
    assert (greece.qid, britain.qid) == ("Q41", "Q145")


def test_every_eu_and_eea_country_is_in_the_table_with_a_qid() -> None:
    table = {c.iso2: c for c in countries.known()}
    assert len(countries.EU_MEMBERS) == 27
    for code in sorted(countries.EEA_MEMBERS):
        assert code in table, code
        assert table[code].qid, code
    assert (table["FI"].qid, table["ES"].qid, table["DE"].qid) == ("Q33", "Q29", "Q183")


def test_qids_are_distinct_and_names_are_pycountrys() -> None:
    known = countries.known()
    qids = [c.qid for c in known]
    assert len(set(qids)) == len(qids)
    for country in known:
        assert country.qid is not None
        assert country.qid[0] == "Q"
        assert country.qid[1:].isdigit()
        found = pycountry.countries.get(alpha_2=country.iso2)
        if country.iso2 in NAMED_OTHERWISE:
            assert country.name == NAMED_OTHERWISE[country.iso2]
            continue
        assert found is not None, country.iso2
        assert country.name in (getattr(found, "common_name", None), found.name), country.iso2


def test_a_code_outside_the_table_has_pycountrys_name_and_no_qid() -> None:
    bhutan = countries.country("BT")
    assert bhutan is not None
    assert (bhutan.name, bhutan.qid) == ("Bhutan", None)


def test_qids_agree_with_the_links_of_our_curated_countries() -> None:
    """Wherever data/links gives a curated country a QID, the table gives the same one."""
    data = Graph().parse(REPO / "data" / "places.ttl")
    links = Graph().parse(REPO / "data" / "links" / "wikidata.ttl")
    by_name = {fold(n): c for c in countries.known() for n in c.names}
    checked = 0
    for place in data.subjects(RDF.type, KKG.Country):
        for qid in links.objects(place, SKOS.exactMatch):
            labels = [fold(str(label)) for label in data.objects(place, SKOS.prefLabel)]
            (country,) = {by_name[label] for label in labels if label in by_name}
            assert WD[country.qid or ""] == qid, place
            checked += 1
    assert checked >= 1
