"""What the web suites' browser tests share: headless Chromium, installed when missing.

Debian's ``chromium`` and ``chromium-driver`` are installed by :func:`chromium` when they
are missing (the suite runs as root in CI); if that fails the test fails, it never skips.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver

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


def start_chromium(profile: Path, flags: Sequence[str] = FLAGS) -> WebDriver:
    """Headless Chromium with ``flags`` and a fresh profile folder, driven by chromedriver."""
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in flags:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    return webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)


@pytest.fixture(scope="module")
def browser(chromium: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    driver = start_chromium(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield driver
    finally:
        driver.quit()
