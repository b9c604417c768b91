"""The morph-kgc environment the RML test runs in: a virtual environment of its own, because
morph-kgc pins ``pyoxigraph<0.4`` and ``rdflib<7.3`` and so cannot join the project's.

It lives in the checkout's ``.venv`` folder (``.venv/morph-kgc``, ignored by git, removed by
``make clean``), so CI caches it with the main environment. The first session creates it from
PyPI (a minute or so); later ones find its marker file, which holds the pins it was made
from, and reuse it. Changing a pin below makes the next session build it afresh.
"""

from __future__ import annotations

import fcntl
import shutil
import subprocess
import sys
from pathlib import Path

MORPH_KGC_VERSION = "2.10.0"
#: morph-kgc and everything it pulls in, pinned exactly, so a new release of pandas or
#: DuckDB cannot change what the test sees.
REQUIREMENTS = (
    f"morph-kgc=={MORPH_KGC_VERSION}",
    "duckdb==1.5.6",
    "elementpath==4.8.0",
    "falcon==4.4.0",
    "jsonpath-python==1.0.6",
    "numpy==2.4.6",
    "pandas==2.3.3",
    "pyoxigraph==0.3.22",
    "pyparsing==3.3.3",
    "python-dateutil==4.0.0",
    "pytz==2026.6",
    "rdflib==7.2.1",
    "ruamel.yaml==0.18.17",
    "ruamel.yaml.clib==0.2.15",
    "tzdata==2026.6",
)
MARKER = ".complete"
#: pip may take a while on a slow line, but not forever.
INSTALL_TIMEOUT = 1200


class MorphKgcEnvError(RuntimeError):
    """The morph-kgc environment could not be created; the message says what pip said."""


def morph_kgc_python(venvs: Path) -> Path:
    """The Python of the morph-kgc environment under ``venvs``, creating it if need be."""
    venvs.mkdir(parents=True, exist_ok=True)
    venv = venvs / "morph-kgc"
    wanted = "\n".join(REQUIREMENTS) + "\n"
    with (venvs / "morph-kgc.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        marker = venv / MARKER
        if not marker.exists() or marker.read_text(encoding="utf-8") != wanted:
            _create(venv)
            marker.write_text(wanted, encoding="utf-8")
    return venv / "bin" / "python"


def _create(venv: Path) -> None:
    shutil.rmtree(venv, ignore_errors=True)
    _run([sys.executable, "-m", "venv", str(venv)], f"creating the virtualenv {venv}")
    python = str(venv / "bin" / "python")
    pip = [python, "-m", "pip", "--disable-pip-version-check", "--quiet", "install"]
    _run([*pip, *REQUIREMENTS], f"installing {', '.join(REQUIREMENTS)} into {venv}")
    _run([python, "-c", "import morph_kgc"], f"importing morph_kgc in {venv}")


def _run(command: list[str], what: str) -> None:
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=INSTALL_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired as timeout:
        raise MorphKgcEnvError(f"{what} took longer than {INSTALL_TIMEOUT} s") from timeout
    if done.returncode != 0:
        raise MorphKgcEnvError(f"{what} failed (exit {done.returncode}):\n{done.stderr}")
