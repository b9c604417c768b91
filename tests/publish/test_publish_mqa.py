"""The catalog as the EU data portal rates it: every dataset Excellent in both DCAT-AP
profiles, scored by our MQA scorer (``mqa.py``, sources named there)."""

from __future__ import annotations

from pathlib import Path

from flask.testing import FlaskClient
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS

from kuopio_kg.publish.datasets import DATASETS
from kuopio_kg.settings import Settings
from publish.mqa import MAXIMUM, Context, Score, datasets, score
from publish.test_publish_catalog import _catalog_at, dcat_ap_2_shapes, dcat_ap_shapes

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
PROFILES = {"/catalog": "3.0.1", "/catalog?profile=dcat-ap-2.1.1": "2.1.1"}


def _shapes(version: str) -> Graph:
    return dcat_ap_shapes()[0] if version == "3.0.1" else dcat_ap_2_shapes()


def _scores(client: FlaskClient, settings: Settings, graph: Graph, version: str) -> list[Score]:
    conforms, _, _ = validate(graph, shacl_graph=_shapes(version), allow_warnings=True)
    base = settings.base_iri.rstrip("/")

    def head(url: str) -> int:
        return client.head(url.removeprefix(base)).status_code

    context = Context(graph, head, bool(conforms))
    return [score(context, dataset) for dataset in datasets(graph)]


def test_every_dataset_is_excellent_in_both_profiles(
    client: FlaskClient, settings: Settings
) -> None:
    for path, version in PROFILES.items():
        scores = _scores(client, settings, _catalog_at(client, path), version)
        assert len(scores) == len(DATASETS)
        for result in scores:
            assert result.band == "Excellent", (version, result)
            assert result.total == MAXIMUM, (version, result)


def test_the_readme_states_the_score() -> None:
    assert f"{MAXIMUM} of {MAXIMUM} points" in README


def test_the_catalog_before_issue_14_scores_340_good(
    client: FlaskClient, settings: Settings
) -> None:
    """The scorer gives the catalog as it was (plain CC BY IRI, no access rights, rights or
    issue date, judged by DCAT-AP 2.1.1) the 340 points the issue measured."""
    old = _catalog_at(client, "/catalog")
    eu_cc_by = URIRef("http://publications.europa.eu/resource/authority/licence/CC_BY_4_0")
    for subject, _, _ in list(old.triples((None, DCTERMS.license, eu_cc_by))):
        old.remove((subject, DCTERMS.license, eu_cc_by))
        old.add((subject, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")))
    for prop in (DCTERMS.accessRights, DCTERMS.rights, DCTERMS.issued):
        old.remove((None, prop, None))
    scores = _scores(client, settings, old, "2.1.1")
    assert {(s.total, s.band) for s in scores} == {(340, "Good")}
