"""The schema checker itself: the group's valid examples pass and its invalid ones fail, so a
passing check of our answers means something."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from web.reconcile.schemas import EXAMPLES, SCHEMAS, problems

CHECKED = sorted(
    path
    for path in EXAMPLES.glob("*/*/*.json")
    if (SCHEMAS / f"{path.parent.parent.name}.json").is_file()
)


def test_examples_exist_for_the_schemas_we_use() -> None:
    kinds = {path.parent.parent.name for path in CHECKED}
    assert {"manifest", "reconciliation-result-batch", "data-extension-response"} <= kinds
    assert any(path.parent.name == "invalid" for path in CHECKED)


@pytest.mark.parametrize(
    "path", CHECKED, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}/{p.name}"
)
def test_each_example_is_judged_as_the_group_says(path: Path) -> None:
    found = problems(path.parent.parent.name, json.loads(path.read_text(encoding="utf-8")))
    if path.parent.name == "valid":
        assert found == []
    else:
        assert found
