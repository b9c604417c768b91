"""A Wikidata Query Service client that keeps to Wikidata's rules for bots.

Every request carries a descriptive User-Agent with the project's URL and a contact address
(SPARQLWrapper's own agent is refused with 403), goes by POST, one at a time, with a
timeout. A 429 is waited out (``Retry-After``, else 60 s) a bounded number of times; a 403,
a timeout and a 200 whose body is not SPARQL JSON are typed errors. Answers are cached.
"""

from __future__ import annotations

import json
import math
import time
import urllib.error
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from SPARQLWrapper import JSON, POST, URLENCODED, SPARQLWrapper

from kuopio_kg.errors import (
    WikidataBadAnswer,
    WikidataError,
    WikidataRateLimited,
    WikidataRefused,
    WikidataTimeout,
)
from kuopio_kg.link.cache import Answer, AnswerCache
from kuopio_kg.settings import Settings

PROJECT_URL = "https://w3id.org/kuopio-kg/"
#: Seconds to wait after a 429 that names no ``Retry-After``.
DEFAULT_RETRY_AFTER = 60.0


def user_agent(contact_email: str) -> str:
    """The User-Agent of every request: tool, version, project URL and a contact."""
    from importlib.metadata import version

    return f"kuopio-kg-linker/{version('kuopio-kg')} ({PROJECT_URL}; {contact_email})"


def _today() -> str:
    return datetime.now(UTC).date().isoformat()


class WikidataClient:
    """Asks one SPARQL endpoint, caching each answer on disk by the hash of its query."""

    def __init__(
        self,
        endpoint: str,
        contact_email: str,
        cache: AnswerCache,
        *,
        timeout: float,
        retries: int,
        sleep: Callable[[float], None] = time.sleep,
        today: Callable[[], str] = _today,
    ) -> None:
        self.endpoint = endpoint
        self.agent = user_agent(contact_email)
        self.cache = cache
        self.timeout = timeout
        self.retries = retries
        self.sleep = sleep
        self.today = today
        self.requests = 0

    def ask(self, query: str) -> Answer:
        """The answer to ``query``: from the cache if known, else from the endpoint."""
        known = self.cache.get(query)
        if known is not None:
            return known
        answer = self.fetch(query)
        self.cache.put(query, answer)
        return answer

    def fetch(self, query: str) -> Answer:
        """The endpoint's answer to ``query``, not looked up in the cache nor stored."""
        return Answer(self._fetch(query), self.today())

    def _fetch(self, query: str) -> dict[str, Any]:
        for attempt in range(self.retries + 1):
            try:
                return self._once(query)
            except urllib.error.HTTPError as error:
                if error.code != 429:
                    raise self._http_error(error) from None
                if attempt == self.retries:
                    break
                self.sleep(_retry_after(error.headers.get("Retry-After")))
        raise WikidataRateLimited(
            f"{self.endpoint} still answered 429 Too Many Requests after {self.retries} "
            "retries; wait a while and run `kuopio-kg link` again (answers so far are cached)."
        )

    def _once(self, query: str) -> dict[str, Any]:
        wrapper = SPARQLWrapper(self.endpoint, agent=self.agent)
        wrapper.setMethod(POST)
        wrapper.setRequestMethod(URLENCODED)
        wrapper.setReturnFormat(JSON)
        wrapper.setTimeout(max(1, math.ceil(self.timeout)))  # whole seconds only
        wrapper.setQuery(query)
        self.requests += 1
        try:
            response = wrapper.query().response
            body = response.read()
        except TimeoutError:
            raise self._timeout() from None
        except urllib.error.HTTPError:
            raise
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise self._timeout() from None
            raise WikidataError(
                f"{self.endpoint} cannot be reached ({error.reason}); check "
                "KUOPIO_KG_WIKIDATA_ENDPOINT and the network."
            ) from None
        return self._parse(body)

    def _parse(self, body: bytes) -> dict[str, Any]:
        try:
            results = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError):
            results = None
        if not isinstance(results, dict) or "results" not in results:
            start = body[:80].decode("utf-8", "replace").strip()
            raise WikidataBadAnswer(
                f"{self.endpoint} answered 200 with a body that is not SPARQL JSON results "
                f"(it begins {start!r}); read it in a browser, it is often a policy notice."
            )
        return results

    def _timeout(self) -> WikidataTimeout:
        return WikidataTimeout(
            f"{self.endpoint} did not answer within {self.timeout:g} s; raise "
            "KUOPIO_KG_WIKIDATA_TIMEOUT or try again later (answers so far are cached)."
        )

    def _http_error(self, error: urllib.error.HTTPError) -> WikidataError:
        if error.code == 403:
            return WikidataRefused(
                f"{self.endpoint} refused the request with 403 Forbidden; check that "
                "KUOPIO_KG_CONTACT_EMAIL is a real address (it goes in the User-Agent)."
            )
        return WikidataError(
            f"{self.endpoint} answered HTTP {error.code} {error.reason}; try again later."
        )


def client_for(settings: Settings, sleep: Callable[[float], None] = time.sleep) -> WikidataClient:
    """The client the settings describe, caching under ``<data_dir>/wikidata-cache``."""
    return WikidataClient(
        settings.wikidata_endpoint,
        settings.contact_email,
        AnswerCache(settings.data_dir / "wikidata-cache"),
        timeout=settings.wikidata_timeout,
        retries=settings.wikidata_retries,
        sleep=sleep,
    )


def _retry_after(header: str | None) -> float:
    """Seconds a 429 asks to wait: its ``Retry-After`` in seconds, else the default."""
    try:
        return max(0.0, float(header)) if header else DEFAULT_RETRY_AFTER
    except ValueError:
        return DEFAULT_RETRY_AFTER
