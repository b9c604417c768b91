"""Fixtures of the journal tests: a private copy of one build of the real inputs per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kuopio_kg.build import build
from kuopio_kg.settings import Settings

TOKEN = "journal-test-token"


@pytest.fixture(scope="session")
def built_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One build of the project's inputs, never written to: tests copy it."""
    data_dir = tmp_path_factory.mktemp("journal-template") / "var"
    build(Settings.from_env(environ={}).replace(data_dir=data_dir))
    return data_dir


@pytest.fixture
def built(built_template: Path, tmp_path: Path) -> Settings:
    """Settings over a private copy of the built release (journal empty), updates on."""
    data_dir = tmp_path / "var"
    shutil.copytree(built_template, data_dir, symlinks=True)
    return Settings.from_env(environ={}).replace(data_dir=data_dir, update_token=TOKEN)
