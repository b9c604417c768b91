"""The explore pages at /explore/ and the downloads made from the same queries.

``/explore/`` lists the views; ``/explore/network``, ``/explore/map`` and
``/explore/timeline`` each show their query (with a link that opens it at /sparql) and
draw its answer in the browser. ``/explore/network.graphml`` and ``/explore/network.csv``
take the view's switches as parameters (``level``, ``year``, ``activity``);
``/explore/places.geojson`` has none. A bad parameter is a 400 with one sentence, through
the app's one error handler; a download cut at the row limit says so in a header.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from flask import Blueprint, Flask, Response, render_template, request, url_for

from kuopio_kg.web.explore.network import FILTERS, LEVELS, choose, edge_list, graphml, network
from kuopio_kg.web.explore.places import feature_collection
from kuopio_kg.web.explore.rows import Rows, example, run
from kuopio_kg.web.sparql.views import TRUNCATED_HEADER

explore = Blueprint("explore", __name__, url_prefix="/explore")

#: View → (its page's title, the script that draws it).
PAGES: dict[str, tuple[str, str]] = {
    "network": ("Mobility network", "explore_network.js"),
    "map": ("Partner places on a map", "explore_map.js"),
    "timeline": ("Timeline", "explore_timeline.js"),
}
#: Download → (view whose rows it is made from, media type).
DOWNLOADS: dict[str, tuple[str, str]] = {
    "network.graphml": ("network", "application/graphml+xml"),
    "network.csv": ("network", "text/csv; charset=utf-8"),
    "places.geojson": ("map", "application/geo+json"),
}


def install_explore(app: Flask) -> None:
    app.register_blueprint(explore)


@explore.get("/")
def index() -> Response:
    views = [(view, title, example(view)) for view, (title, _) in PAGES.items()]
    return _html(render_template("explore.html", views=views, downloads=DOWNLOADS))


@explore.get("/<any(network, map, timeline):view>")
def page(view: str) -> Response:
    query = example(view)
    title, script = PAGES[view]
    return _html(
        render_template(
            "explore_view.html",
            view=view,
            title=title,
            script=script,
            query=query,
            endpoint=url_for("sparql.endpoint"),
            run_link=url_for("sparql.endpoint") + "?query=" + quote(query.text),
            levels=LEVELS,
            filters=FILTERS,
            downloads=[name for name, (source, _) in DOWNLOADS.items() if source == view],
        )
    )


@explore.get("/network.graphml")
def network_graphml() -> Response:
    rows = run("network")
    choice = choose(request.args, rows.rows)
    return _download(rows, graphml(network(rows.rows, choice), choice), "network.graphml")


@explore.get("/network.csv")
def network_csv() -> Response:
    rows = run("network")
    found = network(rows.rows, choose(request.args, rows.rows))
    return _download(rows, edge_list(found).encode(), "network.csv")


@explore.get("/places.geojson")
def places_geojson() -> Response:
    rows = run("map")
    body = json.dumps(feature_collection(rows.rows), ensure_ascii=False, indent=1)
    return _download(rows, body.encode(), "places.geojson")


def _download(rows: Rows, body: bytes, name: str) -> Response:
    response = Response(body, content_type=DOWNLOADS[name][1])
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    if rows.truncated:
        response.headers[TRUNCATED_HEADER] = "true"
    return response


def _html(body: str) -> Response:
    return Response(body, content_type="text/html; charset=utf-8")
