"""Requests as the Reconciliation API 0.2 writes them, read into typed objects.

A reconciliation batch is a JSON object of queries keyed ``q0``, ``q1``, ...; each query
has a ``query`` text and may restrict or weigh ``type`` (one class or a list) with
``type_strict`` (``any``, ``all`` or ``should``), cut the answer at ``limit`` and add
``properties`` (``{"pid": ..., "v": ...}``) whose values raise or lower the score. A value
is a string, or an ``{"id": ..., "name": ...}`` of an already reconciled cell, or a list
of those. Every mistake is a :class:`~kuopio_kg.errors.ReconcileError` that says which
query and which field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from kuopio_kg.errors import ReconcileError
from kuopio_kg.reconcile.fold import fold
from kuopio_kg.reconcile.ids import to_iri
from kuopio_kg.reconcile.index import Index

DEFAULT_LIMIT = 10
MAX_LIMIT = 100


class Strictness(StrEnum):
    ANY = "any"
    ALL = "all"
    SHOULD = "should"


@dataclass(frozen=True)
class Wanted:
    """One value a property should have: an entity (its IRI) or a text (folded)."""

    iri: str | None
    text: str


@dataclass(frozen=True)
class Condition:
    property: str
    wanted: tuple[Wanted, ...]


@dataclass(frozen=True)
class Query:
    text: str
    types: tuple[str, ...] = ()
    strict: Strictness = Strictness.ANY
    limit: int = DEFAULT_LIMIT
    conditions: tuple[Condition, ...] = ()


def parse_json(text: str, field: str) -> Any:
    """The JSON in the request field ``field``, or a ReconcileError naming it."""
    try:
        return json.loads(text)
    except ValueError as exc:
        raise ReconcileError(f"The {field} parameter is not valid JSON: {exc}.") from None


def property_iri(index: Index, pid: object) -> str:
    """Our property named by ``pid``: its IRI, ``kkg:name`` or the bare name."""
    if isinstance(pid, str):
        for candidate in (pid, index.schema_space + pid.removeprefix("kkg:")):
            if candidate in index.properties:
                return candidate
    raise ReconcileError(
        f"Unknown property {pid!r}; ask the property suggest service for the properties "
        "this service knows."
    )


def read_batch(raw: object, index: Index) -> dict[str, Query]:
    """The queries of a batch, by key."""
    if not isinstance(raw, dict) or not raw:
        raise ReconcileError(
            'The queries parameter must be a JSON object of queries, such as {"q0": '
            '{"query": "Kuopio"}}.'
        )
    return {str(key): _read_query(str(key), value, index) for key, value in raw.items()}


def _read_query(key: str, raw: object, index: Index) -> Query:
    if isinstance(raw, str):
        raw = {"query": raw}
    if not isinstance(raw, dict) or not isinstance(raw.get("query"), str):
        raise ReconcileError(f"Query {key} needs a 'query' string.")
    types = raw.get("type", ())
    types = [types] if isinstance(types, str) else types
    if not isinstance(types, list | tuple) or not all(isinstance(t, str) for t in types):
        raise ReconcileError(f"The type of query {key} must be a class id or a list of them.")
    try:
        strict = Strictness(raw.get("type_strict", "any"))
    except ValueError:
        raise ReconcileError(
            f"The type_strict of query {key} must be one of any, all or should."
        ) from None
    limit = raw.get("limit", DEFAULT_LIMIT)
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise ReconcileError(f"The limit of query {key} must be a positive whole number.")
    conditions = raw.get("properties", [])
    if not isinstance(conditions, list):
        raise ReconcileError(f"The properties of query {key} must be a list of {{pid, v}}.")
    return Query(
        raw["query"],
        tuple(types),
        strict,
        min(limit, MAX_LIMIT),
        tuple(_read_condition(key, c, index) for c in conditions),
    )


def _read_condition(key: str, raw: object, index: Index) -> Condition:
    if not isinstance(raw, dict) or "pid" not in raw or "v" not in raw:
        raise ReconcileError(f"Each property of query {key} needs a 'pid' and a 'v'.")
    values = raw["v"] if isinstance(raw["v"], list) else [raw["v"]]
    return Condition(
        property_iri(index, raw["pid"]), tuple(_read_value(key, v, index) for v in values)
    )


def _read_value(key: str, raw: object, index: Index) -> Wanted:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        found = raw["id"]
        iri = found if ":" in found else to_iri(found, index.id_space)
        return Wanted(iri, fold(str(raw.get("name", ""))))
    if isinstance(raw, str | int | float) and not isinstance(raw, bool):
        return Wanted(None, fold(str(raw)))
    raise ReconcileError(
        f"A property value of query {key} must be a string, an {{id, name}} object or a "
        "list of those."
    )
