"""The query policy: what a query or update may reach outside the store.

``FROM`` and ``FROM NAMED`` only name graphs of the store (Oxigraph never fetches them);
``SERVICE`` may call only allow-listed endpoints that are not on loopback or a private
network; ``LOAD`` may read only public http(s) documents, never ``file:``, loopback or
private addresses. The checks read the text with :mod:`kuopio_kg.sparql.lexer`, so a
keyword inside a string or comment is not mistaken for one, and every IRI is resolved
against BASE and PREFIX the way the parser resolves it.

A target's host is resolved once, when the operation is checked, and every address it
resolves to must be public; a name that does not resolve is refused, since what it would
resolve to later cannot be checked. A ``LOAD`` comes out of the check with the addresses
found, and :mod:`kuopio_kg.sparql.fetch` connects to those, never resolving the name again.
A ``SERVICE`` call is made by Oxigraph, which resolves the name again when it connects: a
DNS answer that changes in between (rebinding, with a short TTL) is not caught there, so
that window is open only to the endpoints the operator allow-lists.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from kuopio_kg.errors import PolicyRefused, QueryError
from kuopio_kg.sparql.lexer import Lexed, Prologue, Token, walk

_LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost")


@dataclass(frozen=True)
class Load:
    """One ``LOAD [SILENT] <iri> [INTO GRAPH <g>]`` of an update, as the policy let it through.

    ``addresses`` are the public addresses the host resolved to when checked (the only ones
    the fetch may connect to; none for a ``LOAD SILENT`` the policy refused, which loads
    nothing, as SILENT asks); ``span`` is where the operation lies in the update's text.
    """

    iri: str
    addresses: tuple[str, ...]
    into: str | None
    silent: bool
    span: tuple[int, int]
    #: Why the policy refuses a plain (not SILENT) LOAD; :meth:`Reach.refuse` raises it,
    #: once the update is known to be valid SPARQL.
    refusal: str | None = None


@dataclass(frozen=True)
class Reach:
    """What an operation reaches outside the store, once the policy has allowed it."""

    calls_service: bool
    loads: tuple[Load, ...]

    def refuse(self) -> None:
        """Raise the policy's refusal of a LOAD, if there is one."""
        for load in self.loads:
            if load.refusal is not None:
                raise PolicyRefused(load.refusal)


@dataclass(frozen=True)
class Policy:
    """The limits a query runs under; published in the service description."""

    timeout: float
    service_timeout: float
    max_rows: int
    service_allow: tuple[str, ...]

    def check(self, operation: Lexed, base: str) -> Reach:
        """Refuse forbidden SERVICE targets; what the operation reaches (a forbidden LOAD
        target is refused by :meth:`Reach.refuse`)."""
        calls_service = False
        loads: list[Load] = []
        for toks, i, prologue in walk(operation, base):
            token = toks[i]
            if not token.is_word("SERVICE", "LOAD"):
                continue
            j = i + 1
            silent = j < len(toks) and toks[j].is_word("SILENT")
            if silent:
                j += 1
            target = prologue.resolve(toks[j]) if j < len(toks) else None
            shown = toks[j].text if j < len(toks) else "nothing"
            if token.is_word("SERVICE"):
                calls_service = True
                self._check_service(target, shown)
            else:
                if target is None:  # a variable, an unknown prefix, nothing: not SPARQL
                    raise QueryError(
                        f"The update is not valid SPARQL: LOAD needs an IRI, not {shown}."
                    )
                refusal = None
                try:
                    addresses = _check_load(target)
                except PolicyRefused as refused:
                    refusal = None if silent else refused.message
                    addresses = ()
                into, end = _into(toks, j + 1, prologue)
                loads.append(Load(target, addresses, into, silent, (token.start, end), refusal))
        return Reach(calls_service, tuple(loads))

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
        try:
            public_addresses(target)
        except Refused as refused:
            raise PolicyRefused(f"SERVICE <{target}> is refused: {refused.reason}.") from None


def _check_load(target: str) -> tuple[str, ...]:
    try:
        return public_addresses(target)
    except Refused as refused:
        raise PolicyRefused(f"LOAD <{target}> is refused: {refused.reason}.") from None


def _into(toks: tuple[Token, ...], i: int, prologue: Prologue) -> tuple[str | None, int]:
    """The graph of an ``INTO GRAPH <g>`` at ``toks[i]`` (None without one), and where the
    LOAD operation ends in the text."""
    graph, last = None, toks[i - 1]
    if i + 2 < len(toks) and toks[i].is_word("INTO") and toks[i + 1].is_word("GRAPH"):
        last = toks[i + 2]
        graph = prologue.resolve(last)
        if graph is None:
            raise QueryError(f"LOAD ... INTO GRAPH {last.text} names no graph IRI.")
    return graph, last.start + len(last.text)


class Refused(Exception):
    """A target the endpoint must not fetch, and why (a phrase for a message)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def public_addresses(iri: str) -> tuple[str, ...]:
    """The addresses ``iri``'s host resolves to, all public; raises :class:`Refused` if it
    is not an http(s) IRI, names this machine, does not resolve or resolves to any address
    that is not public. The host is resolved once and every address is checked."""
    parts = urlsplit(iri)
    if parts.scheme not in ("http", "https"):
        raise Refused(f"only http(s) IRIs may be fetched, not {parts.scheme or 'relative'} ones")
    host = (parts.hostname or "").rstrip(".").lower()
    if not host or host in _LOCAL_NAMES or host.endswith(".localhost"):
        raise Refused("it names this machine")
    try:
        found = {str(info[4][0]) for info in socket.getaddrinfo(host, None)}
    except (OSError, UnicodeError):
        found = set()
    if not found:
        raise Refused(f"{host} does not resolve here, so where it leads cannot be checked")
    addresses = []
    for address in sorted(found):
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is loopback, whatever Python's version says
        if not ip.is_global or ip.is_multicast:
            raise Refused(f"{host} resolves to the non-public address {ip}")
        addresses.append(address)
    return tuple(addresses)
