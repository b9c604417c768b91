"""The Reconciliation API 0.2 JSON Schemas (tests/conformance/reconciliation), offline.

Every schema file is registered under its file name and its ``$id`` (``openapi.json`` too,
so the manifest's Swagger reference resolves without the network), as the suite's README
says; :func:`problems` lists what is wrong with a document, empty when it validates.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from conftest import REPO

SCHEMAS = REPO / "tests" / "conformance" / "reconciliation" / "0.2" / "schemas"
EXAMPLES = SCHEMAS.parent / "examples"


@cache
def _registry() -> tuple[Registry[Any], dict[str, Any]]:
    registry: Registry[Any] = Registry()
    contents: dict[str, Any] = {}
    for path in sorted(SCHEMAS.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(schema, default_specification=DRAFT7)
        contents[path.stem] = schema
        registry = registry.with_resource(path.name, resource)
        if "$id" in schema:
            registry = registry.with_resource(schema["$id"].rstrip("#"), resource)
    return registry, contents


def problems(schema: str, document: object) -> list[str]:
    """What in ``document`` breaks the 0.2 schema named ``schema`` (no problems: valid)."""
    registry, contents = _registry()
    validator = Draft7Validator(contents[schema], registry=registry)
    return sorted(f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document))
