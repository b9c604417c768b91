"""A stand-in for the Wikidata Query Service: a SPARQL endpoint on 127.0.0.1 over an
Oxigraph store loaded with a Wikidata-shaped fixture.

It records every request (method, User-Agent, body, how many were in flight) and can be told
to misbehave on the next requests the way the real service does: 429 with Retry-After, 403,
an answer slower than the client's timeout, a 200 with an HTML policy page.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pyoxigraph

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "wikidata" / "standin.ttl"

#: Seconds the "slow" fault waits before answering (longer than the tests' timeout).
SLOW_SECONDS = 2.5


@dataclass(frozen=True)
class Request:
    method: str
    user_agent: str
    body: str
    in_flight: int
    content_type: str

    @property
    def query(self) -> str:
        """The SPARQL text: the body itself (Oxigraph's SERVICE calls POST
        ``application/sparql-query``) or its ``query`` form field (SPARQLWrapper)."""
        if self.content_type.startswith("application/sparql-query"):
            return self.body
        return parse_qs(self.body).get("query", [""])[0]


@dataclass
class StandIn:
    """The running stand-in: its URL, its store, the requests seen and the faults queued."""

    url: str
    store: pyoxigraph.Store
    requests: list[Request] = field(default_factory=list)
    faults: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    in_flight: int = 0

    def add_turtle(self, text: str) -> None:
        """Add Wikidata-shaped triples (prefixes wd:, wdt: and the rest are declared)."""
        self.store.load(PREFIXES + text, format=pyoxigraph.RdfFormat.TURTLE)

    def remove(self, subject: str, predicate: str) -> None:
        """Drop every ``subject predicate ?o`` triple (both full IRIs)."""
        s, p = pyoxigraph.NamedNode(subject), pyoxigraph.NamedNode(predicate)
        for quad in list(self.store.quads_for_pattern(s, p, None)):
            self.store.remove(quad)

    def queries(self) -> list[str]:
        """The SPARQL text of every request received."""
        return [r.query for r in self.requests]


PREFIXES = """
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <http://schema.org/> .
@prefix geo: <http://www.opengis.net/ont/geosparql#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

_FAULTS = {
    "429": (429, {"Retry-After": "7"}, b"Too Many Requests", "text/plain"),
    "429-bare": (429, {}, b"Too Many Requests", "text/plain"),
    "403": (403, {}, b"Forbidden: please set a User-Agent (see the policy)", "text/plain"),
    "html": (200, {}, b"<!DOCTYPE html><html><body>Robot policy</body></html>", "text/html"),
}


def _handler(standin: StandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            self._serve("")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            self._serve(self.rfile.read(length).decode("utf-8"))

        def _serve(self, body: str) -> None:
            with standin.lock:
                standin.in_flight += 1
                request = Request(
                    self.command,
                    self.headers.get("User-Agent", ""),
                    body,
                    standin.in_flight,
                    self.headers.get("Content-Type", ""),
                )
                standin.requests.append(request)
                fault = standin.faults.pop(0) if standin.faults else ""
            try:
                if fault == "slow":
                    time.sleep(SLOW_SECONDS)
                if fault in _FAULTS:
                    self._send(*_FAULTS[fault])
                    return
                results = standin.store.query(request.query)
                assert isinstance(results, pyoxigraph.QuerySolutions)
                payload = results.serialize(format=pyoxigraph.QueryResultsFormat.JSON)
                assert payload is not None
                self._send(200, {}, payload, "application/sparql-results+json")
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                with standin.lock:
                    standin.in_flight -= 1

        def _send(self, status: int, headers: dict[str, str], payload: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(payload)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)

    return Handler


def start(fixture: Path = FIXTURE) -> tuple[StandIn, ThreadingHTTPServer]:
    """Load ``fixture`` into a fresh store and serve it on a free loopback port."""
    store = pyoxigraph.Store()
    store.load(path=str(fixture), format=pyoxigraph.RdfFormat.TURTLE)
    standin = StandIn("", store)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(standin))
    server.daemon_threads = True
    standin.url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return standin, server
