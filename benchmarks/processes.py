"""Servers a benchmark starts: a service or the bare baseline, as processes on free ports."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from chassis.messaging.embedded_nats import free_port
from chassis.processes import stop_process

ROOT = Path(__file__).resolve().parent.parent


def start_http_process(
    args: list[str], env_extra: dict[str, str], log: Path, port: int | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    """Starts ``python <args>`` with ``PHOIHOP_HTTP_PORT`` set; waits for /docs or /healthz."""
    port = port or free_port()
    env = {**os.environ, **env_extra, "PHOIHOP_HTTP_PORT": str(port)}
    process = subprocess.Popen(
        [sys.executable, *args, str(port)] if args[0].endswith(".py") else [sys.executable, *args],
        env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT, cwd=ROOT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{args} exited: see {log}")
        try:
            if httpx.get(f"{url}/openapi.json", timeout=0.5).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise TimeoutError(f"{args} did not answer within 30s")


def stop(process: subprocess.Popen[bytes]) -> None:
    stop_process(process)


def rss_mb(process: subprocess.Popen[bytes]) -> float:
    """Resident memory of a process, from /proc (Linux)."""
    for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")
