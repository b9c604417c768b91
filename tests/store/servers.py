"""Real SPARQL servers on loopback with temporary databases, for the remote-store tests.

Virtuoso 7 comes from Debian's ``virtuoso-opensource`` (installed with apt-get when
``virtuoso-t`` is missing, as the browser tests install Chromium); Oxigraph server is the
``oxigraph`` command of the PyPI package of that name (the test extra pins it).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

#: Seconds a server has to start answering.
START_WITHIN = 90.0
#: The store's own hard limit on a query (Virtuoso's MaxQueryExecutionTime; Oxigraph
#: server's --timeout-s): a backstop behind the per-request timeout the endpoint sends.
STORE_QUERY_LIMIT = 60

_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{isql_port}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 20
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., /usr/share/virtuoso-opensource-7/vad
ThreadsPerQuery = 2
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
VADInstallDir = /usr/share/virtuoso-opensource-7/vad/

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 20
ServerThreads = 20
MaxKeepAlives = 10
KeepAliveTimeout = 10
Charset = UTF-8
EnabledGzipContent = 0

[Client]
SQL_PREFETCH_ROWS = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT = 0
SQL_TXN_TIMEOUT = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = {limit}
MaxSortedTopRows = 100000
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Server:
    """One running store: its process, how to start it again, and its URLs."""

    kind: str
    command: list[str]
    query_url: str
    update_url: str
    graph_store_url: str
    process: subprocess.Popen[bytes] | None = None
    log: Path | None = None

    def start(self) -> None:
        assert self.log is not None
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                self.command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        wait_until_up(self)

    def kill(self) -> None:
        """SIGKILL, as a crashed store: no goodbye to the open connections."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def wait_until_up(server: Server) -> None:
    deadline = time.monotonic() + START_WITHIN
    while time.monotonic() < deadline:
        if server.process is not None and server.process.poll() is not None:
            log = server.log.read_text(errors="replace")[-2000:] if server.log else ""
            raise RuntimeError(f"{server.kind} exited with {server.process.returncode}: {log}")
        try:
            response = requests.get(
                server.query_url, params={"query": "ASK {}"}, timeout=2,
                headers={"Accept": "application/sparql-results+json"},
            )  # fmt: skip
            if response.status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{server.kind} did not answer at {server.query_url} in {START_WITHIN} s")


def ensure_virtuoso() -> str:
    """The path of ``virtuoso-t``, installing Debian's package first when it is missing."""
    found = shutil.which("virtuoso-t")
    if found is None:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-q"], check=True, env=env, capture_output=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "virtuoso-opensource"],
            check=True, env=env, capture_output=True,
        )  # fmt: skip
        found = shutil.which("virtuoso-t")
    if found is None:
        raise RuntimeError("virtuoso-opensource installed, but virtuoso-t is not on PATH")
    return found


def start_virtuoso(folder: Path) -> Server:
    """Virtuoso on free loopback ports with a database in ``folder``; the SPARQL user may
    update, and the dba account is used for the digest-protected /sparql-auth."""
    binary = ensure_virtuoso()
    folder.mkdir(parents=True, exist_ok=True)
    http_port, isql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(
        _VIRTUOSO_INI.format(
            db=folder, http_port=http_port, isql_port=isql_port, limit=STORE_QUERY_LIMIT
        ),
        encoding="utf-8",
    )
    url = f"http://127.0.0.1:{http_port}/sparql"
    server = Server(
        "virtuoso",
        [binary, "+foreground", "+configfile", str(ini)],
        url,
        url,
        f"http://127.0.0.1:{http_port}/sparql-graph-crud",
        log=folder / "server.log",
    )
    server.start()
    isql(isql_port, 'GRANT SPARQL_UPDATE TO "SPARQL";')
    isql(isql_port, 'GRANT EXECUTE ON DB.DBA.SPARQL_INSERT_DICT_CONTENT TO "SPARQL";')
    isql(isql_port, 'GRANT EXECUTE ON DB.DBA.SPARQL_DELETE_DICT_CONTENT TO "SPARQL";')
    isql(isql_port, "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);")
    return server


def isql(port: int, statement: str) -> str:
    """Run one statement as dba through ``isql-vt`` (the default password of a new db)."""
    result = subprocess.run(
        ["isql-vt", f"127.0.0.1:{port}", "dba", "dba", f"exec={statement}"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    if result.returncode != 0 or "*** Error" in result.stdout + result.stderr:
        raise RuntimeError(f"isql {statement!r}: {result.stdout}{result.stderr}")
    return result.stdout


def oxigraph_binary() -> str:
    """The ``oxigraph`` command installed beside this Python (the test extra's package)."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if found is None:
        raise RuntimeError("the oxigraph command is missing: pip install -e '.[test]'")
    return found


def start_oxigraph(folder: Path, limit: int = STORE_QUERY_LIMIT) -> Server:
    """Oxigraph server on a free loopback port with its database in ``folder``, stopping
    queries after ``limit`` seconds."""
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = Server(
        "oxigraph",
        [oxigraph_binary(), "serve", "--location", str(folder / "db"),
         "--bind", f"127.0.0.1:{port}", "--timeout-s", str(limit)],
        f"{base}/query",
        f"{base}/update",
        f"{base}/store",
        log=folder / "server.log",
    )  # fmt: skip
    server.start()
    return server
