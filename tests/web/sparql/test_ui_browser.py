"""The query UI in headless Chromium, against the real server.

Debian's ``chromium`` and ``chromium-driver`` are installed by :func:`chromium` when they
are missing (the suite runs as root in CI); if that fails the test fails, it never skips.
An example query is picked from the list, run with YASGUI's button, and its result rows
are compared with the same query sent to the endpoint directly.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
import requests
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.wait import WebDriverWait

from kuopio_kg.examples import ExampleQuery, load_examples
from kuopio_kg.settings import Settings

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
INSTALL = "apt-get update && apt-get install -y chromium chromium-driver"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
)
#: An example whose rows come from the store (one per twin town of Kuopio).
EXAMPLE = "twin-towns"
SCREENSHOT = Path("/tmp/kuopio-kg-query-ui.png")
WAIT = 30
ACTIVE = ".tabPanel.active"
EDITOR_TEXT = f"return document.querySelector('{ACTIVE} .CodeMirror').CodeMirror.getValue();"


@pytest.fixture(scope="session")
def chromium() -> None:
    """Debian's Chromium and its driver, installed with apt-get when either is missing."""
    if CHROMIUM.exists() and CHROMEDRIVER.exists():
        return
    done = subprocess.run(
        ["sh", "-c", INSTALL],
        capture_output=True,
        text=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        timeout=1200,
        check=False,
    )
    if done.returncode != 0 or not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.fail(
            f"The UI test needs {CHROMIUM} and {CHROMEDRIVER}; '{INSTALL}' exited with "
            f"{done.returncode} and did not provide them. Install the Debian packages "
            f"'chromium' and 'chromium-driver' as root.\n{done.stderr[-2000:]}",
            pytrace=False,
        )


@pytest.fixture(scope="module")
def browser(chromium: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


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
