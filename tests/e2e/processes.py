"""Services started as real processes, the way `make run` starts them."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from chassis.messaging.embedded_nats import free_port
from chassis.processes import kill_process, stop_process


class ServiceProcess:
    """One service (``python -m <module>``) on a free port, with its own data directory."""

    def __init__(
        self, module: str, data_dir: Path, nats_url: str, jurisdiction: str,
        environment: dict[str, str] | None = None,
    ) -> None:
        self.module = module
        self.environment = environment or {}  # its own settings (NATS user, service URLs)
        self.data_dir = data_dir
        self.nats_url = nats_url
        self.jurisdiction = jurisdiction
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> ServiceProcess:
        env = dict(os.environ)
        env.update({
            "NATS_URL": self.nats_url,
            "PHOIHOP_DATA_DIR": str(self.data_dir),
            "PHOIHOP_HTTP_PORT": str(self.port),
            "PHOIHOP_JURISDICTION": self.jurisdiction,
            "PHOIHOP_ENVIRONMENT": "test",
            "PHOIHOP_STORE": "sqlite",
            **self.environment,
        })
        self.data_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.data_dir / f"{self.module}.log", "ab")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", self.module], env=env, stdout=log, stderr=subprocess.STDOUT
        )
        self._wait_healthy(timeout)
        return self

    def _wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.module} exited with {self.process.returncode}: "
                                   f"see {self.data_dir / (self.module + '.log')}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=0.5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise TimeoutError(f"{self.module} not healthy within {timeout}s")

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as when a machine loses power."""
        assert self.process is not None
        kill_process(self.process)

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process, grace=15)
