"""A crawler's walk over the real server: from / it follows links on the same host and
must reach at least 90% of the typed entities of the data graph, never meeting a 5xx."""

from __future__ import annotations

import html
import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
import requests

from kuopio_kg.settings import Settings

HREF = re.compile(r'href="([^"]+)"')
#: Pages the walk may fetch at most (the walk stops by itself).
MAX_PAGES = 5000


def _typed_entities(server: str, settings: Settings, http: requests.Session) -> set[str]:
    query = (
        f"SELECT DISTINCT ?s WHERE {{ GRAPH <{settings.graph_iri('data')}> {{ ?s a ?c }} "
        f'FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{settings.base_iri}")) }}'
    )
    response = http.post(
        server + "/sparql",
        data={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        timeout=60,
    )
    response.raise_for_status()
    bindings = response.json()["results"]["bindings"]
    return {"/" + b["s"]["value"].removeprefix(settings.base_iri) for b in bindings}


def crawl(server: str, http: requests.Session) -> tuple[set[str], dict[str, int]]:
    """Every same-host path reachable from /, and the status each answered."""
    host = urlsplit(server).netloc
    queue: deque[str] = deque(["/"])
    statuses: dict[str, int] = {}
    while queue and len(statuses) < MAX_PAGES:
        path = queue.popleft()
        if path in statuses:
            continue
        response = http.get(server + path, headers={"Accept": "text/html"}, timeout=60)
        statuses[path] = response.status_code
        if not response.headers.get("Content-Type", "").startswith("text/html"):
            continue
        for href in HREF.findall(response.text):
            url = urlsplit(urljoin(server + path, html.unescape(href)))
            if url.netloc == host and url.scheme in ("http", "https"):
                found = url.path + (f"?{url.query}" if url.query else "")
                if found not in statuses:
                    queue.append(found)
    return set(statuses), statuses


@pytest.mark.slow
def test_crawl_from_landing_reaches_the_typed_entities(
    live_server: str, settings: Settings, http: requests.Session
) -> None:
    server = live_server
    typed = _typed_entities(server, settings, http)
    assert typed, "the data graph has no typed entities to reach"
    reached, statuses = crawl(server, http)
    errors = {path: status for path, status in statuses.items() if status >= 500}
    assert not errors
    coverage = len(typed & reached) / len(typed)
    print(f"crawl: {len(reached)} pages, {len(typed & reached)}/{len(typed)} typed entities")
    assert coverage >= 0.9, sorted(typed - reached)[:20]
    assert all(statuses[path] == 200 for path in typed & reached)
