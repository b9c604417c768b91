"""``kuopio-kg link --report`` and ``--export quickstatements`` against the stand-in, and
the CLI's translation of the client's faults."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from kuopio_kg.cli import main
from kuopio_kg.errors import WikidataBadAnswer, WikidataRefused, WikidataTimeout
from kuopio_kg.link import WikidataClient, our_graph, report
from kuopio_kg.link.report import haversine_km
from kuopio_kg.settings import Settings
from link.standin import StandIn

ID = "https://w3id.org/kuopio-kg/id/"
WD = "http://www.wikidata.org/entity/"
WDT = "http://www.wikidata.org/prop/direct/"


def _cli(settings: Settings, *args: str) -> int:
    return main(
        [
            "--source", str(settings.source),
            "--data-dir", str(settings.data_dir),
            "--wikidata-endpoint", settings.wikidata_endpoint,
            "--wikidata-timeout", "1",
            "link", *args,
        ]
    )  # fmt: skip


def test_haversine_knows_kuopio_to_helsinki() -> None:
    assert haversine_km((62.8925, 27.6783), (60.1699, 24.9384)) == pytest.approx(338, abs=5)


def test_the_real_links_show_no_conflict_and_no_disagreement(
    link_settings: Settings, client: WikidataClient
) -> None:
    findings = report(our_graph(link_settings), client)
    assert {f.kind for f in findings} == {"coverage"}
    coverage = {f.entity: f.ours for f in findings}
    assert coverage["City"] == "10/27"
    assert coverage["Country"].startswith("1/")


def test_planted_disagreements_are_found(
    link_settings: Settings, client: WikidataClient, standin: StandIn
) -> None:
    standin.remove(WD + "Q2135", WDT + "P625")
    standin.add_turtle('wd:Q2135 wdt:P625 "Point(-97.1380 50.3246)"^^geo:wktLiteral .')
    standin.remove(WD + "Q39383", WDT + "P17")
    standin.add_turtle("wd:Q39383 wdt:P17 wd:Q34 .")
    standin.remove(WD + "Q162279", WDT + "P571")
    standin.add_turtle('wd:Q162279 wdt:P571 "1782-01-01T00:00:00Z"^^xsd:dateTime .')
    standin.remove(WD + "Q25415", WDT + "P190")
    found = {(f.kind, f.entity.removeprefix(ID)) for f in report(our_graph(link_settings), client)}
    assert ("coordinates (P625) 50 km apart", "place/winnipeg") in found
    assert ("inception (P571)", "place/kuopio") in found
    assert ("twin towns (P190) Wikidata lacks", "place/jonkoping") in found
    assert ("country (P17)", "place/bodo") not in found  # Norway is not linked on our side
    assert len(found - {f for f in found if f[0] == "coverage"}) == 3


def test_a_different_region_and_country_are_found(
    link_settings: Settings, client: WikidataClient, standin: StandIn
) -> None:
    standin.remove(WD + "Q162279", WDT + "P17")
    standin.remove(WD + "Q162279", WDT + "P131")
    standin.add_turtle("wd:Q162279 wdt:P17 wd:Q34 ; wdt:P131 wd:Q25415 .")
    found = {(f.kind, f.entity.removeprefix(ID)) for f in report(our_graph(link_settings), client)}
    assert ("country (P17)", "place/kuopio") in found
    assert ("region (P131)", "place/kuopio") in found


def test_report_prints_a_table_and_writes_csv(
    link_settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.csv"
    assert _cli(link_settings, "--report", "--csv", str(target)) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["kind", "entity", "ours", "wikidata"]
    with target.open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    assert len(rows) == len(out) - 1
    assert {r["kind"] for r in rows} == {"coverage"}


QUICKSTATEMENT = re.compile(
    r'^Q[1-9]\d*\|P973\|"https://w3id\.org/kuopio-kg/id/[a-z-]+/[a-z0-9-]+"'
    r'\|S854\|"https://w3id\.org/kuopio-kg/[^"]*"\|S813\|\+\d{4}-\d{2}-\d{2}T00:00:00Z/11$'
)


def test_quickstatements_lines_are_well_formed(
    link_settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _cli(link_settings, "--export", "quickstatements") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 16  # the exact matches of data/links/wikidata.ttl
    for line in lines:
        assert QUICKSTATEMENT.match(line), line
    assert 'Q162279|P973|"https://w3id.org/kuopio-kg/id/place/kuopio"|' in "\n".join(lines)
    target = tmp_path / "qs.txt"
    assert _cli(link_settings, "--export", "quickstatements", "-o", str(target)) == 0
    assert target.read_text(encoding="utf-8").splitlines() == lines


def test_link_from_the_cli_reports_what_it_did(
    link_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _cli(link_settings) == 0
    err = capsys.readouterr().err
    assert re.search(r"link: \d+ unlinked entities asked about in \d+ requests; 15 linked", err)
    assert (link_settings.input_dir / "links" / "candidates.csv").is_file()


@pytest.mark.parametrize(
    ("fault", "error"),
    [("403", WikidataRefused), ("slow", WikidataTimeout), ("html", WikidataBadAnswer)],
)
def test_a_fault_ends_the_cli_with_its_exit_code_and_one_sentence(
    link_settings: Settings,
    standin: StandIn,
    capsys: pytest.CaptureFixture[str],
    fault: str,
    error: type[WikidataRefused],
) -> None:
    standin.faults.append(fault)
    assert _cli(link_settings) == error.exit_code
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"error: {standin.url} ")
    assert line.endswith(".")
    assert line.count(". ") == 0
    assert not (link_settings.input_dir / "links" / "accepted.ttl").exists()


def test_conflicts_among_our_links_are_found(
    link_settings: Settings, client: WikidataClient
) -> None:
    planted = link_settings.input_dir / "links" / "planted.ttl"
    planted.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        f"<{ID}place/lahti> skos:exactMatch <{WD}Q5706> .\n"
        f"<{ID}place/kuopio> skos:exactMatch <{WD}Q990000001> .\n",
        encoding="utf-8",
    )
    found = {(f.kind, f.entity, f.ours) for f in report(our_graph(link_settings), client)}
    assert (
        "conflict: one item, two entities",
        f"{ID}place/lahti {ID}place/north-savo",
        "Q5706",
    ) in found
    assert ("conflict: one entity, two items", f"{ID}place/kuopio", "Q162279 Q990000001") in found
