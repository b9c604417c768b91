"""What the reconciliation views share: the index of the current release (built once per
release, remembered on it), the language a client reads, and JSON or JSONP answers."""

from __future__ import annotations

import json
import re
from typing import Any

from flask import Response, request

from kuopio_kg.errors import ReconcileError
from kuopio_kg.reconcile import Index, build_index
from kuopio_kg.web.state import state

#: Languages names are given in, the first being the default.
LANGUAGES = ("en", "fi")
#: A JSONP callback is a plain (dotted) JavaScript name, nothing that could run code.
_CALLBACK = re.compile(r"[A-Za-z_$][A-Za-z0-9_$.]{0,99}")


def current_index() -> Index:
    current = state().current()
    return current.remember("reconcile-index", lambda: build_index(current.store, state().settings))


def language() -> str:
    """The client's language of choice among :data:`LANGUAGES` (Accept-Language)."""
    return request.accept_languages.best_match(LANGUAGES) or LANGUAGES[0]


def callback() -> str | None:
    """The request's JSONP callback, checked; a ReconcileError when it is not a plain name."""
    name = request.values.get("callback")
    if name is None:
        return None
    if not _CALLBACK.fullmatch(name):
        raise ReconcileError(
            "The callback parameter must be a JavaScript name (letters, digits, _, $ and .)."
        )
    return name


def answer(data: dict[str, Any]) -> Response:
    """``data`` as JSON, or as a JSONP call when the request names a callback."""
    name = callback()
    body = json.dumps(data, ensure_ascii=False)
    if name is None:
        return Response(body, content_type="application/json")
    return Response(f"{name}({body});", content_type="application/javascript; charset=utf-8")
