"""Reading a SPARQL 1.1 Protocol request: which operation, its text and its dataset.

Query by GET, by POST form or by POST ``application/sparql-query``; update by POST form
or ``application/sparql-update`` only, with its bearer token. Bodies must be UTF-8. Every
mistake is a typed error with one sentence that says what to send instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Request
from werkzeug.datastructures import MultiDict

from kuopio_kg.errors import MethodNotAllowed, PayloadTooLarge, QueryError, UnsupportedMediaType
from kuopio_kg.sparql.jobs import Operation as Kind
from kuopio_kg.sparql.service import Dataset

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"

#: Dataset parameters of each operation (default graphs, named graphs).
DATASET_PARAMETERS = {
    Kind.QUERY: ("default-graph-uri", "named-graph-uri"),
    Kind.UPDATE: ("using-graph-uri", "using-named-graph-uri"),
}


@dataclass(frozen=True)
class Operation:
    """One query or update as the client sent it."""

    kind: Kind
    text: str
    dataset: Dataset


def read(request: Request, max_body: int) -> Operation | None:
    """The operation in ``request``; None for a GET (or HEAD) without one (a description or
    the UI). HEAD reads like GET, so a harvester's HEAD check sees GET's status and headers."""
    if request.method in ("GET", "HEAD"):
        if "update" in request.args or "using-graph-uri" in request.args:
            raise MethodNotAllowed("Updates change the store and are accepted by POST only.")
        return _from_parameters(request.args) if "query" in request.args else None
    if request.content_length is not None and request.content_length > max_body:
        raise PayloadTooLarge(
            f"The request body has {request.content_length} bytes; this endpoint accepts at "
            f"most {max_body} (KUOPIO_KG_MAX_BODY)."
        )
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise UnsupportedMediaType(f"Request bodies must be UTF-8, not {charset}.")
    if request.mimetype == FORM:
        merged = MultiDict(request.args)
        merged.update(request.form)
        return _from_parameters(merged)
    if request.mimetype in (QUERY, UPDATE):
        kind = Kind.QUERY if request.mimetype == QUERY else Kind.UPDATE
        return _operation(kind, _utf8(request.get_data()), request.args)
    raise UnsupportedMediaType(
        f"POST bodies must be {QUERY}, {UPDATE} or {FORM}, not {request.mimetype or 'untyped'}."
    )


def _from_parameters(parameters: MultiDict[str, str]) -> Operation:
    queries = parameters.getlist("query")
    updates = parameters.getlist("update")
    if len(queries) + len(updates) != 1:
        raise QueryError(
            "Send exactly one 'query' or one 'update' parameter; "
            f"this request has {len(queries)} queries and {len(updates)} updates."
        )
    kind, text = (Kind.QUERY, queries[0]) if queries else (Kind.UPDATE, updates[0])
    return _operation(kind, text, parameters)


def _operation(kind: Kind, text: str, parameters: MultiDict[str, str]) -> Operation:
    if not text.strip():
        raise QueryError(
            f"The {kind.value} is empty; send SPARQL text in the '{kind.value}' parameter or body."
        )
    default_key, named_key = DATASET_PARAMETERS[kind]
    other = DATASET_PARAMETERS[Kind.UPDATE if kind is Kind.QUERY else Kind.QUERY]
    if any(key in parameters for key in other):
        raise QueryError(
            f"{' and '.join(other)} do not apply to a {kind.value}; use {default_key}."
        )
    dataset = Dataset(tuple(parameters.getlist(default_key)), tuple(parameters.getlist(named_key)))
    return Operation(kind, text, dataset)


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise QueryError(f"The request body is not valid UTF-8 (byte {exc.start}).") from None


def bearer_token(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header; None without one."""
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        return None
    return given.strip()
