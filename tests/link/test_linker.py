"""The linker against the stand-in: the right QID for each unambiguous entity, ambiguous
names sent to review, accepted rows applied so that the build still passes the shapes."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pyoxigraph import NamedNode
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, SKOS

from kuopio_kg.cli import main
from kuopio_kg.errors import CandidatesError
from kuopio_kg.link import WikidataClient, apply, find
from kuopio_kg.link.candidates import COLUMNS
from kuopio_kg.link.classes import CLASS_QIDS
from kuopio_kg.link.score import ACCEPT
from kuopio_kg.load import load
from kuopio_kg.settings import Settings
from kuopio_kg.validate import validate
from link.standin import StandIn
from test_data_content import assert_links_shape

ID = "https://w3id.org/kuopio-kg/id/"
WD = "http://www.wikidata.org/entity/"

#: The unambiguous entities of our data and the stand-in's item for each (fixture QIDs from
#: Q990000001 up; the countries' QIDs are Wikidata's own).
EXPECTED = {
    "place/varkaus": "Q990000001",
    "place/iisalmi": "Q990000002",  # only a mul label
    "place/joensuu": "Q990000003",  # beside a steamship of the same name
    "event/kuopiorock": "Q990000005",  # only by a lower-cased alias
    "organisation/uniarts-helsinki": "Q990000006",  # a subclass of university
    "place/sweden": "Q34",
    "place/norway": "Q20",
    "place/usa": "Q30",
    "place/canada": "Q16",
}
AMBIGUOUS = {
    "place/kallavesi": {"Q990000011", "Q990000012"},
    "event/anti-festival": {"Q990000021", "Q990000022"},
}


def _files(settings: Settings) -> tuple[Path, Path]:
    links = settings.input_dir / "links"
    return links / "accepted.ttl", links / "candidates.csv"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as source:
        return list(csv.DictReader(source))


def _links(path: Path) -> dict[str, str]:
    graph = Graph().parse(path, format="turtle")
    return {
        str(s).removeprefix(ID): str(o).removeprefix(WD)
        for s, o in graph.subject_objects(SKOS.exactMatch)
    }


@pytest.fixture
def found(link_settings: Settings, client: WikidataClient) -> tuple[Path, Path]:
    accepted, candidates = _files(link_settings)
    find(link_settings, client, accepted, candidates)
    return accepted, candidates


def test_each_unambiguous_entity_gets_its_qid(found: tuple[Path, Path]) -> None:
    linked = _links(found[0])
    assert {name: linked.get(name) for name in EXPECTED} == EXPECTED
    assert not set(linked) & set(AMBIGUOUS)


def test_ambiguous_names_go_to_review_with_empty_decisions(found: tuple[Path, Path]) -> None:
    rows = _rows(found[1])
    assert list(rows[0]) == COLUMNS
    review: dict[str, set[str]] = {}
    for row in rows:
        review.setdefault(row["entity"].removeprefix(ID), set()).add(row["qid"])
        assert row["decision"] == ""
        assert row["retrieved"]
    assert review == AMBIGUOUS


def test_hand_made_links_stay_untouched(link_settings: Settings, found: tuple[Path, Path]) -> None:
    hand_made = link_settings.input_dir / "links" / "wikidata.ttl"
    assert (
        hand_made.read_bytes()
        == (Path(__file__).parents[2] / "data/links/wikidata.ttl").read_bytes()
    )


def test_an_item_already_linked_is_not_taken_again(
    link_settings: Settings, client: WikidataClient, standin: StandIn
) -> None:
    """Were wd:Q162279 (Kuopio's item) the only city answering to "Varkaus", it would win
    on every feature; but place:kuopio holds it, so Varkaus goes to review."""
    for quad in list(standin.store.quads_for_pattern(NamedNode(WD + "Q990000001"), None, None)):
        standin.store.remove(quad)
    standin.add_turtle('wd:Q162279 rdfs:label "Varkaus"@mul .')
    accepted, candidates = _files(link_settings)
    find(link_settings, client, accepted, candidates)
    assert "place/varkaus" not in _links(accepted)
    (row,) = [r for r in _rows(candidates) if r["entity"] == ID + "place/varkaus"]
    assert row["qid"] == "Q162279"
    assert float(row["total"]) >= ACCEPT


def _decide(path: Path, decisions: dict[str, str]) -> None:
    rows = _rows(path)
    for row in rows:
        row["decision"] = decisions.get(row["qid"], row["decision"])
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def test_apply_links_accepted_rows_and_the_inputs_still_pass_the_shapes(
    link_settings: Settings, found: tuple[Path, Path]
) -> None:
    accepted, candidates = found
    _decide(candidates, {"Q990000011": "accept", "Q990000012": "reject"})
    made = apply(link_settings, accepted, candidates)
    assert [(m.entity, m.qid, m.method) for m in made] == [
        (ID + "place/kallavesi", "Q990000011", "curator")
    ]
    assert _links(accepted)["place/kallavesi"] == "Q990000011"
    graph = Graph().parse(accepted, format="turtle")
    assert_links_shape(graph)
    assert (URIRef(ID + "place/kallavesi"), SKOS.exactMatch, URIRef(WD + "Q990000012")) not in graph
    assert validate(load(link_settings)) == []


def test_apply_twice_adds_nothing_new(link_settings: Settings, found: tuple[Path, Path]) -> None:
    accepted, candidates = found
    _decide(candidates, {"Q990000021": "accept"})
    apply(link_settings, accepted, candidates)
    first = Graph().parse(accepted, format="turtle")
    apply(link_settings, accepted, candidates)
    assert len(Graph().parse(accepted, format="turtle")) == len(first)


def test_a_bad_decision_names_file_row_and_entity(
    link_settings: Settings, found: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    accepted, candidates = found
    _decide(candidates, {"Q990000012": "yes"})
    line = 2 + [r["qid"] for r in _rows(candidates)].index("Q990000012")
    with pytest.raises(CandidatesError) as caught:
        apply(link_settings, accepted, candidates)
    (problem,) = caught.value.problems
    assert (problem.line, problem.entity) == (line, ID + "place/kallavesi")
    code = main(["--source", str(link_settings.source), "link", "--apply"])
    assert code == CandidatesError.exit_code == 65
    err = capsys.readouterr().err
    assert f"candidates.csv:{line}: {ID}place/kallavesi: decision 'yes'" in err
    assert "error: 1 row of the candidates file cannot be applied" in err


def test_a_rerun_keeps_the_curators_decisions(
    link_settings: Settings, client: WikidataClient, found: tuple[Path, Path]
) -> None:
    accepted, candidates = found
    _decide(candidates, {"Q990000021": "reject"})
    find(link_settings, client, accepted, candidates)
    decisions = {r["qid"]: r["decision"] for r in _rows(candidates)}
    assert decisions == {
        "Q990000011": "",
        "Q990000012": "",
        "Q990000021": "reject",
        "Q990000022": "",
    }


def test_apply_without_a_candidates_file_says_what_to_run(
    link_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--source", str(link_settings.source), "link", "--apply"])
    assert code == CandidatesError.exit_code
    assert "the candidates file does not exist — run `kuopio-kg link` first" in (
        capsys.readouterr().err
    )


def test_the_class_table_agrees_with_the_class_links() -> None:
    """Our classes link to Wikidata classes by skos:closeMatch (never owl:sameAs), and the
    class table the linker scores types with names the same Wikidata class."""
    graph = Graph().parse(Path(__file__).parents[2] / "data/links/wikidata.ttl")
    kkg = "https://w3id.org/kuopio-kg/ontology#"
    close = {
        str(s).removeprefix(kkg): str(o).removeprefix(WD)
        for s, o in graph.subject_objects(SKOS.closeMatch)
        if str(s).startswith(kkg)
    }
    assert close == {"Festival": "Q132241"}
    for kind, item in close.items():
        assert item in CLASS_QIDS[kind]
    assert not list(graph.triples((None, OWL.sameAs, None)))
    assert not [s for s in graph.subjects(SKOS.exactMatch, None) if str(s).startswith(kkg)]
