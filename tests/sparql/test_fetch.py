"""LOAD as the endpoint does it: fetched from the address the policy checked, redirects
checked again, parsed without XML entities, and written into the update as INSERT DATA.

The documents come from a canary HTTP server on loopback. The policy would never let a
LOAD reach loopback, so each test hands the fetch a :class:`Load` as the policy would
have made it, naming the canary's address as the checked one.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from canary import Canary, Reply
from kuopio_kg.errors import DocumentRefused, PolicyRefused
from kuopio_kg.sparql.fetch import insert_data
from kuopio_kg.sparql.lexer import lex
from kuopio_kg.sparql.policy import Load
from kuopio_kg.sparql.update import rewrite

#: A name that resolves nowhere: a fetch that looked it up again would fail.
UNRESOLVABLE = "feed.invalid"

RDF_XML = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ {entities} ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:x="http://x/">
  <rdf:Description rdf:about="http://x/s"><x:p>{text}</x:p></rdf:Description>
</rdf:RDF>"""
#: Ten entities, each ten of the one before: "&l9;" stands for 10^9 copies of "lol".
LAUGHS = '<!ENTITY l0 "lol">' + "".join(
    f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)
)


@pytest.fixture
def canary() -> Iterator[Canary]:
    bird = Canary()
    yield bird
    bird.close()


def _load(canary: Canary, path: str, *, silent: bool = False, into: str | None = None) -> Load:
    iri = f"http://{UNRESOLVABLE}:{canary.port}{path}"
    return Load(iri, ("127.0.0.1",), into, silent, (0, 0))


def _apply(operation: str) -> set[tuple[str, str, str]]:
    store = ox.Store()
    store.update(operation)
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in store}


def test_load_connects_to_the_checked_address_and_names_the_host(canary: Canary) -> None:
    load = _load(canary, "/doc.nt", into="http://g.example/one")
    (operation,) = insert_data((load,), timeout=10).values()
    assert canary.hits == ["GET /doc.nt"]
    assert canary.hosts == [f"{UNRESOLVABLE}:{canary.port}"]
    assert operation.startswith("INSERT DATA { GRAPH <http://g.example/one> {")
    store = ox.Store()
    store.update(operation)
    assert [str(q.graph_name) for q in store] == ["<http://g.example/one>"]


def _serve_rdfxml(canary: Canary, path: str, entities: str, text: str) -> Load:
    body = RDF_XML.format(entities=entities, text=text).encode()
    canary.routes[path] = Reply(body=body, headers={"Content-Type": "application/rdf+xml"})
    return _load(canary, path)


def test_rdfxml_whose_entities_expand_without_bound_is_refused(canary: Canary) -> None:
    load = _serve_rdfxml(canary, "/laughs.rdf", LAUGHS, "&l9;")
    with pytest.raises(DocumentRefused, match="entities expand to more than 64 MB"):
        insert_data((load,), timeout=10)


def test_rdfxml_external_entities_are_never_fetched(canary: Canary) -> None:
    load = _serve_rdfxml(canary, "/ext.rdf", f'<!ENTITY e SYSTEM "{canary.url}entity">', "&e;")
    with pytest.raises(DocumentRefused, match="not valid RDF/XML"):
        insert_data((load,), timeout=10)
    assert canary.hits == ["GET /ext.rdf"], "the external entity was fetched"


def test_rdfxml_with_a_plain_namespace_entity_still_loads(canary: Canary) -> None:
    load = _serve_rdfxml(canary, "/plain.rdf", '<!ENTITY w "walk ">', "&w;&w;on")
    (operation,) = insert_data((load,), timeout=10).values()
    assert _apply(operation) == {("<http://x/s>", "<http://x/p>", '"walk walk on"')}


def test_a_redirect_to_loopback_is_refused_and_not_followed(canary: Canary) -> None:
    canary.routes["/moved"] = Reply(status=302, body=b"", headers={"Location": canary.url + "x"})
    with pytest.raises(PolicyRefused, match=r"redirected to <http://127\.0\.0\.1:\d+/x>"):
        insert_data((_load(canary, "/moved"),), timeout=10)
    assert canary.hits == ["GET /moved"]


def test_a_failed_load_fails_the_update_and_a_silent_one_loads_nothing(canary: Canary) -> None:
    canary.routes["/gone"] = Reply(status=404, body=b"")
    with pytest.raises(DocumentRefused, match="answered HTTP 404"):
        insert_data((_load(canary, "/gone"),), timeout=10)
    (operation,) = insert_data((_load(canary, "/gone", silent=True),), timeout=10).values()
    assert _apply(operation) == set()


def test_a_document_in_no_graph_format_is_an_error_naming_its_media_type(canary: Canary) -> None:
    canary.routes["/page"] = Reply(body=b"<html></html>", headers={"Content-Type": "text/html"})
    with pytest.raises(DocumentRefused, match="media type text/html is not a graph format"):
        insert_data((_load(canary, "/page"),), timeout=10)


def test_each_load_of_an_update_is_replaced_in_place() -> None:
    text = "INSERT DATA { <a:s> <a:p> 1 } ; LOAD <http://x.example/d> ; DELETE WHERE { ?s ?p 2 }"
    span = (text.index("LOAD"), text.index(" ; DELETE"))
    rewritten = rewrite(lex(text), ("http://g/",), (), {span: "INSERT DATA { <a:t> <a:p> 3 }"})
    assert rewritten == (
        "INSERT DATA { <a:s> <a:p> 1 } ; INSERT DATA { <a:t> <a:p> 3 } ; DELETE WHERE { ?s ?p 2 }"
    )
