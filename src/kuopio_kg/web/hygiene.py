"""HTTP hygiene for every response: CORS, gzip, timing, metrics and request-id logging.

CORS allows GET and POST from any origin without credentials. Bodies the app built in
memory are gzipped when large and the client accepts it (the query service gzips the
answers it streams itself). Every log line of the ``kuopio_kg`` loggers carries the
request id (:class:`RequestIdFilter`, installed by the gunicorn logging configuration),
as every response does in ``X-Request-Id``.
"""

from __future__ import annotations

import gzip
import logging
import time
import uuid

from flask import Flask, Request, Response, g, has_request_context, request

from kuopio_kg.web.metrics import Metrics

#: Bodies smaller than this are sent as they are.
GZIP_MINIMUM = 1024

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Content-Type, Authorization, X-Request-Id",
    "Access-Control-Expose-Headers": "ETag, X-Request-Id, X-SPARQL-Truncated, X-SPARQL-Max-Rows",
    "Access-Control-Max-Age": "86400",
}

log = logging.getLogger("kuopio_kg.web.access")


class RequestIdFilter(logging.Filter):
    """Gives every record a ``request_id`` attribute ("-" outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = g.get("request_id", "-") if has_request_context() else "-"
        return True


def accepts_gzip(req: Request) -> bool:
    return req.accept_encodings["gzip"] > 0


def install_hygiene(app: Flask, metrics: Metrics) -> None:
    """Register the hooks on ``app``; every response is counted in ``metrics``."""

    @app.before_request
    def _start() -> None:
        g.started = time.perf_counter()
        g.request_id = request.headers.get("X-Request-Id") or uuid.uuid4().hex[:12]

    @app.after_request
    def _finish(response: Response) -> Response:
        response.headers["X-Request-Id"] = g.get("request_id", "")
        response.headers.update(CORS_HEADERS)
        response.vary.add("Accept")
        response.vary.add("Accept-Encoding")
        _maybe_gzip(response)
        seconds = time.perf_counter() - g.get("started", time.perf_counter())
        route = request.url_rule.rule if request.url_rule else "unmatched"
        metrics.observe(route, response.status_code, seconds)
        if response.status_code in (400, 401, 403, 405, 406, 413, 415):
            metrics.refused(str(response.status_code))
        log.info(
            "%s %s -> %s in %.1f ms",
            request.method,
            request.path,
            response.status_code,
            seconds * 1000,
        )
        return response


def _maybe_gzip(response: Response) -> None:
    if (
        response.direct_passthrough
        or response.is_streamed
        or "Content-Encoding" in response.headers
        or not accepts_gzip(request)
        or response.status_code == 304
    ):
        return
    body = response.get_data()
    if len(body) < GZIP_MINIMUM:
        return
    response.set_data(gzip.compress(body, 6))
    response.headers["Content-Encoding"] = "gzip"
