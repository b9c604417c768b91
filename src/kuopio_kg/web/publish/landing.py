"""The landing page /, the class browser /browse, /sitemap.xml and /robots.txt.

The landing page holds the query UI as well (YASGUI and the example queries), as
Fuseki's and the Wikidata Query Service's front pages do.
"""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request, url_for

from kuopio_kg.examples import load_examples
from kuopio_kg.publish.datasets import DATASETS
from kuopio_kg.publish.dcat import temporal_coverage
from kuopio_kg.publish.dumps import ensure_dumps
from kuopio_kg.publish.labels import labels
from kuopio_kg.publish.site import (
    data_classes,
    dataset_jsonld,
    instances,
    instances_by_class,
    robots,
    sitemap,
)
from kuopio_kg.publish.void import counts, graph_sizes
from kuopio_kg.web.pages import href_for, script_json
from kuopio_kg.web.publish.negotiation import tagged
from kuopio_kg.web.state import state

landing = Blueprint("landing", __name__)

#: Fixed pages every sitemap lists, besides the entities.
PAGES = ("/", "/ontology", "/catalog", "/.well-known/void", "/dumps/", "/sparql")


@landing.get("/")
def home() -> Response:
    settings = state().settings
    current = state().current()
    release, store = current.release, current.store

    def render() -> str:
        numbers = counts(store, settings)
        dumps = ensure_dumps(release, store, settings, current.position)
        classes = data_classes(store, settings)
        return render_template(
            "landing.html",
            text=DATASETS[None],
            release=release,
            numbers=numbers,
            graphs=graph_sizes(store),
            classes=classes,
            names=labels(store, [c for c, _ in classes]),
            href=href_for(settings),
            dumps=[w for w in dumps if w.dump.graph is None],
            jsonld=script_json(dataset_jsonld(settings, numbers, temporal_coverage(store), dumps)),
            endpoint=url_for("sparql.endpoint"),
            examples=load_examples(settings.queries_dir),
            initial_query="",
        )

    return tagged(current.tag, lambda: current.remember("landing", render), "text/html")


@landing.get("/browse")
def browse() -> Response:
    """The entities of the data graph, of one class (``?class=IRI``), or all of them grouped
    by class with the count of each."""
    settings = state().settings
    current = state().current()
    store = current.store
    cls = request.args.get("class") or None

    def render() -> str:
        found = instances(store, settings, cls)
        groups = [] if cls else instances_by_class(store, settings)
        names = labels(store, [*found, *([cls] if cls else []), *(c for c, _ in groups)])
        return render_template(
            "browse.html",
            cls=cls,
            found=found,
            groups=groups,
            names=names,
            href=href_for(settings),
        )

    return tagged(current.tag, render, "text/html")


@landing.get("/sitemap.xml")
def sitemap_xml() -> Response:
    settings = state().settings
    current = state().current()
    release, store = current.release, current.store

    def render() -> str:
        href = href_for(settings)
        entities = [href(iri) for iri in instances(store, settings, None)]
        dumps = ensure_dumps(release, store, settings, current.position)
        return sitemap(settings, request.host_url, [*PAGES, *entities], dumps)

    return tagged(current.tag, render, "application/xml")


@landing.get("/robots.txt")
def robots_txt() -> Response:
    return tagged(state().current().tag, lambda: robots(request.host_url), "text/plain")
