"""The SPARQL 1.1 Protocol endpoint at /sparql.

GET with a query, POST form and POST direct run a query or update in a worker; GET
without one answers the service description, or the query UI when a browser asks for
HTML. The view only wires the pieces: :mod:`protocol` reads the request,
:mod:`negotiation` picks formats, the policy checks the text, :class:`Endpoint` runs it.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator

import pyoxigraph as ox
from flask import Blueprint, Request, Response, request

from kuopio_kg.errors import AuthenticationRequired, NotAcceptable, UpdateForbidden
from kuopio_kg.sparql.formats import GRAPH_FORMATS
from kuopio_kg.sparql.jobs import Head, Job
from kuopio_kg.sparql.update import with_using
from kuopio_kg.web import sparql_negotiation as negotiation
from kuopio_kg.web import sparql_protocol as protocol
from kuopio_kg.web.sparql_description import describe
from kuopio_kg.web.sparql_endpoint import Endpoint, current_endpoint
from kuopio_kg.web.sparql_hygiene import accepts_gzip, gzip_stream
from kuopio_kg.web.sparql_ui import render_ui

sparql = Blueprint("sparql", __name__)

#: Header that flags a result cut at the row limit, and the one that states the limit.
TRUNCATED_HEADER = "X-SPARQL-Truncated"
MAX_ROWS_HEADER = "X-SPARQL-Max-Rows"


@sparql.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response:
    ep = current_endpoint()
    operation = protocol.read(request, ep.settings.max_body)
    if operation is None:
        if negotiation.prefers_html(request.accept_mimetypes, negotiation.GRAPH_TYPES):
            return render_ui()
        return _description(ep)
    if operation.kind == "update":
        return _update(ep, operation)
    asked_format = any(p in request.args for p in negotiation.FORMAT_PARAMETERS)
    if (
        request.method == "GET"
        and not asked_format
        and negotiation.prefers_html(request.accept_mimetypes, negotiation.RESULT_TYPES)
    ):
        return render_ui()
    return _query(ep, operation)


def _query(ep: Endpoint, operation: protocol.Operation) -> Response:
    calls_service = ep.policy.check(operation.text, request.base_url)
    choice = negotiation.choose(request.accept_mimetypes, request.values)
    if choice.result is None and choice.graph is None:
        raise NotAcceptable(
            "No result format matches the Accept header; ask for application/sparql-results+json, "
            "text/csv, text/turtle, application/ld+json or another listed format."
        )
    release, store_generation = ep.release()
    dataset = bool(operation.default_graphs or operation.named_graphs)
    job = Job(
        "query",
        operation.text,
        request.base_url,
        release.store_path,
        ep.settings.union_default_graph,
        operation.default_graphs if dataset else None,
        operation.named_graphs if dataset else None,
        choice.result,
        choice.graph,
        ep.settings.max_rows,
    )
    etag = _etag(release.id, store_generation, job)
    if request.if_none_match.contains(etag):
        response = Response(status=304)
        response.set_etag(etag)
        return response
    gzipped = accepts_gzip(request)
    head, body = ep.answer(
        job, calls_service, etag + ("-gzip" if gzipped else ""), gzip_stream if gzipped else iter
    )
    response = _stream(head, body, gzipped)
    response.set_etag(etag)
    response.cache_control.public = True
    response.cache_control.max_age = 0
    response.cache_control.must_revalidate = True
    return response


def _stream(head: Head, body: Iterator[bytes], gzipped: bool) -> Response:
    """A streamed response of ``body`` (already gzipped when ``gzipped``)."""
    response = Response(body)
    response.headers["Content-Type"] = negotiation.RESPONSE_TYPES[head.format or "json"]
    response.headers[MAX_ROWS_HEADER] = str(current_endpoint().settings.max_rows)
    if head.truncated:
        response.headers[TRUNCATED_HEADER] = "true"
    if gzipped:
        response.headers["Content-Encoding"] = "gzip"
    return response


def _update(ep: Endpoint, operation: protocol.Operation) -> Response:
    _authorize(ep, request)
    ep.policy.check(operation.text, request.base_url)
    text = with_using(operation.text, operation.default_graphs, operation.named_graphs)
    release, _ = ep.release()
    job = Job("update", text, request.base_url, release.store_path)
    _, chunks = ep.run(job, calls_service=False)
    for _chunk in chunks:
        pass
    return Response(status=204)


def _authorize(ep: Endpoint, req: Request) -> None:
    token = ep.settings.update_token
    if not token:
        raise UpdateForbidden(
            "Updates are disabled on this endpoint (KUOPIO_KG_UPDATE_TOKEN is not set)."
        )
    scheme, _, given = req.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise AuthenticationRequired("Updates need the header 'Authorization: Bearer <token>'.")
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise UpdateForbidden("The bearer token is not this endpoint's update token.")


def _description(ep: Endpoint) -> Response:
    name = negotiation.best(request.accept_mimetypes, negotiation.GRAPH_TYPES)
    if name is None:
        raise NotAcceptable(
            "The service description is available as Turtle, N-Triples, JSON-LD or RDF/XML."
        )
    release, store_generation = ep.release()
    sizes = ep.sizes(release.store_path, release.id, store_generation)
    triples = describe(request.base_url, ep.settings, ep.policy, sizes)
    body = ox.serialize(triples, format=GRAPH_FORMATS[name][0]) or b""
    return Response(body, content_type=negotiation.RESPONSE_TYPES[name])


def _etag(release_id: str, store_generation: int, job: Job) -> str:
    """Release, updates so far, and everything that shapes the answer."""
    key = repr((release_id, store_generation, job.text, job.base_iri, job.union_default_graph,
                job.default_graphs, job.named_graphs, job.result_format, job.graph_format,
                job.max_rows))  # fmt: skip
    return hashlib.sha256(key.encode()).hexdigest()[:32]
