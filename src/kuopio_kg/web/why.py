"""``/why``: how the reasoner derives an inferred statement, down to asserted triples.

Entity pages link every inferred statement here (through the explain hook of
:mod:`kuopio_kg.web.resources`). Browsers get an HTML tree, other clients the text that
``kuopio-kg why`` prints. The explainer is built once per release and kept on the app.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

import pyoxigraph as ox
from flask import Blueprint, Flask, Response, current_app, render_template, request

from kuopio_kg.errors import InvalidTriple
from kuopio_kg.explain import explainer_for, explanation, parse_triple
from kuopio_kg.reason import Explainer, format_explanation
from kuopio_kg.web.extension import current_settings, current_store
from kuopio_kg.web.pages import href_for, prefers_html
from kuopio_kg.web.resources import EXPLAIN_EXTENSION

why = Blueprint("why", __name__)
_CACHE = "kuopio_kg.explainer"


@dataclass
class _PerRelease:
    """The explainer of the release it was built for; rebuilt when the release changes."""

    release_id: str = ""
    explainer: Explainer | None = field(default=None)

    def get(self) -> Explainer:
        release, store = current_store().get()
        if self.explainer is None or self.release_id != release.id:
            self.explainer = explainer_for(store, current_settings())
            self.release_id = release.id
        return self.explainer


def install_why(app: Flask) -> None:
    """Serve ``/why`` and give entity pages their "why?" links."""
    app.extensions[_CACHE] = _PerRelease()
    app.extensions[EXPLAIN_EXTENSION] = why_link
    app.register_blueprint(why)


def why_link(subject: str, predicate: str, value: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    """The ``/why`` URL of the statement ``subject predicate value``."""
    return "/why?" + urlencode({"triple": f"<{subject}> <{predicate}> {value}"})


@why.get("/why")
def explain_triple() -> Response | str:
    text = request.args.get("triple")
    if not text:
        raise InvalidTriple("Give the statement to explain as ?triple=<s> <p> <o> (N-Triples).")
    wanted = parse_triple(text)
    tree = explanation(current_app.extensions[_CACHE].get(), wanted)
    if prefers_html():
        return render_template("why.html", tree=tree, href=href_for(current_settings()))
    return Response(format_explanation(tree) + "\n", mimetype="text/plain")
