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

from chassis.messaging.bus_accounts import SecuredBus
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
    bus = _Bus(os.environ.get("NATS_URL"), settings, nats_port)
    stopping = False

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    children = [_start(spec, bus, data_dir) for spec in installed_services()]
    _announce(children, bus, settings)
    try:
        while not stopping:
            time.sleep(0.5)
            for child in children:
                _restart_if_dead(child, bus, data_dir)
    finally:
        print("\nĐang dừng / stopping…", flush=True)
        for child in children:  # every service is told at once, then each is waited for
            child.process.terminate()
        for child in children:
            stop_process(child.process)
        bus.stop()
    return 0


class _Bus:
    """The NATS the services use: ``NATS_URL`` as given, or the embedded server on the
    deployment's accounts, each service connecting as its own user (decision 8)."""

    def __init__(self, given_url: str | None, settings: ServiceSettings, port: int) -> None:
        self.given_url = given_url
        self.embedded: SecuredBus | None = None
        if given_url is None:
            data_dir = settings.data_dir.resolve()
            self.embedded = SecuredBus.start(
                data_dir, settings.jurisdiction, port, data_dir / "nats.log"
            )

    @property
    def url(self) -> str:
        return self.embedded.url if self.embedded else redacted(self.given_url or "")

    def environment_for(self, service: str) -> dict[str, str]:
        if self.embedded is None:
            return {"NATS_URL": self.given_url or ""}
        return self.embedded.service_environment(service)

    def stop(self) -> None:
        if self.embedded is not None:
            self.embedded.stop()


def _start(spec: ServiceSpec, bus: _Bus, data_dir: Path) -> _Child:
    env = dict(os.environ)
    env.update({**bus.environment_for(spec.name), "PHOIHOP_DATA_DIR": str(data_dir)})
    # PHOIHOP_<SERVICE>_HTTP_PORT moves one service when its default port is taken.
    port = os.environ.get(f"PHOIHOP_{spec.name.upper()}_HTTP_PORT", str(spec.default_port))
    env["PHOIHOP_HTTP_PORT"] = port
    log = open(data_dir / f"{spec.name}.log", "ab")  # noqa: SIM115  (kept open by the child)
    process = subprocess.Popen(
        [sys.executable, "-m", spec.module], env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,  # Ctrl-C reaches us; we stop the children in order
    )
    return _Child(spec, process, port)


def _restart_if_dead(child: _Child, bus: _Bus, data_dir: Path) -> None:
    code = child.process.poll()
    if code is None:
        return
    pause = min(2 ** child.restarts, 30)
    if time.monotonic() - child.started_at < pause:
        return
    log_file = data_dir / f"{child.spec.name}.log"
    print(f"{child.spec.name} exited with {code}; restarting (see {log_file})")
    fresh = _start(child.spec, bus, data_dir)
    child.process, child.started_at = fresh.process, fresh.started_at
    child.restarts += 1


def _announce(children: list[_Child], bus: _Bus, settings: ServiceSettings) -> None:
    embedded_note = (
        f" (embedded, one account per agency; data and credentials in "
        f"{settings.data_dir / 'nats'})" if bus.embedded else ""
    )
    print(f"NATS JetStream: {bus.url}{embedded_note}")
    for child in children:
        url = f"http://{settings.http_host}:{child.port}"
        where = "mở bằng trình duyệt / open in a browser" if child.spec.pages else (
            f"API docs: {url}/docs")
        print(f"  {child.spec.title}: {url}  ({where})")
    print("Token: .venv/bin/phoihop token --agency mttq --role staff")
    print(f"Demo data: make demo      Logs: {settings.data_dir}/*.log      Stop: Ctrl-C",
          flush=True)
