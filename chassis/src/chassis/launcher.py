"""``phoihop run``: a real nats-server and every installed service, each its own process.

Ctrl-C (or SIGTERM) stops the services first, then NATS. A service that dies is started
again with a growing pause: its store and the outbox relay make that safe.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from chassis.messaging.embedded_nats import EmbeddedNats
from chassis.messaging.service_messaging import redacted
from chassis.processes import stop_process
from chassis.service_specs import ServiceSpec, installed_services
from chassis.settings import ServiceSettings


@dataclass
class _Child:
    spec: ServiceSpec
    process: subprocess.Popen[bytes]
    port: str
    restarts: int = 0
    started_at: float = field(default_factory=time.monotonic)


def run_system(nats_port: int = 4230) -> int:
    settings = ServiceSettings()
    data_dir = settings.data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    nats_server = None
    nats_url = os.environ.get("NATS_URL")
    if not nats_url:
        nats_server = EmbeddedNats(data_dir / "nats", nats_port, data_dir / "nats.log").start()
        nats_url = nats_server.url
    stopping = False

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    children = [_start(spec, nats_url, data_dir) for spec in installed_services()]
    _announce(children, nats_url, nats_server is not None, settings)
    try:
        while not stopping:
            time.sleep(0.5)
            for child in children:
                _restart_if_dead(child, nats_url, data_dir)
    finally:
        print("\nĐang dừng / stopping…", flush=True)
        for child in children:  # every service is told at once, then each is waited for
            child.process.terminate()
        for child in children:
            stop_process(child.process)
        if nats_server is not None:
            nats_server.stop()
    return 0


def _start(spec: ServiceSpec, nats_url: str, data_dir: Path) -> _Child:
    env = dict(os.environ)
    env.update({"NATS_URL": nats_url, "PHOIHOP_DATA_DIR": str(data_dir)})
    # PHOIHOP_<SERVICE>_HTTP_PORT moves one service when its default port is taken.
    port = os.environ.get(f"PHOIHOP_{spec.name.upper()}_HTTP_PORT", str(spec.default_port))
    env["PHOIHOP_HTTP_PORT"] = port
    log = open(data_dir / f"{spec.name}.log", "ab")  # noqa: SIM115  (kept open by the child)
    process = subprocess.Popen(
        [sys.executable, "-m", spec.module], env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,  # Ctrl-C reaches us; we stop the children in order
    )
    return _Child(spec, process, port)


def _restart_if_dead(child: _Child, nats_url: str, data_dir: Path) -> None:
    code = child.process.poll()
    if code is None:
        return
    pause = min(2 ** child.restarts, 30)
    if time.monotonic() - child.started_at < pause:
        return
    log_file = data_dir / f"{child.spec.name}.log"
    print(f"{child.spec.name} exited with {code}; restarting (see {log_file})")
    fresh = _start(child.spec, nats_url, data_dir)
    child.process, child.started_at = fresh.process, fresh.started_at
    child.restarts += 1


def _announce(
    children: list[_Child], nats_url: str, embedded: bool, settings: ServiceSettings
) -> None:
    where = redacted(nats_url)
    embedded_note = f" (embedded, data in {settings.data_dir / 'nats'})" if embedded else ""
    print(f"NATS JetStream: {where}{embedded_note}")
    for child in children:
        url = f"http://{settings.http_host}:{child.port}"
        where = "mở bằng trình duyệt / open in a browser" if child.spec.pages else (
            f"API docs: {url}/docs")
        print(f"  {child.spec.title}: {url}  ({where})")
    print("Token: .venv/bin/phoihop token --agency mttq --role staff")
    print(f"Demo data: make demo      Logs: {settings.data_dir}/*.log      Stop: Ctrl-C",
          flush=True)
