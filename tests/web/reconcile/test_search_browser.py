"""The search box's suggestions in headless Chromium, against the real server: typing shows
entities from the suggest service, a click opens the entity, Enter opens /search.

Chromium and its driver come from the ``browser`` fixture (tests/web/conftest.py; installed
with apt-get when missing; the test fails, never skips, without them).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.wait import WebDriverWait

pytestmark = pytest.mark.slow

WAIT = 30
SUGGESTION = "#site-search-suggestions li a"


def test_typing_suggests_entities_and_a_click_opens_one(server: str, browser: WebDriver) -> None:
    browser.get(server + "/browse")
    box = browser.find_element(By.CSS_SELECTOR, "#site-search input[name=q]")
    box.send_keys("kuopio da")
    wait = WebDriverWait(browser, WAIT)
    first = wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, SUGGESTION)))
    assert first.text == "Kuopio Dance Festival"
    assert first.get_attribute("href") == server + "/reconcile/view/event--kuopio-dance-festival"
    first.click()
    wait.until(ec.url_to_be(server + "/id/event/kuopio-dance-festival"))
    assert "Kuopio Dance Festival" in browser.find_element(By.TAG_NAME, "h1").text


def test_enter_opens_the_search_page(server: str, browser: WebDriver) -> None:
    browser.get(server + "/")
    box = browser.find_element(By.CSS_SELECTOR, "#site-search input[name=q]")
    box.send_keys("Jönköpng", Keys.ENTER)
    WebDriverWait(browser, WAIT).until(ec.url_contains("/search?"))
    assert parse_qs(urlsplit(browser.current_url).query)["q"] == ["Jönköpng"]
    results = browser.find_elements(By.CSS_SELECTOR, "ol.results li a")
    assert results[0].text == "Jönköping"
