"""Fixtures shared by the cross-service tests: services started as real processes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.processes import ServiceProcess


@pytest.fixture
def start_service(tmp_path: Path) -> Iterator[object]:
    """Starts services as processes; every one started is stopped at the end."""
    started: list[ServiceProcess] = []

    def start(
        module: str, nats_url: str, jurisdiction: str, data_dir: Path | None = None,
        environment: dict[str, str] | None = None,
    ) -> ServiceProcess:
        process = ServiceProcess(
            module, data_dir or tmp_path, nats_url, jurisdiction, environment
        ).start()
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()
