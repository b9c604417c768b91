"""What every HTML page shares: links to IRIs on this host, embedded JSON-LD, error pages."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from flask import Response, g, render_template, request

from kuopio_kg.settings import Settings
from kuopio_kg.web.state import state

HTML = "text/html"


def href_for(settings: Settings) -> Callable[[str], str]:
    """``href(iri)``: IRIs under the base become paths on this host (they dereference here),
    others stay as they are."""
    base = settings.base_iri

    def href(iri: str) -> str:
        return "/" + iri[len(base) :] if iri.startswith(base) else iri

    return href


def script_json(data: dict[str, Any]) -> str:
    """JSON safe to embed in ``<script type="application/ld+json">``."""
    return json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")


def prefers_html() -> bool:
    """Whether the client asked for HTML over JSON (a browser); no Accept means JSON."""
    if not request.headers.get("Accept"):
        return False
    return request.accept_mimetypes.best_match(["application/json", HTML]) == HTML


def error_page(message: str, status: int, suggestions: Sequence[str]) -> Response:
    """The HTML form of an error: the sentence, suggestions and ways on."""
    body = render_template(
        "error.html",
        message=message,
        status=status,
        suggestions=suggestions,
        request_id=g.get("request_id"),
        href=href_for(state().settings),
    )
    return Response(body, status=status, content_type="text/html; charset=utf-8")
