"""A remote SPARQL 1.1 store over HTTP (Virtuoso, Oxigraph server, Fuseki, …).

Queries go to the query URL as the SPARQL 1.1 Protocol says (POST, form-encoded, with
``default-graph-uri`` / ``named-graph-uri``); SELECT and ASK come back as SPARQL JSON and
CONSTRUCT / DESCRIBE as N-Triples, and both are parsed into pyoxigraph terms, so the
endpoint's own writers, row limit and formats apply as they do to the embedded store.
Updates go to the update URL; whole graphs go through the Graph Store URL when one is set.

**Not answering.** Every request has a short connect timeout and a read timeout no longer
than the caller's deadline; a refused connection, a timeout or a 502-504 answer becomes
:class:`~kuopio_kg.errors.StoreUnavailable` (503) naming the URL. Nothing is remembered
about a failure, so the next request tries again and service resumes when the store does.

**The deadline is the store's too.** A query carries ``timeout`` (milliseconds, Virtuoso's
per-request limit; Oxigraph server ignores it and relies on its ``--timeout-s``), and the
reply is read under the deadline; at the deadline the connection is closed, which stops
Oxigraph server's streaming evaluation. Virtuoso's "anytime" answer to an exceeded
``timeout`` (partial rows, header ``X-SQL-State: S1TAT``) is refused as a timeout, never
served as if complete, and so is Oxigraph server's answer cut off by its ``--timeout-s``
(status 200, the body ending "The SPARQL operation has been cancelled"). Rows are parsed
as they are read; an answer that breaks off later is the store's fault (502, see
:func:`kuopio_kg.sparql.worker.answer`), never served as rows.

**Blank nodes.** Over SPARQL a store mints its own blank nodes, so labels cannot be kept.
Writes keep each blank node's triples together: :meth:`add_graph` sends whole connected
groups of blank-node triples in one request (one document, one scope of labels), and
:meth:`apply` removes a group with ``DELETE … WHERE`` over a pattern in which the blank
nodes are variables (so it removes every group of exactly that shape) and adds with
``INSERT … WHERE {}`` (fresh nodes, shared within the delta).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import pyoxigraph as ox
import requests
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth

from kuopio_kg.errors import QueryError, QueryTimeout, StoreUnavailable, UpstreamError

#: Seconds to wait for a connection (a store that is down must fail fast).
CONNECT_TIMEOUT = 3.0
#: Largest batch of triples one load request carries.
BATCH = 20_000
_GRAPH_FORMS = {"CONSTRUCT", "DESCRIBE"}
_FORMS = {"SELECT", "ASK", *_GRAPH_FORMS}
_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
#: Virtuoso writes blank nodes as "nodeID://b123", which is no blank node label.
_VIRTUOSO_BNODE = re.compile(rb'("type"\s*:\s*"bnode"\s*,\s*"value"\s*:\s*")nodeID://')
#: What Oxigraph server writes at the end of an answer it had begun (status 200) when its
#: ``--timeout-s`` cancels the query.
_CANCELLED = b"The SPARQL operation has been cancelled"
#: Virtuoso's own graphs (its schemas), which are not part of any release.
_VIRTUOSO_GRAPHS = ("http://www.openlinksw.com/", "http://www.w3.org/ns/ldp#",
                    "http://localuriqaserver/", "http://www.w3.org/2002/07/owl#")  # fmt: skip


class _Auth(AuthBase):
    """Digest when the store challenges with Digest (Virtuoso's /sparql-auth), else basic."""

    def __init__(self, user: str, password: str) -> None:
        self.digest = HTTPDigestAuth(user, password)
        self.basic = HTTPBasicAuth(user, password)

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.register_hook("response", self._retry_basic)  # type: ignore[no-untyped-call]
        prepared: requests.PreparedRequest = self.digest(request)
        return prepared

    def _retry_basic(self, response: requests.Response, **kwargs: Any) -> requests.Response:
        challenge = response.headers.get("www-authenticate", "").lower()
        if response.status_code != 401 or not challenge.startswith("basic"):
            return response
        response.content  # noqa: B018 - read the body so the connection can be reused
        retry = self.basic(response.request.copy())
        sent: requests.Response = response.connection.send(retry, **kwargs)
        return sent


class _Reply:
    """A streamed response read as a file under a deadline (the store's answer)."""

    def __init__(self, response: requests.Response, deadline: float, url: str) -> None:
        self._response = response
        self._deadline = deadline
        self._url = url
        self._chunks = response.iter_content(64 * 1024)
        self._buffer = b""

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._buffer) < size:
            if time.monotonic() > self._deadline:
                self.close()
                raise QueryTimeout(f"The store at {self._url} did not answer by the deadline.")
            try:
                chunk = next(self._chunks)
            except StopIteration:
                break
            except requests.RequestException as exc:
                raise _unavailable(self._url, exc) from None
            self._buffer += chunk
        if size < 0:
            out, self._buffer = self._buffer, b""
        else:
            out, self._buffer = self._buffer[:size], self._buffer[size:]
        return out

    def close(self) -> None:
        self._response.close()


class HttpStore:
    """A SPARQL 1.1 store at ``query_url`` (and ``update_url``, ``graph_store_url``).

    ``live_graphs``: when set, a query over the union default graph sees exactly these
    graphs, as the default graph and as the named graphs (the release being served, not
    the staging graphs of a build in progress). ``timeout`` is the read timeout of a
    request that has no deadline of its own.
    """

    def __init__(
        self,
        query_url: str,
        update_url: str = "",
        graph_store_url: str = "",
        user: str = "",
        password: str = "",
        *,
        timeout: float = 30.0,
        live_graphs: Sequence[str] | None = None,
    ) -> None:
        self.name = query_url
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.graph_store_url = graph_store_url
        self.timeout = timeout
        self.live_graphs = None if live_graphs is None else tuple(live_graphs)
        self._session = requests.Session()
        self._session.auth = _Auth(user, password) if user else None
        self._server: str | None = None

    def with_graphs(self, live_graphs: Sequence[str]) -> HttpStore:
        """The same store (and connections) with ``live_graphs`` as its served dataset."""
        other = object.__new__(HttpStore)
        other.__dict__.update(self.__dict__)
        other.live_graphs = tuple(live_graphs)
        return other

    # -- reading ---------------------------------------------------------------------

    def query(
        self,
        text: str,
        *,
        union_default_graph: bool = True,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        base_iri: str | None = None,
        prefixes: dict[str, str] | None = None,
        deadline: float | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        form = _form(text)
        # One BASE only: Virtuoso refuses a second one, and the query's own wins anyway.
        prologue = f"BASE <{base_iri}>\n" if base_iri and not _has_base(text) else ""
        prologue += "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in (prefixes or {}).items())
        params: list[tuple[str, str]] = [("query", prologue + text)]
        if default_graphs is None and named_graphs is None and union_default_graph:
            if self.live_graphs is not None:
                default_graphs = named_graphs = list(self.live_graphs)
            else:
                params.append(("union-default-graph", ""))
        params += [("default-graph-uri", g) for g in default_graphs or ()]
        params += [("named-graph-uri", g) for g in named_graphs or ()]
        deadline = deadline if deadline is not None else time.monotonic() + self.timeout
        params.append(("timeout", str(max(1, int((deadline - time.monotonic()) * 1000)))))
        accept = _NTRIPLES if form in _GRAPH_FORMS else _JSON
        response = self._send("POST", self.query_url, data=params, accept=accept,
                              deadline=deadline, stream=True)  # fmt: skip
        if response.headers.get("X-SQL-State", "").startswith("S1T"):
            response.close()
            raise QueryTimeout(f"The store at {self.query_url} stopped the query at its timeout.")
        reply = _Reply(response, deadline, self.query_url)
        try:
            body = reply.read()
            if body.rstrip().endswith(_CANCELLED):
                raise QueryTimeout(
                    f"The store at {self.query_url} stopped the query at its timeout."
                )
            if form in _GRAPH_FORMS:
                return _triples(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
            if self._is_virtuoso(response):
                body = _VIRTUOSO_BNODE.sub(rb"\1", body)
            return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        except SyntaxError as exc:
            raise UpstreamError(
                f"The store at {self.query_url} answered with results that cannot be read: {exc}."
            ) from None
        finally:
            reply.close()

    def select(self, text: str, *, union_default_graph: bool = True) -> list[ox.QuerySolution]:
        result = self.query(text, union_default_graph=union_default_graph)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("Expected a SELECT query.")
        return list(result)

    def ask(self, text: str, *, union_default_graph: bool = True) -> bool:
        result = self.query(text, union_default_graph=union_default_graph)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("Expected an ASK query.")
        return bool(result)

    def graph_sizes(self) -> dict[str, int]:
        rows = self.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
            union_default_graph=False,
        )
        assert isinstance(rows, ox.QuerySolutions)
        sizes = {}
        for row in rows:
            graph, count = row["g"], row["n"]
            if (
                isinstance(graph, ox.NamedNode)
                and isinstance(count, ox.Literal)
                and not graph.value.startswith(_VIRTUOSO_GRAPHS)
            ):
                sizes[graph.value] = int(count.value)
        return dict(sorted(sizes.items()))

    def quads(self) -> Iterator[ox.Quad]:
        named = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                           union_default_graph=False)  # fmt: skip
        assert isinstance(named, ox.QuerySolutions)
        for row in named:
            graph = row["g"]
            if isinstance(graph, ox.NamedNode) and graph.value.startswith(_VIRTUOSO_GRAPHS):
                continue
            yield ox.Quad(row["s"], row["p"], row["o"], graph)
        if self._server_kind() == "virtuoso":
            return  # Virtuoso's default graph is the union of its graphs, not a graph
        default = self.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", union_default_graph=False)
        assert isinstance(default, ox.QuerySolutions)
        for row in default:
            yield ox.Quad(row["s"], row["p"], row["o"], ox.DefaultGraph())

    # -- writing ---------------------------------------------------------------------

    def update(self, text: str, *, base_iri: str | None = None) -> None:
        prologue = f"BASE <{base_iri}>\n" if base_iri else ""
        if self._server_kind() == "virtuoso":
            # Virtuoso takes updates in the query parameter (the update one is refused).
            self._send("POST", self.update_url, data=[("query", prologue + text)])
        else:
            self._send("POST", self.update_url, data=[("update", prologue + text)])

    def add_graph(self, graph_iri: str, ntriples: bytes) -> None:
        """Add the triples to the graph: through the Graph Store URL when set (N-Triples
        as they are), else by SPARQL updates; in batches that keep blank nodes whole."""
        triples = [quad.triple for quad in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)]
        graph = ox.NamedNode(graph_iri)
        for batch in _batches(triples):
            if self.graph_store_url:
                body = ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES) or b""
                self._send("POST", self.graph_store_url, params={"graph": graph_iri},
                           body=body, content_type=_NTRIPLES)  # fmt: skip
            else:
                self.update(_insert([ox.Quad(t.subject, t.predicate, t.object, graph)
                                     for t in batch]))  # fmt: skip

    def apply(self, remove: Sequence[ox.Quad], add: Sequence[ox.Quad]) -> None:
        """Remove, then add, in one update request (one transaction where the store makes
        one request one transaction; Oxigraph server does)."""
        operations = [_delete(group) for group in _groups(remove)]
        if add:
            operations.append(_insert(add))
        if operations:
            self.update(" ;\n".join(operations))

    def drop(self, graph_iris: Iterable[str]) -> None:
        """Drop the graphs (silently when absent), in one request."""
        operations = [f"DROP SILENT GRAPH <{iri}>" for iri in graph_iris]
        if operations:
            self.update(" ;\n".join(operations))

    # -- HTTP ------------------------------------------------------------------------

    def _server_kind(self) -> str:
        """Either "virtuoso" or "other", from the Server header of one ASK (asked once)."""
        if self._server is None:
            response = self._send("POST", self.query_url, data=[("query", "ASK {}")])
            self._server = "virtuoso" if self._is_virtuoso(response) else "other"
        return self._server

    def _is_virtuoso(self, response: requests.Response) -> bool:
        virtuoso = response.headers.get("Server", "").startswith("Virtuoso")
        self._server = "virtuoso" if virtuoso else "other"
        return virtuoso

    def _send(
        self,
        method: str,
        url: str,
        *,
        data: list[tuple[str, str]] | None = None,
        params: dict[str, str] | None = None,
        body: bytes | None = None,
        content_type: str | None = None,
        accept: str = _JSON,
        deadline: float | None = None,
        stream: bool = False,
    ) -> requests.Response:
        """One request; a store that does not answer raises StoreUnavailable."""
        read = self.timeout if deadline is None else max(0.1, deadline - time.monotonic())
        headers = {"Accept": accept}
        if data is not None:
            # Virtuoso reads form fields as Latin-1 unless told otherwise.
            headers["Content-Type"] = "application/x-www-form-urlencoded; charset=UTF-8"
        if content_type:
            headers["Content-Type"] = content_type
        try:
            response = self._session.request(
                method, url, data=body if body is not None else data, params=params,
                headers=headers, timeout=(CONNECT_TIMEOUT, read), stream=stream,
            )  # fmt: skip
        except requests.ReadTimeout:
            if deadline is not None:
                raise QueryTimeout(f"The store at {url} did not answer by the deadline.") from None
            raise StoreUnavailable(f"The store at {url} did not answer in {read:g} s.") from None
        except requests.RequestException as exc:
            raise _unavailable(url, exc) from None
        if response.status_code < 400:
            return response
        message = _first_line(response.text)
        response.close()
        if response.status_code == 400:
            raise QueryError(f"The store at {url} refused the request: {message}.")
        if response.status_code in (401, 403):
            raise UpstreamError(
                f"The store at {url} refused our credentials (HTTP {response.status_code}); "
                "check KUOPIO_KG_STORE_USER and KUOPIO_KG_STORE_PASSWORD."
            )
        if response.status_code >= 500 and "timeout" in message.lower().replace(" ", ""):
            raise QueryTimeout(f"The store at {url} stopped the query at its timeout: {message}.")
        if response.status_code in (502, 503, 504):
            raise StoreUnavailable(
                f"The store at {url} answered HTTP {response.status_code}: {message}."
            )
        raise UpstreamError(f"The store at {url} answered HTTP {response.status_code}: {message}.")


def _unavailable(url: str, exc: Exception) -> StoreUnavailable:
    reason = "connection refused" if "refused" in str(exc).lower() else type(exc).__name__
    return StoreUnavailable(
        f"The store at {url} does not answer ({reason}); try again when it is back."
    )


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return (lines[0] if lines else "no message")[:300]


def _form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first query-form keyword of the text, as
    the endpoint's lexer reads it (imported here: the sparql package imports this one)."""
    from kuopio_kg.sparql.lexer import tokens

    for token in tokens(text):
        if token.kind == "word" and token.text.upper() in _FORMS:
            return token.text.upper()
    raise QueryError("The query is not valid SPARQL: it has no SELECT, ASK, CONSTRUCT or DESCRIBE.")


def _has_base(text: str) -> bool:
    """Whether the query's prologue declares a BASE of its own."""
    from kuopio_kg.sparql.lexer import tokens

    for token in tokens(text):
        if token.kind == "word" and token.text.upper() in _FORMS:
            return False
        if token.is_word("BASE"):
            return True
    return False


def _triples(parsed: Iterable[ox.Quad]) -> ox.QueryTriples:
    """Parsed triples as the QueryTriples an embedded store would give (via a scratch
    store: pyoxigraph makes QueryTriples only from a query)."""
    scratch = ox.Store()
    scratch.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in parsed)
    result = scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert isinstance(result, ox.QueryTriples)
    return result


def _has_blank(triple: ox.Triple | ox.Quad) -> bool:
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


def _components(items: Sequence[Any]) -> list[list[Any]]:
    """Triples or quads grouped so each blank node's triples are in one group (union-find
    over blank nodes); triples without blank nodes are each a group of one."""
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for item in items:
        blanks = [t.value for t in (item.subject, item.object) if isinstance(t, ox.BlankNode)]
        for other in blanks[1:]:
            parent[find(other)] = find(blanks[0])
    groups: dict[str, list[Any]] = {}
    single: list[list[Any]] = []
    for item in items:
        blank = next((t.value for t in (item.subject, item.object)
                      if isinstance(t, ox.BlankNode)), None)  # fmt: skip
        if blank is None:
            single.append([item])
        else:
            groups.setdefault(find(blank), []).append(item)
    return single + list(groups.values())


def _batches(triples: Sequence[ox.Triple]) -> Iterator[list[ox.Triple]]:
    """Batches of about :data:`BATCH` triples, never splitting a blank node's triples."""
    batch: list[ox.Triple] = []
    for group in _components(triples):
        batch.extend(group)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _groups(quads: Sequence[ox.Quad]) -> list[list[ox.Quad]]:
    """Ground quads as one group; each blank-node component as a group of its own."""
    ground = [q for q in quads if not _has_blank(q)]
    blank = _components([q for q in quads if _has_blank(q)])
    return ([ground] if ground else []) + blank


def _term(term: Any, variables: bool) -> str:
    if variables and isinstance(term, ox.BlankNode):
        return "?b_" + re.sub(r"\W", "_", term.value)
    return str(term)


def _block(quads: Sequence[ox.Quad], variables: bool) -> str:
    by_graph: dict[str, list[str]] = {}
    for quad in quads:
        line = " ".join(_term(t, variables) for t in (quad.subject, quad.predicate, quad.object))
        key = "" if isinstance(quad.graph_name, ox.DefaultGraph) else str(quad.graph_name)
        by_graph.setdefault(key, []).append(line + " .")
    parts = []
    for graph, lines in by_graph.items():
        inner = "\n".join(lines)
        parts.append(f"GRAPH {graph} {{\n{inner}\n}}" if graph else inner)
    return "\n".join(parts)


def _insert(quads: Sequence[ox.Quad]) -> str:
    """INSERT DATA for ground quads; INSERT … WHERE {} when blank nodes are among them
    (Virtuoso refuses blank nodes in INSERT DATA; fresh nodes either way)."""
    if any(_has_blank(q) for q in quads):
        return f"INSERT {{\n{_block(quads, False)}\n}} WHERE {{}}"
    return f"INSERT DATA {{\n{_block(quads, False)}\n}}"


def _delete(quads: Sequence[ox.Quad]) -> str:
    if any(_has_blank(q) for q in quads):
        pattern = _block(quads, True)
        return f"DELETE {{\n{pattern}\n}} WHERE {{\n{pattern}\n}}"
    return f"DELETE DATA {{\n{_block(quads, False)}\n}}"
