"""The query policy: what a query or update may reach outside the store.

``FROM`` and ``FROM NAMED`` only name graphs of the store (Oxigraph never fetches them);
``SERVICE`` may call only allow-listed endpoints that are not on loopback or a private
network; ``LOAD`` may read only public http(s) documents, never ``file:``, loopback or
private addresses. The checks read the text with :mod:`kuopio_kg.sparql.lexer`, so a
keyword inside a string or comment is not mistaken for one, and every IRI is resolved
against BASE and PREFIX the way the parser resolves it.

A target's host is resolved once, when the operation is checked, and every address it
resolves to must be public; a name that does not resolve is refused, since what it would
resolve to later cannot be checked. Oxigraph makes the request itself and resolves the
name again when it connects, so a name whose DNS answer changes in between (DNS
rebinding, with a short TTL) could still reach another address. That window is open only
to the hosts that can be named at all: the endpoints the operator allow-lists for
``SERVICE``, and ``LOAD`` targets, which need the update token.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from kuopio_kg.errors import PolicyRefused
from kuopio_kg.sparql.lexer import Lexed, walk

_LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost")


@dataclass(frozen=True)
class Policy:
    """The limits a query runs under; published in the service description."""

    timeout: float
    service_timeout: float
    max_rows: int
    service_allow: tuple[str, ...]

    def check(self, operation: Lexed, base: str) -> bool:
        """Refuse forbidden SERVICE and LOAD targets; True when the operation calls a SERVICE."""
        calls_service = False
        for toks, i, prologue in walk(operation, base):
            token = toks[i]
            if not token.is_word("SERVICE", "LOAD"):
                continue
            j = i + 1
            if j < len(toks) and toks[j].is_word("SILENT"):
                j += 1
            target = prologue.resolve(toks[j]) if j < len(toks) else None
            shown = toks[j].text if j < len(toks) else "nothing"
            if token.is_word("SERVICE"):
                calls_service = True
                self._check_service(target, shown)
            else:
                _check_load(target, shown)
        return calls_service

    def _check_service(self, target: str | None, shown: str) -> None:
        if target is None:
            raise PolicyRefused(
                f"SERVICE {shown} is refused: federated queries must name an allow-listed "
                "endpoint IRI, not a variable or an unknown prefix."
            )
        if target not in self.service_allow:
            allowed = ", ".join(self.service_allow) or "none"
            raise PolicyRefused(
                f"SERVICE <{target}> is not on this endpoint's allow-list "
                f"(KUOPIO_KG_SERVICE_ALLOW: {allowed})."
            )
        reason = address_refusal(target)
        if reason:
            raise PolicyRefused(f"SERVICE <{target}> is refused: {reason}.")


def _check_load(target: str | None, shown: str) -> None:
    if target is None:
        raise PolicyRefused(f"LOAD {shown} is refused: LOAD needs an absolute http(s) IRI.")
    reason = address_refusal(target)
    if reason:
        raise PolicyRefused(f"LOAD <{target}> is refused: {reason}.")


def address_refusal(iri: str) -> str | None:
    """Why the endpoint must not fetch ``iri``, or None when it names a public http(s) host.

    The host is resolved once and every address it resolves to is checked.
    """
    parts = urlsplit(iri)
    if parts.scheme not in ("http", "https"):
        return f"only http(s) IRIs may be fetched, not {parts.scheme or 'relative'} ones"
    host = (parts.hostname or "").rstrip(".").lower()
    if not host or host in _LOCAL_NAMES or host.endswith(".localhost"):
        return "it names this machine"
    try:
        addresses = {str(info[4][0]) for info in socket.getaddrinfo(host, None)}
    except (OSError, UnicodeError):
        addresses = set()
    if not addresses:
        return f"{host} does not resolve here, so where it leads cannot be checked"
    for address in sorted(addresses):
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is loopback, whatever Python's version says
        if not ip.is_global or ip.is_multicast:
            return f"{host} resolves to the non-public address {ip}"
    return None
