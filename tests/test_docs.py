"""Docs kept honest: the README names every setting, CLI command and example query."""

from __future__ import annotations

from kuopio_kg.cli import cli
from kuopio_kg.examples import load_examples
from kuopio_kg.settings import PROJECT_ROOT, Settings, describe

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


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
