"""A real ckanext-dcat harvest of the running server's catalog, over HTTP, in CKAN's own
environment (see ckan_env.py): every dataset comes out with title, notes, licence and
resource URLs, across the catalog's pages. The server's release holds an Erasmus+ import, so
the mobility dataset is harvested with triples in it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from kuopio_kg.settings import Settings

from .ckan_env import ckan_python
from .test_publish_catalog import STABLE_DATASETS

HARVEST = Path(__file__).with_name("harvest_ckan.py")


@pytest.fixture(scope="session")
def ckan() -> Path:
    return ckan_python()


@pytest.mark.slow
def test_ckanext_dcat_harvests_every_dataset(
    ckan: Path, erasmus_live_server: str, erasmus_settings: Settings
) -> None:
    settings = erasmus_settings
    run = subprocess.run(
        [str(ckan), str(HARVEST), erasmus_live_server + "/catalog"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    datasets = [json.loads(line) for line in run.stdout.splitlines()]
    identifiers = [
        next(e["value"] for e in d["extras"] if e["key"] == "identifier") for d in datasets
    ]
    assert sorted(identifiers) == sorted(settings.base_iri + d for d in STABLE_DATASETS)
    (mobility,) = [d for d, i in zip(datasets, identifiers, strict=True) if i.endswith("/mobility")]
    assert "mobility" in mobility["title"].lower()
    assert len({d["_page"] for d in datasets}) > 1  # next_page() was followed
    for dataset in datasets:
        assert dataset["_content_type"] == "text/turtle"
        assert dataset["title"]
        assert dataset["notes"]
        assert dataset["license_id"] == "cc-by"
        urls = [resource["url"] for resource in dataset["resources"]]
        assert len(urls) == 5  # four dumps and the SPARQL endpoint
        assert all(url.startswith(settings.base_iri) for url in urls)
