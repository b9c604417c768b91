"""``/why``: how the reasoner derives an inferred statement, down to asserted triples.

Entity pages link every inferred statement here (:func:`why_link`). Browsers get an HTML
tree, other clients the text that ``kuopio-kg why`` prints. The explainer is built once
per release and remembered on it. The reasoner is imported on the first request, not
with the web server, which otherwise needs neither it nor owlrl's datatype tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

import pyoxigraph as ox
from flask import Blueprint, Response, render_template, request

from kuopio_kg.errors import InvalidTriple
from kuopio_kg.web.pages import href_for, prefers_html
from kuopio_kg.web.state import state

if TYPE_CHECKING:
    from kuopio_kg.reason import Explainer

why = Blueprint("why", __name__)


def _explainer() -> Explainer:
    """The explainer of the current release, built on its first use."""
    from kuopio_kg.why import explainer_for

    current, settings = state().current(), state().settings
    return current.remember("explainer", lambda: explainer_for(current.store, settings))


def why_link(subject: str, predicate: str, value: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    """The ``/why`` URL of the statement ``subject predicate value``."""
    return "/why?" + urlencode({"triple": f"<{subject}> <{predicate}> {value}"})


@why.get("/why")
def explain_triple() -> Response | str:
    text = request.args.get("triple")
    if not text:
        raise InvalidTriple("Give the statement to explain as ?triple=<s> <p> <o> (N-Triples).")
    from kuopio_kg.reason import format_explanation
    from kuopio_kg.why import explanation, parse_triple

    wanted = parse_triple(text)
    tree = explanation(_explainer(), wanted)
    if prefers_html():
        return render_template("why.html", tree=tree, href=href_for(state().settings))
    return Response(format_explanation(tree) + "\n", mimetype="text/plain")
