"""Content negotiation and conditional requests for the publishing routes.

A route offers a table of representations (media type → how to render it); the client's
``Accept`` picks one (no ``Accept`` at all takes the first), a file extension in the URL
overrides it. Every response carries the release id in its ETag and answers a matching
``If-None-Match`` with 304 before anything is rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from flask import Response, request

from kuopio_kg.errors import NotAcceptable
from kuopio_kg.web.pages import HTML

_NAMES_CHARSET = frozenset({HTML, "text/plain", "application/xml"})

Render = Callable[[], bytes | str | Response]


def choose(offers: list[str]) -> str:
    """The media type of ``offers`` the client prefers; the first when it sends no Accept."""
    if not request.headers.get("Accept", "").strip():
        return offers[0]
    best = request.accept_mimetypes.best_match(offers)
    if best is None:
        raise NotAcceptable(
            f"No representation here matches Accept: {request.headers['Accept']}; "
            f"ask for one of: {', '.join(offers)}."
        )
    return best


def etag(release_id: str, variant: str = "") -> str:
    """The entity tag of a release's representation (one per variant of a negotiated URL)."""
    return f"{release_id}.{variant}" if variant else release_id


def negotiated(
    release_id: str,
    renderers: Mapping[str, Render],
    *,
    fixed: str | None = None,
    links: Mapping[str, str] | None = None,
) -> Response:
    """Answer with the representation the client asked for (``fixed``: the URL named one).

    ``links`` maps media types to the URL of that representation, sent as ``Link:
    rel="alternate"`` headers; ``Vary: Accept`` is set whenever Accept chose.
    """
    media_type = fixed or choose(list(renderers))
    tag = etag(release_id, media_type.rsplit("/", 1)[1].replace("+", "-"))
    response = not_modified(tag) or _as_response(renderers[media_type](), media_type)
    response.set_etag(tag)
    if fixed is None:
        response.vary.add("Accept")
    if links:
        response.headers["Link"] = ", ".join(
            f'<{url}>; rel="alternate"; type="{kind}"' for kind, url in links.items()
        )
    return response


def tagged(release_id: str, render: Render, media_type: str) -> Response:
    """A single-representation response with the release id as ETag."""
    response = not_modified(release_id) or _as_response(render(), media_type)
    response.set_etag(release_id)
    return response


def not_modified(tag: str) -> Response | None:
    """An empty 304 when the client already holds ``tag``."""
    if request.if_none_match.contains(tag):
        return Response(status=304)
    return None


def _as_response(body: bytes | str | Response, media_type: str) -> Response:
    if isinstance(body, Response):
        return body
    mimetype = media_type + ("; charset=utf-8" if _is_text(media_type) else "")
    return Response(body, content_type=mimetype)


def _is_text(media_type: str) -> bool:
    """Whether to name the charset: RDF media types are UTF-8 by definition, and
    harvesters compare ``Content-Type`` exactly (``text/turtle``), so only HTML and text."""
    return media_type in _NAMES_CHARSET
