"""The package stands on its own: its wheel, installed in a fresh venv and run from an empty
directory, builds the full graph from the inputs it carries and serves every example query's
stored answer; a source folder without inputs is an error that says where it looked.

The venv gets no dependencies of its own: a ``.pth`` file added after the wheel is installed
points at the test environment's site-packages, so nothing is downloaded, and the project
itself comes only from the wheel (the checkout is neither on the path nor the current folder).
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from rdflib import Graph

from answers import Answer, assert_expected_answer
from conftest import REPO, free_port, stop, wait_until_up
from kuopio_kg.examples import ExampleQuery, load_examples
from kuopio_kg.settings import Settings

pytestmark = pytest.mark.slow

#: The federated examples call Wikidata, which this machine cannot reach (and the endpoint
#: refuses the loopback stand-in): tests/test_queries.py runs them against the stand-in, and
#: the examples answered over a test fixture's import over that fixture.
EXAMPLES = [
    e
    for e in load_examples(Settings.from_env(environ={}).queries_dir)
    if not e.services and e.fixture is None
]

#: What the wheel is built from: the checkout without its environments, caches and releases.
_NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "var", "build", "dist", "*.egg-info", "__pycache__", ".*cache", ".hypothesis"
)


@dataclass(frozen=True)
class Installed:
    """A venv holding the project's wheel, and a clean environment to run it in."""

    venv: Path
    env: dict[str, str]

    def run(self, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.venv / "bin" / "kuopio-kg"), *args],
            cwd=cwd,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )


def _run(*command: str | Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(part) for part in command], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"{command} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    work = tmp_path_factory.mktemp("package")
    tree = work / "tree"
    shutil.copytree(REPO, tree, symlinks=True, ignore=_NOT_SOURCES)
    wheels = work / "wheels"
    _run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", wheels, tree)  # fmt: skip
    (wheel,) = wheels.glob("kuopio_kg-*.whl")
    venv = work / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps",
         "--no-index", wheel)  # fmt: skip
    purelib = "import sysconfig; print(sysconfig.get_path('purelib'))"
    site = Path(_run(python, "-c", purelib).strip())
    (site / "test-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("KUOPIO_KG_") and name not in {"PYTHONPATH", "VIRTUAL_ENV"}
    }
    package = _run(python, "-c", "import kuopio_kg; print(kuopio_kg.__file__)", env=env).strip()
    assert Path(package).is_relative_to(site), f"kuopio_kg comes from {package}, not the wheel"
    return Installed(venv, env)


@pytest.fixture(scope="module")
def served(installed: Installed, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``kuopio-kg build`` then ``kuopio-kg serve`` from an empty folder; the server's URL."""
    empty = tmp_path_factory.mktemp("empty")
    built = installed.run("build", cwd=empty)
    assert built.returncode == 0, built.stderr
    assert (empty / "var" / "current").exists(), "the release is not in ./var"
    port = free_port()
    log = empty.parent / f"{empty.name}-server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(installed.venv / "bin" / "kuopio-kg"), "--port", str(port), "serve"],
            cwd=empty,
            env=installed.env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_up(url + "/healthz", process, log)
        yield url
    finally:
        stop(process)


def test_the_wheel_carries_every_input_file(installed: Installed) -> None:
    script = "from kuopio_kg.settings import Settings; print(Settings().source)"
    python = installed.venv / "bin" / "python"
    packaged = Path(_run(python, "-c", script, env=installed.env).strip())
    assert packaged.is_relative_to(installed.venv), packaged
    for folder in ("ontology", "data", "data/links", "queries"):
        assert (packaged / folder).is_dir(), f"the wheel lacks {folder}/"
        compared = filecmp.dircmp(REPO / folder, packaged / folder)
        assert compared.left_list, f"{folder}/ is empty in the checkout"
        assert not compared.left_only, f"the wheel lacks {folder}/{compared.left_only}"
        assert not compared.diff_files, f"the wheel's {folder}/{compared.diff_files} differ"


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_the_installed_server_gives_every_stored_answer(served: str, example: ExampleQuery) -> None:
    response = requests.post(
        served + "/sparql",
        data={"query": example.text},
        headers={"Accept": "application/sparql-results+json, application/n-triples;q=0.9"},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    got: Answer
    if response.headers["Content-Type"].startswith("application/n-triples"):
        got = Graph().parse(data=response.text, format="nt")
    else:
        got = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
    assert_expected_answer(example, got)


def test_an_empty_source_fails_and_says_where_it_looked(
    installed: Installed, tmp_path: Path
) -> None:
    source = tmp_path / "no-inputs"
    source.mkdir()
    done = installed.run("--source", str(source), "build", cwd=tmp_path)
    assert done.returncode != 0
    assert str(source / "ontology") in done.stderr
    assert done.stderr.rstrip().splitlines()[-1].startswith("error: No input")
    assert not (tmp_path / "var" / "current").exists()
