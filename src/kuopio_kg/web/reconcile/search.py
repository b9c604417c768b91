"""The search page /search: the reconciliation index for people.

``/search?q=`` answers an HTML page of the best matches (Finnish and English names, case,
diacritics and typos forgiven). The box on every page (``base.html``) is a plain form that
GETs this page; ``static/search.js`` adds suggestions as one types, from the entity suggest
service, and the form works without it.
"""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from kuopio_kg.reconcile.match import candidates, describe, type_list
from kuopio_kg.reconcile.query import Query
from kuopio_kg.web.pages import href_for
from kuopio_kg.web.reconcile.answer import current_index, language
from kuopio_kg.web.state import state

search = Blueprint("search", __name__)

#: Results shown on the page.
SHOWN = 25


@search.get("/search")
def search_page() -> Response:
    text = request.args.get("q", "").strip()
    index, lang = current_index(), language()
    href = href_for(state().settings)
    found = []
    for scored in candidates(index, Query(text))[:SHOWN] if text else []:
        entity = index.entities[scored.entity]
        found.append(
            {
                "href": href(entity.iri),
                "name": entity.name(lang),
                "types": [t["name"] for t in type_list(index, entity, lang)],
                "score": scored.score,
                **describe(entity, lang),
            }
        )
    body = render_template("search.html", q=text, found=found)
    return Response(body, content_type="text/html; charset=utf-8")
