"""The query UI in headless Chromium, against the real server.

Chromium and its driver come from the ``browser`` fixture (tests/web/conftest.py), which
installs them with apt-get when missing; if that fails the test fails, it never skips.
An example query is picked from the list, run with YASGUI's button, and its result rows
are compared with the same query sent to the endpoint directly.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
import requests
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.wait import WebDriverWait

from kuopio_kg.examples import ExampleQuery, load_examples
from kuopio_kg.settings import Settings

pytestmark = pytest.mark.slow

#: An example whose rows come from the store (one per twin town of Kuopio).
EXAMPLE = "twin-towns"
SCREENSHOT = Path("/tmp/kuopio-kg-query-ui.png")
WAIT = 30
ACTIVE = ".tabPanel.active"
EDITOR_TEXT = f"return document.querySelector('{ACTIVE} .CodeMirror').CodeMirror.getValue();"


def _example(name: str) -> ExampleQuery:
    examples = {e.name: e for e in load_examples(Settings.from_env(environ={}).queries_dir)}
    assert name in examples, f"the UI test runs queries/{name}.rq, which is gone"
    return examples[name]


def _editor_text(driver: WebDriver) -> str:
    text: str = driver.execute_script(EDITOR_TEXT)
    return text


def _table_rows(driver: WebDriver) -> list[str]:
    cells = driver.find_elements(By.CSS_SELECTOR, f"{ACTIVE} .yasr table.dataTable tbody tr")
    return [row.text for row in cells]


@pytest.mark.parametrize("page", ["/sparql", "/"])
def test_an_example_runs_in_the_ui_and_shows_the_rows_of_the_store(
    server: str, browser: WebDriver, page: str
) -> None:
    example = _example(EXAMPLE)
    direct = requests.get(
        server + "/sparql",
        params={"query": example.text},
        headers={"Accept": "application/sparql-results+json"},
        timeout=30,
    )
    expected = [row["partner"]["value"] for row in direct.json()["results"]["bindings"]]
    assert expected, "the example should have rows in the built store"

    browser.get(server + page)
    wait = WebDriverWait(browser, WAIT)
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, f"{ACTIVE} .CodeMirror")))
    link = browser.find_element(By.CSS_SELECTOR, f"#example-{EXAMPLE} a.example-link")
    link.click()
    wait.until(lambda d: _editor_text(d) == example.text)
    browser.find_element(By.CSS_SELECTOR, f"{ACTIVE} .yasqe_queryButton").click()
    wait.until(lambda d: len(_table_rows(d)) == len(expected) and expected[0] in _table_rows(d)[0])
    browser.execute_script("window.scrollTo(0, 0);")
    browser.save_screenshot(str(SCREENSHOT))

    rows = _table_rows(browser)
    for partner, row in zip(expected, rows, strict=True):
        assert partner in row
    shown = parse_qs(urlsplit(browser.current_url).query)
    assert shown["query"] == [example.text], "the address should carry the query"
    loaded = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name);"
    )
    assert f"{server}/sparql" in loaded, "the query should go to this server's endpoint"
    assert [url for url in loaded if not url.startswith(server + "/")] == []


@pytest.mark.parametrize("page", ["/sparql", "/"])
def test_a_link_with_a_query_opens_the_ui_with_that_query(
    server: str, browser: WebDriver, page: str
) -> None:
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    browser.get(f"{server}{page}?query={quote(query)}")
    wait = WebDriverWait(browser, WAIT)
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, f"{ACTIVE} .CodeMirror")))
    wait.until(lambda d: _editor_text(d) == query)
    assert browser.find_element(By.ID, "endpoint").text == f"{server}/sparql"
