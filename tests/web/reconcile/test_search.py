"""The search box on every page and the /search page behind it."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

BROWSER = {"Accept": "text/html,*/*;q=0.8"}


def _results(client: FlaskClient, q: str, lang: str = "en") -> list[tuple[str, str]]:
    response = client.get(
        "/search", query_string={"q": q}, headers={**BROWSER, "Accept-Language": lang}
    )
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    return re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', response.get_data(as_text=True))


@pytest.mark.parametrize(
    ("q", "lang", "first"),
    [
        ("jonkoping", "en", ("/id/place/jonkoping", "Jönköping")),
        ("JÖNKÖPNG", "en", ("/id/place/jonkoping", "Jönköping")),
        ("itä-suomen yliopisto", "fi", ("/id/organisation/uef", "Itä-Suomen yliopisto")),
        (
            "Kuopio Danse Festival",
            "en",
            ("/id/event/kuopio-dance-festival", "Kuopio Dance Festival"),
        ),
        ("kallavesi", "fi", ("/id/place/kallavesi", "Kallavesi")),
    ],
)
def test_search_forgives_case_diacritics_language_and_typos(
    client: FlaskClient, q: str, lang: str, first: tuple[str, str]
) -> None:
    assert _results(client, q, lang)[0] == first


def test_an_empty_search_is_a_form(client: FlaskClient) -> None:
    page = client.get("/search", headers=BROWSER).get_data(as_text=True)
    assert '<form action="/search" method="get"' in page
    assert _results(client, "") == []


def test_every_page_has_the_search_box_and_its_script(client: FlaskClient) -> None:
    for path in ("/", "/browse", "/id/place/kuopio", "/ontology", "/search?q=x"):
        page = client.get(path, headers=BROWSER).get_data(as_text=True)
        assert '<form id="site-search" action="/search" method="get"' in page, path
        assert 'name="q"' in page
        assert '<script src="/static/ui/search.js" defer></script>' in page, path
    script = client.get("/static/ui/search.js")
    assert script.status_code == 200
    text = script.get_data(as_text=True)
    assert "/reconcile/suggest/entity" in text
    assert "innerHTML" not in text, "suggestions are written as text, never as markup"
