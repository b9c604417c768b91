"""A server of the journal tests' own: started in its own session so that a test can kill
it whole (gunicorn, its workers and their query workers) with SIGKILL, and optionally
under a file-size limit (a full disk as one process tree sees it)."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

from conftest import free_port, wait_until_up


class Server:
    def __init__(self, data_dir: Path, log: Path, *, file_size: int | None = None,
                 **settings: object) -> None:  # fmt: skip
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "KUOPIO_KG_DATA_DIR": str(data_dir),
            "KUOPIO_KG_PORT": str(self.port),
            **{f"KUOPIO_KG_{name.upper()}": str(value) for name, value in settings.items()},
        }

        def limit() -> None:
            if file_size is not None:
                resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))

        with log.open("ab") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "kuopio_kg.cli", "serve"],
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=limit,
            )
        wait_until_up(self.url + "/healthz", self.process, log)

    def kill(self) -> None:
        """SIGKILL to every process of the server's session, as a power cut would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=20)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
