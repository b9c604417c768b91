"""The Reconciliation API 0.2 at /reconcile, as OpenRefine calls it.

``GET /reconcile`` without parameters is the manifest; ``queries=`` (form POST or GET) a
batch; ``extend=`` a data extension. Suggest services are ``/reconcile/suggest/<kind>``
(entity, type, property) and ``/reconcile/propose_properties``; ``/reconcile/preview/<id>``
is a small script-free page meant for an iframe and ``/reconcile/view/<id>`` redirects to
the entity's own page. Every answer carries CORS headers (the core's hygiene); every error
is JSON with its 4xx status (the core's error handler, told so by :func:`install_reconcile`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Flask, Response, render_template, request

from kuopio_kg.errors import ReconcileError, UnknownEntity
from kuopio_kg.reconcile import (
    Index,
    extend,
    manifest,
    propose,
    read_batch,
    reconcile,
    suggest_entities,
    suggest_properties,
    suggest_types,
)
from kuopio_kg.reconcile.extend import DEFAULT_PROPOSALS
from kuopio_kg.reconcile.ids import to_iri
from kuopio_kg.reconcile.match import type_list
from kuopio_kg.reconcile.query import parse_json
from kuopio_kg.reconcile.suggest import DEFAULT_LIMIT
from kuopio_kg.web.errors import answer_json_under
from kuopio_kg.web.pages import href_for
from kuopio_kg.web.reconcile.answer import answer, callback, current_index, language
from kuopio_kg.web.reconcile.search import search
from kuopio_kg.web.state import state

PREFIX = "/reconcile"
reconciliation = Blueprint("reconcile", __name__, url_prefix=PREFIX)

#: The suggest services by the kind the URL names.
SUGGEST: dict[str, Callable[[Index, str, str, int], dict[str, Any]]] = {
    "entity": suggest_entities,
    "type": suggest_types,
    "property": suggest_properties,
}


def install_reconcile(app: Flask) -> None:
    """Register the service and the search page; errors under /reconcile are always JSON."""
    app.register_blueprint(reconciliation)
    app.register_blueprint(search)
    answer_json_under(app, PREFIX)


@reconciliation.route("", methods=["GET", "POST"])
def service() -> Response:
    callback()
    index, lang = current_index(), language()
    if "queries" in request.values:
        batch = read_batch(parse_json(request.values["queries"], "queries"), index)
        return answer({key: reconcile(index, query, lang) for key, query in batch.items()})
    if "extend" in request.values:
        return answer(extend(index, parse_json(request.values["extend"], "extend"), lang))
    return answer(manifest(index, request.host_url, lang))


@reconciliation.get("/suggest/<kind>")
def suggest(kind: str) -> Response:
    if kind not in SUGGEST:
        raise ReconcileError(f"No {kind!r} suggest service; there are entity, type and property.")
    limit = _limit(DEFAULT_LIMIT)
    return answer(SUGGEST[kind](current_index(), request.args.get("prefix", ""), language(), limit))


@reconciliation.get("/propose_properties")
def propose_properties() -> Response:
    index = current_index()
    cls = request.args.get("type") or None
    if cls is not None and cls not in index.classes:
        raise ReconcileError(
            f"Unknown type {cls!r}; the types are the classes of {index.schema_space}."
        )
    return answer(propose(index, cls, language(), _limit(DEFAULT_PROPOSALS)))


@reconciliation.get("/preview/<entity_id>")
def preview(entity_id: str) -> Response:
    index, lang = current_index(), language()
    entity = index.entity(entity_id)
    if entity is None:
        raise UnknownEntity(entity_id)
    body = render_template(
        "reconcile_preview.html",
        entity=entity,
        name=entity.name(lang),
        types=type_list(index, entity, lang),
        description=entity.descriptions.get(lang) or entity.descriptions.get("en", ""),
        others=sorted(set(entity.labels) - {entity.name(lang)}),
        href=href_for(state().settings)(entity.iri),
    )
    return Response(body, content_type="text/html; charset=utf-8")


@reconciliation.get("/view/<entity_id>")
def view(entity_id: str) -> Response:
    index = current_index()
    if index.entity(entity_id) is None:
        raise UnknownEntity(entity_id)
    location = href_for(state().settings)(to_iri(entity_id, index.id_space))
    return Response(status=302, headers={"Location": location})


def _limit(default: int) -> int:
    text = request.args.get("limit")
    if text is None:
        return default
    if not text.isdigit() or int(text) < 1:
        raise ReconcileError("The limit parameter must be a positive whole number.")
    return min(int(text), 100)
