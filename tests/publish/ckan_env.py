"""The CKAN environment the harvester test runs in: a virtual environment with the pinned
ckanext-dcat and CKAN, created once per machine under the user's cache folder.

Creating it takes a minute or so (and a C build of psycopg2, which needs ``pg_config`` from
Debian's ``libpq-dev``; it is installed first when missing and we are root). Later sessions
find the finished environment by its marker file and reuse it.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

CKAN = "ckan[requirements]==2.12.0"
CKANEXT_DCAT = "ckanext-dcat==2.4.4"
#: Folder name keyed by the pinned versions, so a change of pins builds a new environment.
NAME = "ckan-2.12.0-dcat-2.4.4"
MARKER = ".complete"


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kuopio-kg"


def ckan_python() -> Path:
    """The Python of the CKAN environment, creating the environment if need be."""
    root = cache_root()
    root.mkdir(parents=True, exist_ok=True)
    venv = root / NAME
    python = venv / "bin" / "python"
    with (root / f"{NAME}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (venv / MARKER).exists():
            _create(venv)
    return python


def _create(venv: Path) -> None:
    shutil.rmtree(venv, ignore_errors=True)
    _build_dependencies()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "--upgrade", "pip"], check=True)
    result = subprocess.run(
        [*pip, "install", CKAN, CKANEXT_DCAT], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"installing {CKAN} and {CKANEXT_DCAT} failed:\n{result.stderr}")
    subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import ckanext.dcat.processors"], check=True
    )
    (venv / MARKER).write_text(f"{CKAN}\n{CKANEXT_DCAT}\n", encoding="utf-8")


def _build_dependencies() -> None:
    """psycopg2 (a CKAN requirement) builds from source and needs ``pg_config``."""
    if shutil.which("pg_config") is None and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-q"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-q", "libpq-dev"], check=True, env=env)
