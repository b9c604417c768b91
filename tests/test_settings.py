"""Settings: typed, read once from KUOPIO_KG_* variables, clear errors for bad values."""

from __future__ import annotations

from pathlib import Path

import pytest

from kuopio_kg.errors import SettingsError
from kuopio_kg.reason import ENGINES
from kuopio_kg.settings import Reasoner, Settings, describe


def test_defaults_match_the_issue() -> None:
    settings = Settings.from_env(environ={})
    assert (settings.host, settings.port) == ("127.0.0.1", 8080)
    assert settings.base_iri == "https://w3id.org/kuopio-kg/"
    assert settings.data_dir == Path("var"), "releases go below the current directory"
    assert (settings.source / "ontology" / "kuopio.ttl").is_file()
    assert settings.reasoner is Reasoner.KUOPIO
    assert settings.service_allow == ("https://query.wikidata.org/sparql",)


def test_environment_values_are_typed() -> None:
    settings = Settings.from_env(
        environ={
            "KUOPIO_KG_PORT": "9000",
            "KUOPIO_KG_DATA_DIR": "/tmp/kg",
            "KUOPIO_KG_BASE_IRI": "http://example.org/kg/",
            "UNRELATED": "x",
        }
    )
    assert settings.port == 9000
    assert settings.data_dir == Path("/tmp/kg")
    assert settings.base_iri == "http://example.org/kg/"
    assert settings.graph_iri("data") == "http://example.org/kg/graph/data"


def test_options_are_typed_when_read() -> None:
    settings = Settings.from_env(
        environ={
            "KUOPIO_KG_REASONER": "owlrl",
            "KUOPIO_KG_SERVICE_ALLOW": " https://a.example/sparql  http://b.example:8890/q ",
            "KUOPIO_KG_SOURCE": "/srv/kg-inputs",
        }
    )
    assert settings.reasoner is Reasoner.OWLRL
    assert settings.service_allow == ("https://a.example/sparql", "http://b.example:8890/q")
    assert settings.ontology_dir == Path("/srv/kg-inputs/ontology")
    assert settings.queries_dir == Path("/srv/kg-inputs/queries")
    assert Settings.from_env(environ={"KUOPIO_KG_SERVICE_ALLOW": ""}).service_allow == ()


def test_every_reasoner_has_an_engine() -> None:
    assert set(ENGINES) == set(Reasoner)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("KUOPIO_KG_PORT", "eighty"),
        ("KUOPIO_KG_BASE_IRI", "ftp://x/"),
        ("KUOPIO_KG_BASE_IRI", "http://x"),
        ("KUOPIO_KG_REASONER", "hermit"),
        ("KUOPIO_KG_SERVICE_ALLOW", "https://query.wikidata.org/sparql query.example.org"),
        ("KUOPIO_KG_SERVICE_ALLOW", "ftp://files.example.org/"),
        ("KUOPIO_KG_SERVICE_ALLOW", "https:///sparql"),
    ],
)
def test_bad_values_name_the_variable(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env(environ={name: value})


def test_settings_are_frozen() -> None:
    settings = Settings.from_env(environ={})
    with pytest.raises(AttributeError):
        settings.port = 1  # type: ignore[misc]


def test_every_setting_is_described() -> None:
    rows = describe()
    assert {row[0] for row in rows} >= {
        "KUOPIO_KG_HOST",
        "KUOPIO_KG_PORT",
        "KUOPIO_KG_DATA_DIR",
        "KUOPIO_KG_BASE_IRI",
    }
    assert all(help_text.endswith(".") for _, _, help_text in rows)
