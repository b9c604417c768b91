"""Docs kept honest: the README names every setting, CLI command and example query."""

from __future__ import annotations

import importlib
import re

from conftest import REPO
from kuopio_kg.cli import cli
from kuopio_kg.examples import load_examples
from kuopio_kg.settings import Settings, describe
from kuopio_kg.sparql import pool, remote

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands() -> None:
    first_block = README.split("```sh", 1)[1].split("```", 1)[0]
    assert "make serve" in first_block
    assert "make test" in first_block


def test_every_setting_is_in_the_readme_with_its_default_and_help() -> None:
    for variable, default, help_text in describe():
        assert f"| `{variable}` | `{default}` | {help_text} |" in README, variable


def test_every_cli_command_is_in_the_readme() -> None:
    for name in cli.list_commands(None):  # type: ignore[arg-type]
        assert f"`kuopio-kg {name}`" in README, name


def test_every_example_query_is_listed_in_the_readme() -> None:
    listed = README.split("<!-- queries:start -->", 1)[1].split("<!-- queries:end -->", 1)[0]
    for example in load_examples(Settings.from_env(environ={}).queries_dir):
        assert f"`{example.name}.rq`" in listed, example.name
        assert example.title in listed, example.name


def _layout_rows() -> list[str]:
    table = README.split("### Code layout", 1)[1].split("\n\n", 2)[2].split("\n\n", 1)[0]
    return [row.split(" | ", 1)[0] for row in table.splitlines()[2:]]


def test_every_path_of_the_code_layout_exists_and_every_package_is_listed() -> None:
    listed: set[str] = set()
    for cell in _layout_rows():
        names = re.findall(r"`([^`]+)`", cell)
        folder = REPO / names[0]
        for name in names:
            path = REPO / name if "/" in name else folder.parent / name
            assert path.exists(), name
            listed.add(str(path.relative_to(REPO)).rstrip("/"))
    source = REPO / "src" / "kuopio_kg"
    for package in source.glob("*/__init__.py"):
        assert str(package.parent.relative_to(REPO)) in listed, package.parent.name
    for module in source.glob("*.py"):
        if module.name != "__init__.py":
            assert str(module.relative_to(REPO)) in listed, module.name


def test_every_package_maps_its_modules_and_declares_what_it_exports() -> None:
    source = REPO / "src" / "kuopio_kg"
    for init in source.rglob("__init__.py"):
        package = "kuopio_kg." + ".".join(init.parent.relative_to(source).parts)
        module = importlib.import_module(package.rstrip("."))
        assert module.__doc__, package
        assert hasattr(module, "__all__"), package
        for name in module.__all__:
            assert hasattr(module, name), f"{package}.{name}"
        for child in init.parent.iterdir():
            name = child.stem if child.suffix == ".py" else child.name
            if name.startswith("_") or not (
                child.suffix == ".py" or (child / "__init__.py").exists()
            ):
                continue
            assert f":mod:`.{name}`" in module.__doc__, f"{package} does not list {name}"


#: The third-party suites copied into tests/conformance, each with its origin and licence.
SUITES = ("sparql11", "sparql11-update", "gsp", "owl2rl", "dcat-ap", "reconciliation")


def test_every_copied_suite_names_its_origin_and_carries_its_licence() -> None:
    conformance = REPO / "tests" / "conformance"
    data_folders = {p.name for p in conformance.iterdir() if p.is_dir()} - {"owl2rl_runner"}
    assert data_folders - {"__pycache__"} == set(SUITES)
    for suite in SUITES:
        readme = (conformance / suite / "README.md").read_text(encoding="utf-8")
        assert re.search(r"\b[0-9a-f]{8,40}\b", readme), f"{suite}/README.md names no commit"
        assert "GitHub" in readme, f"{suite}/README.md names no repository"
        assert (conformance / suite / "LICENSE.md").is_file(), f"{suite} has no LICENSE.md"


def test_the_readme_gives_the_runaway_limits_the_code_uses() -> None:
    text = " ".join(README.split())
    assert f"remembers, for {remote.REFUSE_FOR / 60:g} minutes," in text
    assert f"A query still running after {pool.LONG_AFTER:g} s" in text
    slots = f"takes one of {pool.LONG_SLOTS} \N{MULTIPLICATION SIGN} `KUOPIO_KG_QUERY_WORKERS`"
    assert slots in text
