"""The journal through the real server: refusals, the issue's scenario, kill -9 during a
stream of acknowledged updates, and a full disk during an update and during a build."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import requests

from conformance.protocol import Client, run_protocol
from kuopio_kg.release import Releases
from kuopio_kg.settings import Settings

from .conftest import TOKEN
from .servers import Server

SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _update(url: str, text: str) -> requests.Response:
    return requests.post(url + "/sparql", data=text.encode(), timeout=60,
                         headers={"Content-Type": "application/sparql-update", **AUTH})  # fmt: skip


def _sizes(url: str) -> dict[str, int]:
    response = requests.post(url + "/sparql", data={"query": SIZES}, timeout=60,
                             headers={"Accept": "application/sparql-results+json"})  # fmt: skip
    response.raise_for_status()
    rows = response.json()["results"]["bindings"]
    return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}


def _cli(
    settings: Settings, *args: str, limit: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kuopio_kg.cli", "--data-dir", str(settings.data_dir), *args],
        capture_output=True, text=True, check=False, timeout=600, preexec_fn=limit,
    )  # fmt: skip


@pytest.fixture
def log(tmp_path: Path) -> Path:
    return tmp_path / "server.log"


@pytest.mark.slow
def test_refusals_are_4xx_with_one_sentence(built: Settings, log: Path) -> None:
    server = Server(built.data_dir, log, update_token=TOKEN)
    try:
        base = built.base_iri
        broken = (f"INSERT DATA {{ GRAPH <{base}graph/data> {{ [] a <{base}ontology#Result> ; "
                  f'<{base}ontology#rank> "first" }} }}')  # fmt: skip
        refused = _update(server.url, broken)
        assert refused.status_code == 422, refused.text
        assert "SHACL violation" in refused.text
        assert "Traceback" not in refused.text
        computed = _update(server.url, f"INSERT DATA {{ GRAPH <{base}graph/inferred> {{ "
                                       "<http://ex/a> <http://ex/b> <http://ex/c> } }")  # fmt: skip
        assert computed.status_code == 403, computed.text
        missing = _update(server.url, "DROP GRAPH <http://ex/missing>")
        assert missing.status_code == 400, missing.text
        assert "does not exist" in missing.text
    finally:
        server.stop()
    assert not (built.data_dir / "journal" / "updates.jsonl").exists()


@pytest.mark.slow
def test_the_protocol_tests_then_a_build_then_discard(built: Settings, log: Path) -> None:
    """The issue's scenario: a client with the token runs the W3C protocol tests (which
    DROP graphs), then `make serve` builds and serves; the updates are still there, and
    `kuopio-kg updates discard` returns to the graph as built."""
    server = Server(built.data_dir, log, update_token=TOKEN)
    built_sizes = _sizes(server.url)
    try:
        run_protocol(Client(server.url + "/sparql", TOKEN))
        updated = _sizes(server.url)
    finally:
        server.stop()
    assert updated != built_sizes
    build = _cli(built, "build")
    assert build.returncode == 0, build.stderr
    assert "inputs unchanged" in build.stderr
    listed = _cli(built, "updates", "list")
    count = int(listed.stdout.strip().splitlines()[-1].split()[0])
    assert count > 0
    server = Server(built.data_dir, log)
    try:
        assert _sizes(server.url) == updated
        etag = requests.get(server.url + "/", timeout=30).headers["ETag"]
        assert f"+{count}" in etag  # the release id and the journal position
        discarded = _cli(built, "updates", "discard")
        assert discarded.returncode == 0, discarded.stderr
        assert "discarded; the updates are kept in" in discarded.stdout
        assert _sizes(server.url) == built_sizes  # the same server follows the new release
        assert Releases(built.data_dir).current().id.endswith(".1")
    finally:
        server.stop()
    exported = _cli(built, "updates", "export")
    assert exported.stdout == ""


@pytest.mark.slow
def test_kill_9_keeps_every_acknowledged_update_and_no_partial_one(
    built: Settings, log: Path
) -> None:
    server = Server(built.data_dir, log, update_token=TOKEN)
    acknowledged: list[int] = []
    stop = threading.Event()

    def stream() -> None:
        for number in range(10_000):
            if stop.is_set():
                return
            text = (f"INSERT DATA {{ GRAPH <http://ex/stream> {{ <http://ex/n{number}> "
                    f"<http://ex/first> {number} ; <http://ex/second> {number} }} }}")  # fmt: skip
            try:
                response = _update(server.url, text)
            except requests.RequestException:
                return
            if response.status_code == 204:
                acknowledged.append(number)

    writer = threading.Thread(target=stream)
    writer.start()
    while len(acknowledged) < 15:
        threading.Event().wait(0.05)
    server.kill()
    stop.set()
    writer.join(timeout=60)
    server = Server(built.data_dir, log)
    try:
        query = ("SELECT ?s (COUNT(*) AS ?n) WHERE { GRAPH <http://ex/stream> { ?s ?p ?o } } "
                 "GROUP BY ?s")  # fmt: skip
        response = requests.post(server.url + "/sparql", data={"query": query}, timeout=60,
                                 headers={"Accept": "application/sparql-results+json"})  # fmt: skip
        rows = response.json()["results"]["bindings"]
    finally:
        server.stop()
    counts = {int(r["s"]["value"].removeprefix("http://ex/n")): int(r["n"]["value"]) for r in rows}
    assert set(acknowledged) <= set(counts)  # every acknowledged update survived
    assert set(counts.values()) == {2}  # and none is there in part
    assert len(counts) <= len(acknowledged) + 1  # at most the one in flight, unacknowledged


@pytest.mark.slow
def test_a_full_disk_during_an_update_is_a_503_and_changes_nothing(
    built: Settings, log: Path
) -> None:
    limit = 256 * 1024  # no file of the server's may grow past this
    server = Server(built.data_dir, log, file_size=limit, update_token=TOKEN)
    try:
        assert (
            _update(server.url, "INSERT DATA { <http://ex/a> <http://ex/b> 1 }").status_code == 204
        )
        before = _sizes(server.url)
        lines = "\n".join(f'<http://ex/big{i}> <http://ex/p> "{"x" * 200}" .' for i in range(2000))
        full = _update(server.url, f"INSERT DATA {{ GRAPH <http://ex/big> {{ {lines} }} }}")
        assert full.status_code == 503, full.text
        assert "journal" in full.text
        assert "nothing was changed" in full.text
        assert _sizes(server.url) == before
        small = _update(server.url, "INSERT DATA { <http://ex/c> <http://ex/d> 2 }")
        assert small.status_code == 204, small.text  # the journal is whole and takes more
    finally:
        server.stop()
    entries = (built.data_dir / "journal" / "updates.jsonl").read_text(encoding="utf-8")
    assert [json.loads(line)["position"] for line in entries.splitlines()] == [1, 2]


@pytest.mark.slow
def test_a_full_disk_during_a_build_exits_74_and_the_release_stays(
    built: Settings, log: Path, tmp_path: Path
) -> None:
    import resource
    import shutil

    source = tmp_path / "inputs"
    shutil.copytree(built.source, source)
    with (source / "data" / "events.ttl").open("a", encoding="utf-8") as file:
        file.write("\n# a changed input\n")
    before = Releases(built.data_dir).current_id()

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024, 256 * 1024))

    result = _cli(built, "--source", str(source), "build", limit=limit)
    assert result.returncode == 74, result.stderr
    assert "could not be written" in result.stderr
    assert "Traceback" not in result.stderr
    assert Releases(built.data_dir).current_id() == before
    assert [p.name for p in (built.data_dir / "releases").iterdir()] == [before]
    server = Server(built.data_dir, log)
    try:
        assert sum(_sizes(server.url).values()) > 10_000
    finally:
        server.stop()
