"""The SERVICE and LOAD policy decides on every address a name resolves to, resolved once.

Name resolution is replaced by a table (``socket.getaddrinfo`` patched), so the tests say
exactly what each name resolves to; the policy's own code is what runs.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

import pytest

from kuopio_kg.errors import PolicyRefused
from kuopio_kg.sparql.lexer import lex
from kuopio_kg.sparql.policy import Load, Policy, Reach, Refused, public_addresses

#: What each test name resolves to; a name missing here does not resolve.
DNS: dict[str, tuple[str, ...]] = {
    "public.example": ("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"),
    "mixed.example": ("93.184.215.14", "10.0.0.7"),
    "loopback.example": ("127.0.0.1",),
    "mapped.example": ("::ffff:127.0.0.1",),
    "linklocal.example": ("169.254.169.254",),
    "private6.example": ("fd00::1",),
}


@pytest.fixture
def lookups(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every name the policy looks up, in order."""
    asked: list[str] = []

    def getaddrinfo(host: str, *_: Any, **__: Any) -> list[tuple[Any, ...]]:
        asked.append(host)
        if host not in DNS:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, 0)) for ip in DNS[host]]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


def _refusal(iri: str) -> str:
    with pytest.raises(Refused) as refused:
        public_addresses(iri)
    return refused.value.reason


def test_a_name_resolving_only_to_public_addresses_passes(lookups: list[str]) -> None:
    assert set(public_addresses("https://public.example/sparql")) == set(DNS["public.example"])
    assert lookups == ["public.example"]


@pytest.mark.parametrize(
    ("name", "address"),
    [
        ("mixed.example", "10.0.0.7"),
        ("loopback.example", "127.0.0.1"),
        ("mapped.example", "127.0.0.1"),
        ("linklocal.example", "169.254.169.254"),
        ("private6.example", "fd00::1"),
    ],
)
def test_one_non_public_address_among_several_refuses_the_name(
    lookups: list[str], name: str, address: str
) -> None:
    reason = _refusal(f"http://{name}/x.nt")
    assert reason == f"{name} resolves to the non-public address {address}"
    assert lookups == [name], "resolved once, every address checked"


def test_a_name_that_does_not_resolve_is_refused(lookups: list[str]) -> None:
    assert "later.example does not resolve" in _refusal("http://later.example/x.nt")


def test_machine_names_are_refused_without_a_lookup(lookups: list[str]) -> None:
    for iri in ("http://localhost/x", "http://db.localhost/x", "http://LOCALHOST./x"):
        assert _refusal(iri) == "it names this machine", iri
    assert lookups == []


Check = Callable[[str], Reach]


@pytest.fixture
def check(lookups: list[str]) -> Check:
    allowed = ("https://public.example/sparql", "https://later.example/sparql")
    policy = Policy(timeout=5, service_timeout=5, max_rows=10, service_allow=allowed)
    return lambda text: _checked(policy.check(lex(text), "http://base.example/"))


def test_an_allow_listed_service_whose_name_does_not_resolve_is_refused(check: Check) -> None:
    assert check(
        "SELECT * WHERE { SERVICE <https://public.example/sparql> { ?s ?p ?o } }"
    ) == Reach(calls_service=True, loads=())
    with pytest.raises(PolicyRefused, match=r"later\.example does not resolve"):
        check("SELECT * WHERE { SERVICE <https://later.example/sparql> { ?s ?p ?o } }")


def test_load_from_a_name_with_a_private_address_is_refused(check: Check) -> None:
    with pytest.raises(PolicyRefused, match=r"LOAD <http://mixed\.example/d\.nt> is refused"):
        check("LOAD <http://mixed.example/d.nt>")


def test_a_load_comes_out_with_its_checked_addresses_graph_and_span(check: Check) -> None:
    text = (
        "PREFIX g: <http://graphs.example/> INSERT DATA { <a:s> <a:p> 1 } ;\n"
        "LOAD SILENT <https://public.example/d.ttl> INTO GRAPH g:one ; LOAD <http://public.example/e>"
    )
    first, second = check(text).loads
    assert first == Load(
        iri="https://public.example/d.ttl",
        addresses=tuple(sorted(DNS["public.example"])),
        into="http://graphs.example/one",
        silent=True,
        span=(text.index("LOAD SILENT"), text.index(" ; LOAD <")),
    )
    assert text[slice(*second.span)] == "LOAD <http://public.example/e>"
    assert (second.into, second.silent) == (None, False)


def _checked(reach: Reach) -> Reach:
    """The reach, its LOAD refusal raised (as the endpoint does once the update parses)."""
    reach.refuse()
    return reach
