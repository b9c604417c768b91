"""A runaway over a remote store reaches the store once, then is refused at once.

A query that ran to its deadline at the store is not sent again for a while: the same query
(here with other white space, as a client that retries may send it) gets a 503 saying so,
with a ``Retry-After``, while other queries are answered as before.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import requests

from kuopio_kg.settings import Settings
from kuopio_kg.sparql.remote import REFUSE_FOR

from .conftest import store_env
from .servers import Server

#: Every triple against every triple: well past a one-second deadline on either store, and
#: over within the stores' own limit, so it does not keep a store busy for long.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _ask(url: str, text: str) -> requests.Response:
    return requests.post(url + "/sparql", data={"query": text}, timeout=30,
                         headers={"Accept": "application/sparql-results+json"})  # fmt: skip


@pytest.mark.slow
def test_a_query_that_ran_to_its_deadline_is_refused_when_sent_again(
    remote: Server, remote_settings: Settings, start_server: Callable[..., str]
) -> None:
    # one server process, so the second request meets the process that saw the first
    url = start_server(remote_settings.data_dir, query_timeout=1, workers=1, **store_env(remote))

    first = _ask(url, RUNAWAY)
    assert first.status_code == 503, first.text
    assert "stopped at the store" in first.json()["error"]

    again = _ask(url, "  " + RUNAWAY.replace(" . ", " .\n    "))
    assert again.status_code == 503, again.text
    assert "is not sent again" in again.json()["error"]
    # the first ran for its one-second deadline just before: nearly all of REFUSE_FOR is left
    assert REFUSE_FOR - 10 <= int(again.headers["Retry-After"]) <= REFUSE_FOR

    other = _ask(url, COUNT)
    assert other.status_code == 200, other.text
