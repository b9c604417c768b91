"""Matching real names: case, diacritics, word order, both languages, typos, types, properties,
and the rule that only a clear winner is a match."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from kuopio_kg.reconcile import Index, match, reconcile
from kuopio_kg.reconcile.match import (
    MATCH_LEAD,
    MATCH_SCORE,
    Scored,
    candidates,
    is_match,
    name_score,
)
from kuopio_kg.reconcile.query import Condition, Query, Strictness, Wanted

KKG = "https://w3id.org/kuopio-kg/ontology#"


def _first(index: Index, query: Query) -> tuple[str, float, bool]:
    answer = reconcile(index, query, "en")["result"]
    top = answer[0]
    return top["id"], top["score"], top["match"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jonkoping", "place--jonkoping"),
        ("JÖNKÖPING", "place--jonkoping"),
        ("kallavesi", "place--kallavesi"),
        ("Bodo", "place--bodo"),
        ("Kuopio Tanssii ja Soi", "event--kuopio-dance-festival"),
        ("Itä-Suomen yliopisto", "organisation--uef"),
        ("Kuopio tanssii", "event--kuopio-dance-festival"),
        ("kuopio dance festval", "event--kuopio-dance-festival"),
        ("Univresity of Eastern Finland", "organisation--uef"),
        ("Savonia UAS", "organisation--savonia"),
    ],
)
def test_clear_names_match_despite_case_diacritics_language_and_typos(
    index: Index, text: str, expected: str
) -> None:
    assert _first(index, Query(text))[::2] == (expected, True)


def test_word_order_does_not_hide_the_entity(index: Index) -> None:
    ranked = reconcile(index, Query("Festival Ice Marathon Finland"), "en")["result"]
    assert ranked[0]["id"] == "event--finland-ice-marathon"
    assert ranked[0]["score"] > ranked[1]["score"]


def test_a_part_of_many_names_ranks_the_exact_one_first(index: Index) -> None:
    ranked = reconcile(index, Query("Kuopio"), "en")["result"]
    assert ranked[0]["id"] == "place--kuopio"
    assert ranked[0]["match"] is True
    assert ranked[0]["score"] - ranked[1]["score"] >= MATCH_LEAD
    assert all(not c["match"] for c in ranked[1:])


def test_two_close_candidates_are_no_match(index: Index) -> None:
    ranked = reconcile(index, Query("Kuopio Dance Festival 2020"), "en")["result"]
    assert {ranked[0]["id"], ranked[1]["id"]} == {
        "event--kuopio-dance-festival-2021",
        "event--kuopio-dance-festival-2025",
    }
    assert ranked[0]["score"] == ranked[1]["score"] >= MATCH_SCORE
    assert not any(c["match"] for c in ranked)


def test_a_series_beats_its_editions_without_being_a_match_when_the_name_is_partial(
    index: Index,
) -> None:
    ranked = reconcile(index, Query("Ironman Finland"), "en")["result"]
    assert ranked[0]["id"] == "event--ironman-finland-kuopio-tahko"
    assert not ranked[0]["match"]


def test_the_winner_rule() -> None:
    assert is_match([Scored(0, 100.0)])
    assert is_match([Scored(0, 95.0), Scored(1, 95.0 - MATCH_LEAD)])
    assert not is_match([Scored(0, 95.0), Scored(1, 95.0 - MATCH_LEAD + 1)])
    assert not is_match([Scored(0, MATCH_SCORE - 1)])
    assert not is_match([])


def test_scores_run_from_0_to_100_best_first(index: Index) -> None:
    for text in ("Kuopio", "zzzz qqqq", "Finland", "WOC 2025"):
        scores = [c.score for c in candidates(index, Query(text))]
        assert scores == sorted(scores, reverse=True)
        assert all(0 <= s <= 100 for s in scores)


def test_strict_types_filter_and_should_types_weigh(index: Index) -> None:
    city = KKG + "City"
    any_city = reconcile(index, Query("Jonkoping", (city,)), "en")["result"]
    assert any_city[0]["id"] == "place--jonkoping"
    assert all(city in index.entities[index.by_id[c["id"]]].types for c in any_city)
    organisation = KKG + "Organisation"
    as_organisation = reconcile(index, Query("Jonkoping", (organisation,)), "en")["result"]
    assert as_organisation[0]["id"] == "organisation--jonkoping-municipality"
    assert all(organisation in index.entities[index.by_id[c["id"]]].types for c in as_organisation)
    both = reconcile(index, Query("Jonkoping", (city, organisation), Strictness.ALL), "en")
    assert both["result"] == []
    should = Query("Jonkoping", (organisation,), Strictness.SHOULD)
    weighed = {c.entity: c.score for c in candidates(index, should)}
    plain = {c.entity: c.score for c in candidates(index, Query("Jonkoping"))}
    jonkoping = index.by_id["place--jonkoping"]
    assert weighed[jonkoping] < plain[jonkoping]


def test_properties_raise_the_right_entity_and_lower_the_others(index: Index) -> None:
    north_savo = index.id_space + "place/north-savo"
    located = Condition(KKG + "locatedIn", (Wanted(north_savo, ""),))
    with_place = {
        c.entity: c.score for c in candidates(index, Query("Kuopio", conditions=(located,)))
    }
    plain = {c.entity: c.score for c in candidates(index, Query("Kuopio"))}
    kuopio = index.by_id["place--kuopio"]
    assert with_place[kuopio] == plain[kuopio] == 100
    for entity, score in plain.items():
        inside = north_savo in {
            v.iri for v in index.entities[entity].values.get(KKG + "locatedIn", [])
        }
        if inside:
            assert with_place[entity] >= score
        else:
            assert with_place.get(entity, 0) < score
    assert not all(
        north_savo in {v.iri for v in index.entities[e].values.get(KKG + "locatedIn", [])}
        for e in plain
    )


def test_a_text_property_is_matched_fuzzily(index: Index) -> None:
    by_name = Condition(KKG + "locatedIn", (Wanted(None, "pohjois savo"),))
    ranked = reconcile(index, Query("Kuopio", conditions=(by_name,)), "en")["result"]
    assert ranked[0]["id"] == "place--kuopio"
    geonames = Condition(KKG + "geonamesId", (Wanted(None, "650224"),))
    wrong = Condition(KKG + "geonamesId", (Wanted(None, "1"),))
    right = candidates(index, Query("Kuopio", conditions=(geonames,)))[0].score
    off = candidates(index, Query("Kuopio", conditions=(wrong,)))[0].score
    assert right > off


def test_words_covered_on_both_sides_count_beyond_whole_string_measures() -> None:
    query, name = "eastern finland university", "university of eastern finland"
    assert name_score(query, name) > max(
        fuzz.ratio(query, name), fuzz.token_sort_ratio(query, name)
    )
    assert name_score("savonia", "savonia uas") > name_score("savonia", "savonlinna") - 1
    assert name_score("kuopio dance festval", "kuopio dance festival") > 95


@pytest.mark.parametrize("common", [2000, 3])
def test_the_word_index_finds_what_the_full_scan_finds(
    index: Index, monkeypatch: pytest.MonkeyPatch, common: int
) -> None:
    texts = [
        "Jonkoping",
        "Kuopio Dance Festival",
        "kuopio dance festval",
        "Univresity of Eastern Finland",
        "Festival Ice Marathon Finland",
        "Itä-Suomen yliopisto",
        "WOC 2025 Kuopio",
        "Bodo",
    ]
    queries = [Query(t) for t in texts] + [Query("Jonkoping", (KKG + "Organisation",))]
    full = [reconcile(index, q, "en")["result"][:1] for q in queries]
    monkeypatch.setattr(match, "FULL_SCAN", 0)
    monkeypatch.setattr(match, "COMMON", common)
    blocked = [reconcile(index, q, "en")["result"][:1] for q in queries]
    assert blocked == full
