"""The import from flows to the imports folder: tables, graph, manifest, re-import, two
files combined. Reading is stubbed (see conftest.py) with flows written by hand."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from ingest.flows import Inputs
from kuopio_kg.errors import InputError
from kuopio_kg.ingest.erasmus import import_erasmus
from kuopio_kg.ingest.erasmus.rdf import graph_from_tables
from kuopio_kg.namespaces import DEFAULT_BASE, KKG, SCHEMA, WD, WGS84
from kuopio_kg.settings import Settings

ID = DEFAULT_BASE + "id/"
ORG, PLACE = ID + "organisation/", ID + "place/"


def _table(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / "tables" / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _flows(folder: Path) -> dict[tuple[str, str, str], int]:
    """(sender, receiver, academic year) → participants, from flows.csv."""
    flows: dict[tuple[str, str, str], int] = {}
    for row in _table(folder, "flows.csv"):
        key = (row["sender"], row["receiver"], row["academic_year"])
        flows[key] = flows.get(key, 0) + int(row["participants"])
    return flows


def test_one_file_resolves_and_reports(import_settings: Settings, files: Inputs) -> None:
    (path,) = files("a.csv")
    report = import_erasmus(import_settings, [path])
    folder = report.folder
    flows = _flows(folder)
    # Savonia written with and without its code's spacing is one flow of 3.
    assert flows[(ORG + "savonia", ORG + "erasmus-e-madrid03", "2019-2020")] == 3
    assert flows[(ORG + "erasmus-nl-groning01", ORG + "uef", "2019-2020")] == 1
    assert report.flows == 5
    assert (report.organisations_matched, report.organisations_new) == (3, 5)
    assert report.places_not_found == ["Smallvillebury-on-Nothing (GB)"]
    lines = "\n".join(report.lines())
    assert "a.csv:3: country code XX" in lines
    assert "skipped 1: unknown country code" in lines
    assert "flows written: 5" in lines
    assert "organisations: 3 matched, 5 new" in lines
    assert "places not found: 1 (Smallvillebury-on-Nothing (GB))" in lines
    countries = {row["code"]: row for row in _table(folder, "countries.csv")}
    assert set(countries) == {"FI", "ES", "NL", "GR", "GB"}
    assert countries["NL"] == {
        "country": PLACE + "netherlands", "label": "Netherlands", "new": "true", "code": "NL",
        "qid": "Q55",
    }  # fmt: skip
    assert countries["GR"]["country"] == PLACE + "greece"
    assert countries["GR"]["new"] == "false"
    cities = {row["city"]: row for row in _table(folder, "cities.csv")}
    assert cities[PLACE + "es-madrid"]["geonames"] == "3117735"
    assert cities[PLACE + "es-madrid"]["lat"] == "40.4165"
    assert cities[PLACE + "gb-smallvillebury-on-nothing"]["lat"] == ""
    organisations = {row["organisation"]: row for row in _table(folder, "organisations.csv")}
    assert ORG + "savonia" not in organisations
    assert organisations[ORG + "erasmus-e-madrid03"]["erasmus_code"] == "E MADRID03"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    (entry,) = manifest["files"]
    assert (entry["name"], entry["place"], entry["rows_read"], entry["rows_kept"]) == (
        "a.csv", "Kuopio", 8, 7
    )  # fmt: skip
    assert entry["skipped"] == {"bad_participants": 0, "no_organisation": 0, "unknown_country": 1}


def test_the_graph_is_what_the_tables_say(import_settings: Settings, files: Inputs) -> None:
    report = import_erasmus(import_settings, files("a.csv"))
    graph = Graph().parse(report.folder / "mobility.nt", format="nt")
    assert isomorphic(graph, graph_from_tables(report.folder / "tables", DEFAULT_BASE))
    quoted = URIRef(ORG + "erasmus-e-sevilla99")
    assert (quoted, SKOS.prefLabel, Literal('Colegio "San José" \\ Sevilla')) in graph
    (row,) = [r for r in _table(report.folder, "flows.csv") if r["sender"] == ORG + "savonia"]
    flow = URIRef(row["flow"])
    assert (flow, RDF.type, KKG.MobilityFlow) in graph
    assert (flow, KKG.sender, URIRef(ORG + "savonia")) in graph
    assert (flow, KKG.programme, URIRef(ID + "programme/erasmus-plus")) in graph
    assert (flow, KKG.academicYear, Literal("2019-2020")) in graph
    assert (flow, KKG.callYear, Literal("2019", datatype=XSD.gYear)) in graph
    assert (flow, KKG.educationLevel, URIRef(ID + "concept/isced-2011-6")) in graph
    assert (flow, KKG.field, URIRef(ID + "concept/isced-f-2013-0413")) in graph
    label = "Erasmus+ mobility from Savonia University of Applied Sciences to Universidad Complutense de Madrid, 2019-2020"  # noqa: E501
    assert (flow, SKOS.prefLabel, Literal(label, lang="en")) in graph
    (count,) = graph.objects(flow, KKG.participants)
    assert isinstance(count, BNode)
    assert (count, RDF.type, KKG.Quantity) in graph
    assert graph.value(count, SCHEMA.value) == Literal(3, datatype=XSD.integer)
    (source,) = graph.objects(flow, DCTERMS.source)
    assert str(source).startswith(ID + "source/erasmus-")
    madrid_org = URIRef(ORG + "erasmus-e-madrid03")
    assert (madrid_org, RDF.type, KKG.Organisation) in graph
    assert (madrid_org, SKOS.prefLabel, Literal("Universidad Complutense de Madrid")) in graph
    assert (madrid_org, KKG.basedIn, URIRef(PLACE + "es-madrid")) in graph
    madrid = URIRef(PLACE + "es-madrid")
    assert (madrid, KKG.locatedIn, URIRef(PLACE + "spain")) in graph
    assert (madrid, WGS84.lat, Literal("40.4165", datatype=XSD.decimal)) in graph
    assert (madrid, SKOS.exactMatch, URIRef("https://sws.geonames.org/3117735/")) in graph
    netherlands, spain = URIRef(PLACE + "netherlands"), URIRef(PLACE + "spain")
    assert (netherlands, RDF.type, KKG.Country) in graph
    assert (netherlands, SKOS.prefLabel, Literal("Netherlands", lang="en")) in graph
    assert (spain, KKG.countryCode, Literal("ES")) in graph
    assert (spain, SKOS.exactMatch, WD.Q29) in graph
    assert set(graph.predicates(spain, None)) == {KKG.countryCode, SKOS.exactMatch}
    assert set(graph.predicates(URIRef(ORG + "sakky"), None)) == set()
    staff = URIRef(ID + "concept/erasmus-activity-staff-mobility-for-teaching")
    assert (staff, SKOS.broader, URIRef(ID + "concept/staff-mobility")) in graph
    assert (staff, SKOS.inScheme, URIRef(ID + "concept/erasmus-activities")) in graph
    assert (URIRef(ID + "concept/erasmus-activities"), RDF.type, SKOS.ConceptScheme) in graph


def test_reimporting_the_same_file_changes_nothing(
    import_settings: Settings, files: Inputs
) -> None:
    paths = files("a.csv")
    first = import_erasmus(import_settings, paths)
    before = _snapshot(first.folder)
    again = import_erasmus(import_settings, paths)
    assert files.reads == ["a.csv"]
    assert again.files[0].unchanged
    assert not again.changed
    assert _snapshot(again.folder) == before
    assert "already imported, unchanged" in "\n".join(again.lines())


def test_another_place_filter_reads_the_file_again(
    import_settings: Settings, files: Inputs
) -> None:
    paths = files("a.csv")
    import_erasmus(import_settings, paths)
    report = import_erasmus(import_settings, paths, place=None)
    assert files.reads == ["a.csv", "a.csv"]
    manifest = json.loads((report.folder / "manifest.json").read_text(encoding="utf-8"))
    assert [entry["place"] for entry in manifest["files"]] == [None]


def test_flows_of_two_files_are_summed_and_cite_both(
    import_settings: Settings, files: Inputs
) -> None:
    a, b = files("a.csv", "b.csv")
    import_erasmus(import_settings, [a])
    report = import_erasmus(import_settings, [b])
    flows = _flows(report.folder)
    assert flows[(ORG + "savonia", ORG + "erasmus-e-madrid03", "2019-2020")] == 3 + 5
    assert flows[(ORG + "uef", ORG + "erasmus-nl-groning01", "2020-2021")] == 2
    assert report.flows == 6
    (shared,) = [
        r["flow"] for r in _table(report.folder, "flows.csv") if r["sender"] == ORG + "savonia"
    ]
    cited = {r["source"] for r in _table(report.folder, "flow_sources.csv") if r["flow"] == shared}
    assert len(cited) == 2
    manifest = json.loads((report.folder / "manifest.json").read_text(encoding="utf-8"))
    assert [entry["name"] for entry in manifest["files"]] == ["a.csv", "b.csv"]


def test_a_file_that_cannot_be_read_is_an_input_error(
    import_settings: Settings, tmp_path: Path
) -> None:
    with pytest.raises(InputError) as caught:
        import_erasmus(import_settings, [tmp_path / "missing.csv"])
    assert "missing.csv" in str(caught.value.problems[0])
