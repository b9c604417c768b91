"""The reconciliation index of the project's real release, built once for the session."""

from __future__ import annotations

import pytest

from kuopio_kg.reconcile import Index, build_index
from kuopio_kg.release import Release
from kuopio_kg.settings import Settings
from kuopio_kg.store import OxigraphStore


@pytest.fixture(scope="session")
def index(settings: Settings, release: Release) -> Index:
    return build_index(OxigraphStore(release.store_path), settings)
