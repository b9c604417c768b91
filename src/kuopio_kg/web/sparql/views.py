"""The SPARQL 1.1 Protocol endpoint at /sparql, and the query page at /query.

A request goes one way and back: :mod:`.protocol` reads it, :mod:`.negotiation` picks
the formats, the query service (:class:`~kuopio_kg.sparql.service.Endpoint`) answers, and
the view writes that answer as the response. GET without a query answers the service
description, or the query UI when a browser asks for HTML.
"""

from __future__ import annotations

from flask import Blueprint, Flask, Response, request

from kuopio_kg.errors import NotAcceptable
from kuopio_kg.formats import BY_NAME
from kuopio_kg.sparql.jobs import Operation as Kind
from kuopio_kg.sparql.service import Answer, QueryRequest
from kuopio_kg.web.hygiene import accepts_gzip
from kuopio_kg.web.sparql import negotiation, protocol
from kuopio_kg.web.sparql.graph_store import graph_store
from kuopio_kg.web.sparql.ui import render_ui, ui
from kuopio_kg.web.state import state

sparql = Blueprint("sparql", __name__)

#: Header that flags a result cut at the row limit, and the one that states the limit.
TRUNCATED_HEADER = "X-SPARQL-Truncated"
MAX_ROWS_HEADER = "X-SPARQL-Max-Rows"


def install_sparql(app: Flask) -> None:
    app.register_blueprint(sparql)
    app.register_blueprint(graph_store)
    app.register_blueprint(ui)


@sparql.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response:
    service = state().endpoint
    operation = protocol.read(request, service.settings.max_body)
    if operation is None:
        if negotiation.prefers_html(request.accept_mimetypes, negotiation.GRAPH_TYPES):
            return render_ui()
        return _description()
    if operation.kind is Kind.UPDATE:
        service.update(operation.text, request.base_url, operation.dataset,
                       protocol.bearer_token(request))  # fmt: skip
        return Response(status=204)
    asked_format = any(p in request.args for p in negotiation.FORMAT_PARAMETERS)
    if (
        request.method in ("GET", "HEAD")
        and not asked_format
        and negotiation.prefers_html(request.accept_mimetypes, negotiation.RESULT_TYPES)
    ):
        return render_ui()
    choice = negotiation.choose(request.accept_mimetypes, request.values)
    answer = service.query(
        QueryRequest(
            operation.text,
            request.base_url,
            operation.dataset,
            choice.result,
            choice.graph,
            gzip=accepts_gzip(request),
            known=request.if_none_match,
        )
    )
    return _response(answer, service.settings.max_rows)


def _response(answer: Answer, max_rows: int) -> Response:
    """The answer as a streamed response, or a 304 when the client holds it already."""
    if answer.head is None:
        response = Response(status=304)
    else:
        response = Response(answer.body)
        response.headers["Content-Type"] = BY_NAME[answer.head.format or "json"].content_type
        response.headers[MAX_ROWS_HEADER] = str(max_rows)
        if answer.head.truncated:
            response.headers[TRUNCATED_HEADER] = "true"
        if answer.gzipped:
            response.headers["Content-Encoding"] = "gzip"
        response.cache_control.public = True
        response.cache_control.max_age = 0
        response.cache_control.must_revalidate = True
    if answer.etag is not None:
        response.set_etag(answer.etag)
    return response


def _description() -> Response:
    name = negotiation.best(request.accept_mimetypes, negotiation.GRAPH_TYPES)
    if name is None:
        raise NotAcceptable(
            "The service description is available as Turtle, N-Triples, JSON-LD or RDF/XML."
        )
    body = state().endpoint.description(request.base_url, name)
    return Response(body, content_type=BY_NAME[name].content_type)
