"""Dereferenceable IRIs: every IRI under the base answers at the same path on this host.

Policy: **direct**. ``/id/place/kuopio`` answers 200 with the representation ``Accept``
asks for (HTML for browsers; Turtle, JSON-LD, N-Triples, RDF/XML for clients) with
``Vary: Accept`` and ``Content-Location``; ``/id/place/kuopio.ttl`` (``.jsonld``, ``.nt``,
``.rdf``, ``.html``) names one representation. ``Link: rel="alternate"`` lists them all. The
ontology IRI serves the documentation of every term and the whole ontology graph. An IRI
the release does not mention is a 404 page with suggestions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from flask import Blueprint, Response, render_template

from kuopio_kg.errors import UnknownResource
from kuopio_kg.formats import GRAPHS
from kuopio_kg.namespaces import SCHEMA, prefixes
from kuopio_kg.publish.describe import (
    Description,
    InvalidIri,
    describe,
    document,
    exists,
    similar,
)
from kuopio_kg.publish.features import editions, neighbours, point
from kuopio_kg.publish.ontology_doc import document_ontology
from kuopio_kg.settings import Settings
from kuopio_kg.store import OxigraphStore
from kuopio_kg.web.pages import HTML, href_for, script_json
from kuopio_kg.web.publish.negotiation import negotiated
from kuopio_kg.web.publish.why import why_link
from kuopio_kg.web.state import state

resources = Blueprint("resources", __name__)

#: Extension in a URL → the media type it names.
EXTENSIONS: dict[str, str] = {"html": HTML, **{f.extension: f.media_type for f in GRAPHS}}


@dataclass(frozen=True)
class _Kind:
    """How one kind of resource is shown: its page, and the triples of its RDF document."""

    page: Callable[[OxigraphStore, Settings, str], str]
    triples: Callable[[OxigraphStore, Settings, str], ox.QueryTriples]


def _entity_page(store: OxigraphStore, settings: Settings, iri: str) -> str:
    description = describe(store, settings, iri)
    where = point(store, iri)
    href = href_for(settings)
    return render_template(
        "entity.html",
        d=description,
        point=where,
        neighbours=_neighbours(store, iri, href) if where else [],
        editions=editions(store, iri),
        jsonld=entity_jsonld(description),
        explain=why_link,
        href=href,
        formats=_format_links(iri, settings),
    )


def _neighbours(store: OxigraphStore, iri: str, href: Callable[[str], str]) -> list[dict[str, Any]]:
    """The places linked to ``iri`` that have coordinates, as the page's map script reads them."""
    return [
        {"href": href(n.iri), "label": n.label, "lat": n.point.latitude, "long": n.point.longitude}
        for n in neighbours(store, iri)
    ]


def entity_jsonld(description: Description) -> str:
    """schema.org JSON-LD of an entity: name, types and ``sameAs`` its Wikidata items."""
    types = [t.removeprefix(str(SCHEMA)) for t in description.types if t.startswith(str(SCHEMA))]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@id": description.iri,
        "@type": types or "Thing",
        "name": description.label(description.iri),
        "url": description.iri,
    }
    if description.wikidata:
        data["sameAs"] = description.wikidata
    return script_json(data)


def _entity_triples(store: OxigraphStore, settings: Settings, iri: str) -> ox.QueryTriples:
    return document(store, iri)


def _ontology_page(store: OxigraphStore, settings: Settings, iri: str) -> str:
    return render_template(
        "ontology.html",
        doc=document_ontology(store, settings),
        href=href_for(settings),
        formats=_format_links(iri, settings),
    )


def _ontology_triples(store: OxigraphStore, settings: Settings, iri: str) -> ox.QueryTriples:
    result = store.query(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{settings.graph_iri('ontology')}> "
        "{ ?s ?p ?o } }"
    )
    if not isinstance(result, ox.QueryTriples):
        raise TypeError("a CONSTRUCT query returned no triples")
    return result


ENTITY = _Kind(_entity_page, _entity_triples)
#: Resources shown in a way of their own, by IRI relative to the base.
SPECIAL: dict[str, _Kind] = {"ontology": _Kind(_ontology_page, _ontology_triples)}


@resources.get("/<path:path>")
def resource(path: str) -> Response:
    settings = state().settings
    current = state().current()
    store = current.store
    iri, fixed = _target(store, settings.base_iri, path)
    kind = SPECIAL.get(iri.removeprefix(settings.base_iri), ENTITY)
    names = prefixes(settings.base_iri)

    def rdf(media_type: str) -> Callable[[], bytes]:
        rdf_format = next(f for f in GRAPHS if f.media_type == media_type)
        return lambda: (
            ox.serialize(
                kind.triples(store, settings, iri), format=rdf_format.rdf_format, prefixes=names
            )
            or b""
        )

    renderers: dict[str, Callable[[], bytes | str | Response]] = {
        HTML: lambda: kind.page(store, settings, iri),
        **{f.media_type: rdf(f.media_type) for f in GRAPHS},
    }
    links = _format_links(iri, settings)
    response = negotiated(current.tag, renderers, fixed=fixed, links=links)
    if fixed is None and response.status_code == 200 and response.mimetype in links:
        response.headers["Content-Location"] = links[response.mimetype]
    return response


def _target(store: OxigraphStore, base: str, path: str) -> tuple[str, str | None]:
    """The IRI a path names and the media type its extension fixes (None: negotiate)."""
    stem, dot, extension = path.rpartition(".")
    try:
        if dot and extension in EXTENSIONS and exists(store, base + stem):
            return base + stem, EXTENSIONS[extension]
        if exists(store, base + path):
            return base + path, None
    except InvalidIri:
        raise UnknownResource(base + path, []) from None
    raise UnknownResource(base + path, similar(store, base + path))


def _format_links(iri: str, settings: Settings) -> dict[str, str]:
    """Media type → URL of that representation of ``iri`` on this host."""
    path = "/" + iri.removeprefix(settings.base_iri)
    return {media: f"{path}.{extension}" for extension, media in EXTENSIONS.items()}
