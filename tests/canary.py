"""A loopback HTTP server that remembers every request: the safety tests' canary.

Any path answers a small N-Triples document unless :attr:`Canary.routes` says otherwise;
each hit is recorded as ``"METHOD /path"`` together with the ``Host`` header it named.
"""

from __future__ import annotations

import http.server
import threading
from dataclasses import dataclass, field

NTRIPLES = "application/n-triples"


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b"<http://x/s> <http://x/p> <http://x/o> .\n"
    headers: dict[str, str] = field(
        default_factory=lambda: {"Content-Type": "application/n-triples"}
    )


class Canary:
    def __init__(self) -> None:
        self.hits: list[str] = []
        self.hosts: list[str] = []
        self.routes: dict[str, Reply] = {}
        canary = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _record(self) -> None:
                canary.hits.append(f"{self.command} {self.path}")
                canary.hosts.append(self.headers.get("Host", ""))
                reply = canary.routes.get(self.path, Reply())
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

            do_GET = do_POST = _record

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_port
        self.url = f"http://127.0.0.1:{self.port}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
