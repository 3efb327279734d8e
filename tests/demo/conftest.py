from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

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
def run_demo() -> DemoRun:
    """Runs ``python -m demo`` from the repository root, as `make demo` does."""
    def run(*args: str, timeout: float = 90) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PHOIHOP_")}
        return subprocess.run(
            [sys.executable, "-m", "demo", *args], cwd=ROOT, env=env, capture_output=True,
            text=True, timeout=timeout, check=False,
        )
    return run
