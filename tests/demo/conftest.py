from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from chassis.messaging.embedded_nats import free_port
from demo.__main__ import PARTS
from tests.e2e.processes import ServiceProcess

ROOT = Path(__file__).resolve().parents[2]
DemoRun = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def petitions_service(
    nats_url: str, jurisdiction: str, tmp_path: Path
) -> Iterator[ServiceProcess]:
    """The petitions service as its own process, on SQLite, with a fresh jurisdiction."""
    service = ServiceProcess("petitions", tmp_path, nats_url, jurisdiction).start()
    yield service
    service.stop()


@pytest.fixture
def sessions_service(
    nats_url: str, jurisdiction: str, tmp_path: Path
) -> Iterator[ServiceProcess]:
    """The sessions service as its own process, on SQLite, with a fresh jurisdiction."""
    service = ServiceProcess("sessions", tmp_path, nats_url, jurisdiction).start()
    yield service
    service.stop()


@pytest.fixture
def oversight_service(
    nats_url: str, jurisdiction: str, tmp_path: Path
) -> Iterator[ServiceProcess]:
    """The oversight service as its own process, on SQLite, with a fresh jurisdiction."""
    service = ServiceProcess("oversight", tmp_path, nats_url, jurisdiction).start()
    yield service
    service.stop()


@pytest.fixture
def run_demo() -> DemoRun:
    """Runs ``python -m demo`` from the repository root, as `make demo` does.

    A part whose URL the test does not give points at a free port, so the test never
    writes into services a `make run` may have running at the default ports."""
    def run(*args: str, timeout: float = 90) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PHOIHOP_")}
        nowhere = [arg for part in PARTS if f"--{part.service}-url" not in args
                   for arg in (f"--{part.service}-url", f"http://127.0.0.1:{free_port()}")]
        return subprocess.run(
            [sys.executable, "-m", "demo", *args, *nowhere], cwd=ROOT, env=env,
            capture_output=True, text=True, timeout=timeout, check=False,
        )
    return run


@pytest.fixture
def letters_service(
    nats_url: str, jurisdiction: str, tmp_path: Path
) -> Iterator[ServiceProcess]:
    """The letters service as its own process, on SQLite, with a fresh jurisdiction."""
    service = ServiceProcess("letters", tmp_path, nats_url, jurisdiction).start()
    yield service
    service.stop()
