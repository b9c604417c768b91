"""The Graph Store HTTP Protocol at /graph-store, with indirect graph identification.

``?graph=<IRI>`` names a graph (the query string is percent-decoded once, so ``%2531`` is
the IRI with ``%31`` in it) and ``?default`` the default graph; a POST naming neither
creates a graph and answers its IRI in ``Location``. This module only reads the HTTP
request (which graph, the body's parts, the token, the Accept header) and writes the
answer; :class:`~kuopio_kg.sparql.graph_store.GraphStore` does the rest.
"""

from __future__ import annotations

from flask import Blueprint, Request, Response, request

from kuopio_kg.errors import BadParameter, NotAcceptable, PayloadTooLarge, UnsupportedMediaType
from kuopio_kg.formats import BY_NAME
from kuopio_kg.sparql.graph_store import GraphStore, Part, graph_iri
from kuopio_kg.sparql.service import Answer
from kuopio_kg.web.hygiene import accepts_gzip
from kuopio_kg.web.sparql import negotiation
from kuopio_kg.web.sparql.protocol import bearer_token
from kuopio_kg.web.state import state

graph_store = Blueprint("graph_store", __name__)

MULTIPART = "multipart/form-data"


@graph_store.route("/graph-store", methods=["GET", "PUT", "POST", "DELETE"])
def store() -> Response:
    service = GraphStore(state().endpoint)
    base, token = request.base_url, bearer_token(request)
    if request.method in ("GET", "HEAD"):
        graph = _graph(request)
        name = negotiation.best(request.accept_mimetypes, negotiation.GRAPH_TYPES)
        if name is None:
            raise NotAcceptable(
                "The Graph Store answers Turtle, N-Triples, JSON-LD or RDF/XML; none of them "
                "matches the Accept header."
            )
        answer = service.get(graph, name, base, accepts_gzip(request), request.if_none_match)
        return _answer(answer, head=request.method == "HEAD")
    if request.method == "DELETE":
        service.delete(_graph(request), base, token)
        return Response(status=204)
    if request.method == "POST" and not {"graph", "default"} & set(request.args):
        created = service.create(_parts(request, state().settings.max_body), base, token)
        return Response(status=201, headers={"Location": created})
    graph = _graph(request)
    parts = _parts(request, state().settings.max_body)
    write = service.put if request.method == "PUT" else service.post
    return Response(status=201 if write(graph, parts, base, token) else 204)


def _graph(req: Request) -> str | None:
    """The graph the request names: an IRI, or None for the default graph."""
    graphs = req.args.getlist("graph")
    if len(graphs) + ("default" in req.args) != 1:
        raise BadParameter(
            "Name one graph: ?graph=<IRI> (percent-encoded) or ?default"
            + (", not several." if graphs or "default" in req.args else ".")
        )
    return None if "default" in req.args else graph_iri(graphs[0])


def _parts(req: Request, max_body: int) -> list[Part]:
    """The RDF documents of the body: the body itself, or each file of a multipart body."""
    if req.content_length is not None and req.content_length > max_body:
        raise PayloadTooLarge(
            f"The request body has {req.content_length} bytes; this endpoint accepts at most "
            f"{max_body} (KUOPIO_KG_MAX_BODY)."
        )
    if req.mimetype != MULTIPART:
        _check_charset(req.mimetype_params, "The request body")
        return [Part(req.mimetype, req.get_data())]
    if req.form:
        field = next(iter(req.form))
        raise UnsupportedMediaType(
            f"Part {field!r} of the multipart body is a plain form field; send each RDF "
            "document as a file part with its Content-Type."
        )
    parts = []
    for field, file in req.files.items(multi=True):
        name = f"Part {file.filename or field!r} of the request body"
        _check_charset(file.mimetype_params, name)
        parts.append(Part(file.mimetype, file.read(), name))
    return parts


def _check_charset(params: dict[str, str], name: str) -> None:
    charset = params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise UnsupportedMediaType(f"{name} must be UTF-8, not {charset}.")


def _answer(answer: Answer, head: bool) -> Response:
    """The graph as a streamed response (HEAD: its headers alone), or a 304."""
    if answer.head is None:
        response = Response(status=304)
    else:
        if head:
            for _chunk in answer.body:  # read to the end, so the worker is free again
                pass
        response = Response(b"" if head else answer.body)
        response.headers["Content-Type"] = BY_NAME[answer.head.format or "turtle"].content_type
        if answer.gzipped:
            response.headers["Content-Encoding"] = "gzip"
        response.cache_control.public = True
        response.cache_control.max_age = 0
        response.cache_control.must_revalidate = True
    if answer.etag is not None:
        response.set_etag(answer.etag)
    return response
