"""Data extension (API 0.2): the values of our properties for reconciled entities, and the
properties worth proposing for a type.

A value that is an entity of the index is an ``{"id", "name"}`` cell; other IRIs and plain
literals are ``{"str"}``; integers ``{"int"}``; decimals and doubles ``{"float"}``;
``xsd:date`` and ``xsd:dateTime`` ``{"date"}`` in ISO form (a date at midnight UTC). Years
(``xsd:gYear``) stay strings: a year is not a day. Blank-node values (figures, which are
``kkg:Quantity`` nodes) are left out. An id the release does not know gets an empty row.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from kuopio_kg.errors import ReconcileError
from kuopio_kg.reconcile.index import Index, Value
from kuopio_kg.reconcile.query import property_iri
from kuopio_kg.reconcile.suggest import term_entry

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {f"{XSD}{n}" for n in ("integer", "int", "long", "short", "nonNegativeInteger",
                                   "positiveInteger", "gYear")} - {f"{XSD}gYear"}  # fmt: skip
_FLOATS = {f"{XSD}decimal", f"{XSD}double", f"{XSD}float"}
_DATE_TIME = re.compile(r"-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?")
DEFAULT_PROPOSALS = 20


def cell(index: Index, value: Value, lang: str) -> dict[str, Any]:
    """One value as the data-extension response writes it."""
    if value.iri is not None:
        found = index.by_iri.get(value.iri)
        if found is None:
            return {"str": value.iri}
        entity = index.entities[found]
        return {"id": entity.id, "name": entity.name(lang)}
    try:
        if value.datatype in _INTEGERS:
            return {"int": int(value.text)}
        if value.datatype in _FLOATS:
            return {"float": float(value.text)}
    except ValueError:
        return {"str": value.text}
    if value.datatype == f"{XSD}date" and _DATE_TIME.fullmatch(value.text[:10] + "T00:00:00Z"):
        return {"date": value.text[:10] + "T00:00:00Z"}
    if value.datatype == f"{XSD}dateTime" and _DATE_TIME.fullmatch(value.text):
        return {"date": value.text}
    return {"str": value.text}


def extend(index: Index, request: object, lang: str) -> dict[str, Any]:
    """The answer to an ``extend`` request ``{"ids": [...], "properties": [{"id": ...}]}``."""
    if not isinstance(request, dict):
        raise ReconcileError(
            'The extend parameter must be a JSON object with "ids" and "properties".'
        )
    ids, wanted = request.get("ids"), request.get("properties")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise ReconcileError('The "ids" of an extend request must be a list of entity ids.')
    if not isinstance(wanted, list) or not all(isinstance(p, dict) and "id" in p for p in wanted):
        raise ReconcileError('The "properties" of an extend request must be a list of {"id": ...}.')
    columns = [(str(p["id"]), property_iri(index, p["id"])) for p in wanted]
    meta = [{"id": pid, "name": index.properties[iri].name(lang)} for pid, iri in columns]
    rows: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for entity_id in ids:
        entity = index.entity(entity_id)
        rows[entity_id] = {
            pid: []
            if entity is None
            else sorted((cell(index, v, lang) for v in entity.values.get(iri, [])), key=repr)
            for pid, iri in columns
        }
    return {"meta": meta, "rows": rows}


def propose(index: Index, type_iri: str | None, lang: str, limit: int) -> dict[str, Any]:
    """Our properties that entities of ``type_iri`` (any entity for None) use, most used first."""
    members = index.of_class.get(type_iri, set()) if type_iri else range(len(index.entities))
    used: Counter[str] = Counter()
    for position in members:
        used.update(p for p in index.entities[position].values if p in index.properties)
    ranked = sorted(used, key=lambda p: (-used[p], p))[:limit]
    answer: dict[str, Any] = {
        "properties": [term_entry(index.properties[p], lang) for p in ranked],
        "limit": limit,
    }
    if type_iri:
        answer["type"] = type_iri
    return answer
