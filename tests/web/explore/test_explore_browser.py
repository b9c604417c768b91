"""The explore views in headless Chromium, against the real server over a release with
mobility flows: each view must have DRAWN what its query returns, compared with the same
query sent to /sparql directly.

- The network: the graphology graph the page exposes (``window.kkgExplore``) has the nodes,
  edges and weights the query's rows make at each level, and sigma really painted them:
  right after a render, the WebGL canvases hold painted pixels at every node's position
  and at the middle of every edge. sigma needs WebGL; Chromium here gives it through
  SwiftShader, which it now only uses with ``--enable-unsafe-swiftshader`` (without the
  flag it falls back to it with a deprecation warning, and a later Chromium will not).
- The map: one SVG flow line per mobility partner with a point, and the countries shaded
  by the participants of their places (the shading's numbers, and the shape's fill).
- The timeline: one vis-timeline item per row.
- An entity page's map: the offline base map with the place's linked places.
Nothing the pages load comes from another host.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait

from kuopio_kg.settings import Settings
from web.conftest import FLAGS, start_chromium

pytestmark = pytest.mark.slow

WAIT = 60
#: WebGL through SwiftShader, which sigma's renderer needs.
WEBGL_FLAGS = (*(flag for flag in FLAGS if flag != "--disable-gpu"), "--enable-unsafe-swiftshader")
LEVELS = {
    "organisation": ("sender", "receiver"),
    "city": ("senderCity", "receiverCity"),
    "country": ("senderCountry", "receiverCountry"),
}
#: Right after sigma renders, the nodes and edges it painted: for each node whether its
#: canvas has a painted pixel at the node's position, for each edge at its middle.
PROBE = """
const done = arguments[arguments.length - 1];
const explore = window.kkgExplore, renderer = explore.renderer, graph = explore.graph;
const canvases = renderer.getCanvases();
function painted(name, point) {
  const canvas = canvases[name];
  const gl = canvas.getContext("webgl2") || canvas.getContext("webgl");
  const ratio = canvas.width / canvas.clientWidth;
  const pixels = new Uint8Array(4 * 25);
  gl.readPixels(Math.round(point.x * ratio) - 2, canvas.height - Math.round(point.y * ratio) - 3,
                5, 5, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) return true;
  return false;
}
const at = (node) => renderer.graphToViewport(graph.getNodeAttributes(node));
renderer.once("afterRender", () => {
  const nodes = graph.nodes().filter((node) => painted("nodes", at(node)));
  const edges = graph.edges().filter((edge) => {
    const [source, target] = graph.extremities(edge);
    const a = at(source), b = at(target);
    return painted("edges", { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
  });
  const blank = painted("nodes", { x: 2, y: 2 });
  done({ nodes: nodes.length, edges: edges.length, blankCornerPainted: blank });
});
renderer.refresh();
"""
DRAWN_NETWORK = """
const explore = window.kkgExplore, graph = explore.graph;
return { level: explore.choice.level, nodes: graph.nodes(),
         edges: graph.mapEdges((edge, a, source, target) => [source, target, a.weight]) };
"""


@pytest.fixture(scope="module")
def webgl_browser(chromium: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    driver = start_chromium(tmp_path_factory.mktemp("chromium-webgl"), WEBGL_FLAGS)
    driver.set_script_timeout(WAIT)
    try:
        yield driver
    finally:
        driver.quit()


def _rows(server: str, settings: Settings, name: str) -> list[dict[str, str]]:
    text = (settings.queries_dir / f"{name}.rq").read_text(encoding="utf-8")
    response = requests.post(server + "/sparql", data={"query": text}, timeout=60,
                             headers={"Accept": "application/sparql-results+json"})  # fmt: skip
    assert response.status_code == 200, response.text
    bindings = response.json()["results"]["bindings"]
    return [{name: term["value"] for name, term in row.items()} for row in bindings]


def _open(browser: WebDriver, url: str) -> None:
    browser.get(url)
    WebDriverWait(browser, WAIT).until(
        lambda d: d.execute_script(
            "return window.kkgExplore && (window.kkgExplore.ready || window.kkgExplore.error)"
        )
    )
    assert browser.execute_script("return window.kkgExplore.error") is None


def _only_this_server(browser: WebDriver, server: str) -> None:
    loaded = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name);"
    )
    assert loaded, "the page should have loaded its scripts and data"
    assert [url for url in loaded if not url.startswith(server + "/")] == []


def _shows_level(level: str) -> Callable[[WebDriver], bool]:
    def shows(driver: WebDriver) -> bool:
        return bool(driver.execute_script(DRAWN_NETWORK)["level"] == level)

    return shows


def _expected_network(rows: list[dict[str, str]], level: str) -> dict[tuple[str, str], int]:
    source, target = LEVELS[level]
    edges: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        if source in row and target in row:
            edges[row[source], row[target]] += int(row.get("participants", "0"))
    return dict(edges)


def test_the_network_draws_the_nodes_and_edges_of_the_query_at_each_level(
    explore_server: str, mobility_settings: Settings, webgl_browser: WebDriver
) -> None:
    rows = _rows(explore_server, mobility_settings, "explore-network")
    _open(webgl_browser, explore_server + "/explore/network")
    for level in LEVELS:
        expected = _expected_network(rows, level)
        webgl_browser.find_element(By.CSS_SELECTOR, f"input[name=level][value={level}]").click()
        WebDriverWait(webgl_browser, WAIT).until(_shows_level(level))
        drawn: dict[str, Any] = webgl_browser.execute_script(DRAWN_NETWORK)
        assert {(s, t): w for s, t, w in drawn["edges"]} == expected, level
        assert set(drawn["nodes"]) == {node for edge in expected for node in edge}, level
        painted = webgl_browser.execute_async_script(PROBE)
        assert painted == {"nodes": len(drawn["nodes"]), "edges": len(expected),
                           "blankCornerPainted": False}, level  # fmt: skip
    _only_this_server(webgl_browser, explore_server)


def test_the_network_filters_by_year_and_activity(
    explore_server: str, mobility_settings: Settings, webgl_browser: WebDriver
) -> None:
    rows = _rows(explore_server, mobility_settings, "explore-network")
    _open(webgl_browser, explore_server + "/explore/network")
    kept = [row for row in rows if row.get("period") == "2020-2021"]
    webgl_browser.execute_script(
        "const select = document.querySelector('select[name=year]');"
        "select.value = '2020-2021'; select.dispatchEvent(new Event('change', {bubbles: true}));"
    )
    WebDriverWait(webgl_browser, WAIT).until(
        lambda d: d.execute_script("return window.kkgExplore.choice.year") == "2020-2021"
    )
    drawn = webgl_browser.execute_script(DRAWN_NETWORK)
    assert {(s, t): w for s, t, w in drawn["edges"]} == _expected_network(kept, "organisation")
    link = webgl_browser.find_element(By.CSS_SELECTOR, "a.download").get_attribute("href")
    assert link is not None
    assert "year=2020-2021" in link


def test_the_map_draws_flow_lines_and_shades_countries_by_participants(
    explore_server: str, mobility_settings: Settings, webgl_browser: WebDriver
) -> None:
    rows = _rows(explore_server, mobility_settings, "explore-places")
    _open(webgl_browser, explore_server + "/explore/map")
    lines = [row for row in rows if "lat" in row and "mobility" in row["ties"].split("; ")]
    assert len(lines) >= 3
    drawn = webgl_browser.find_elements(By.CSS_SELECTOR, "#explore-view path.kkg-flow")
    assert len(drawn) == len(lines)
    assert all(path.get_attribute("d") for path in drawn)
    by_country: dict[str, int] = defaultdict(int)
    for row in rows:
        people = int(row["outgoing"]) + int(row["incoming"])
        if "countryCode" in row and people:
            by_country[row["countryCode"]] += people
    assert webgl_browser.execute_script("return window.kkgExplore.shaded") == by_country
    shaded = webgl_browser.find_elements(By.CSS_SELECTOR, "#explore-view path.kkg-shaded")
    assert {path.get_attribute("data-code"): int(path.get_attribute("data-participants") or 0)
            for path in shaded} == by_country  # fmt: skip
    plain = webgl_browser.find_element(
        By.CSS_SELECTOR, "#explore-view path.kkg-country:not(.kkg-shaded)"
    )
    assert {path.get_attribute("fill") for path in shaded}.isdisjoint({plain.get_attribute("fill")})
    assert len(webgl_browser.find_elements(By.CSS_SELECTOR, "path.kkg-country")) > 200
    _only_this_server(webgl_browser, explore_server)


def test_the_timeline_draws_one_item_per_row(
    explore_server: str, mobility_settings: Settings, webgl_browser: WebDriver
) -> None:
    rows = _rows(explore_server, mobility_settings, "explore-timeline")
    assert len(rows) > 20
    _open(webgl_browser, explore_server + "/explore/timeline")
    items = webgl_browser.find_elements(
        By.CSS_SELECTOR, "#explore-view .vis-item.vis-range, #explore-view .vis-item.vis-point"
    )
    assert len(items) == len(rows)
    shown = sorted(item.get_attribute("textContent") or "" for item in items)
    assert shown == sorted(row["label"] for row in rows)
    _only_this_server(webgl_browser, explore_server)


def test_an_entity_map_draws_the_base_map_and_the_linked_places(
    explore_server: str, webgl_browser: WebDriver
) -> None:
    webgl_browser.get(explore_server + "/id/place/kuopio")
    WebDriverWait(webgl_browser, WAIT).until(
        lambda d: d.execute_script("return !!window.kkgEntityMap")
    )
    linked = webgl_browser.execute_script(
        "return JSON.parse(document.getElementById('entity-neighbours').textContent)"
    )
    assert len(linked) >= 5
    assert len(
        webgl_browser.find_elements(By.CSS_SELECTOR, "#entity-map path.kkg-neighbour")
    ) == len(linked)
    assert len(webgl_browser.find_elements(By.CSS_SELECTOR, "#entity-map path.kkg-here")) == 1
    assert len(webgl_browser.find_elements(By.CSS_SELECTOR, "#entity-map path.kkg-country")) > 200
    _only_this_server(webgl_browser, explore_server)
