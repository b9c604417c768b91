"""The DCAT-AP catalog at /catalog and the VoID description at /.well-known/void."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, request, url_for
from rdflib import Graph

from kuopio_kg.errors import BadParameter, UnknownResource
from kuopio_kg.formats import GRAPH_BY_EXTENSION, GRAPHS, Format
from kuopio_kg.publish.dcat import Profile, catalog_graph, page_count, temporal_coverage
from kuopio_kg.publish.dumps import ensure_dumps
from kuopio_kg.publish.void import void_graph
from kuopio_kg.web.publish.negotiation import negotiated
from kuopio_kg.web.state import state

catalog = Blueprint("catalog", __name__)


def _graph_response(
    key: str, make: Callable[[], Graph], extension: str | None, endpoint: str
) -> Response:
    current = state().current()
    graph = current.remember(key, make)
    fixed = _fixed(extension)

    def render(rdf_format: Format) -> Callable[[], bytes]:
        return lambda: graph.serialize(format=rdf_format.rdflib, encoding="utf-8")

    renderers = {f.media_type: render(f) for f in GRAPHS}
    args: dict[str, Any] = dict(request.args)
    links = {f.media_type: url_for(endpoint, **args, extension=f.extension) for f in GRAPHS}
    return negotiated(current.tag, renderers, fixed=fixed, links=links)


def _fixed(extension: str | None) -> str | None:
    if extension is None:
        return None
    if extension not in GRAPH_BY_EXTENSION:
        raise UnknownResource(request.base_url, [])
    return GRAPH_BY_EXTENSION[extension].media_type


@catalog.get("/catalog", defaults={"extension": None})
@catalog.get("/catalog.<extension>")
def dcat(extension: str | None) -> Response:
    """The catalog, Turtle by default (``*/*`` or no Accept), paged by ``?page=``, in
    DCAT-AP 3.0.1 or, with ``?profile=dcat-ap-2.1.1``, in 2.1.1."""
    settings = state().settings
    current = state().current()
    release, store = current.release, current.store
    pages = page_count(settings)
    page = request.args.get("page", 1, type=int)
    profile = _profile(request.args.get("profile", Profile.V3.value))
    if not 1 <= page <= pages:
        raise UnknownResource(request.url, [url_for("catalog.dcat", _external=True)])

    def page_url(n: int) -> str:
        extra = {} if profile is Profile.V3 else {"profile": profile.value}
        return url_for("catalog.dcat", page=n, _external=True, **extra)

    def make() -> Graph:
        dumps = ensure_dumps(release, store, settings, current.position)
        return catalog_graph(
            settings, release, dumps, temporal_coverage(store), page, page_url, profile
        )

    key = f"catalog:{request.host_url}:{page}:{profile}"
    return _graph_response(key, make, extension, "catalog.dcat")


def _profile(name: str) -> Profile:
    try:
        return Profile(name)
    except ValueError:
        known = " or ".join(p.value for p in Profile)
        raise BadParameter(
            f"The catalog has no profile {name!r}; ask for {known} ({Profile.V3.value} is the "
            "default)."
        ) from None


@catalog.get("/.well-known/void", defaults={"extension": None})
@catalog.get("/.well-known/void.<extension>")
def void(extension: str | None) -> Response:
    """The VoID description of the release."""
    settings = state().settings
    current = state().current()
    release, store = current.release, current.store
    return _graph_response(
        "void", lambda: void_graph(store, settings, release), extension, "catalog.void"
    )
