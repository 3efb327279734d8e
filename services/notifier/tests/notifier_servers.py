"""Real servers for the notifier tests: a webhook receiver (http.server), an SMTP server
(aiosmtpd), and the notifier itself: served by uvicorn in a thread of this process, or
as a process of its own."""

from __future__ import annotations

import email
import email.policy
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from aiosmtpd.controller import Controller

from chassis.messaging.embedded_nats import free_port
from chassis.processes import kill_process, stop_process
from kernel.clock import Clock
from notifier.bootstrap import build_app
from notifier.settings import NotifierSettings


@dataclass(frozen=True)
class Call:
    """One request the receiver got, and what it answered."""

    headers: dict[str, str]
    body: bytes
    status: int
    at: float  # time.monotonic() on arrival


@dataclass
class WebhookReceiver:
    """An HTTP endpoint that records every call; it may fail the first calls of each id."""

    failures_per_id: int = 0
    delay: float = 0.0
    calls: list[Call] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/hooks"

    def start(self) -> WebhookReceiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                headers = {k.lower(): v for k, v in self.headers.items()}
                time.sleep(receiver.delay)
                status = receiver._answer(headers, body)
                self.send_response(status)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def _answer(self, headers: dict[str, str], body: bytes) -> int:
        with self._lock:
            earlier = sum(1 for c in self.calls if c.headers["webhook-id"] == headers["webhook-id"])
            status = 500 if earlier < self.failures_per_id else 200
            self.calls.append(Call(headers, body, status, time.monotonic()))
            return status

    def snapshot(self) -> list[Call]:
        with self._lock:
            return list(self.calls)

    def delivered_ids(self) -> list[str]:
        """webhook-ids answered with success, in order (a re-send appears twice)."""
        return [c.headers["webhook-id"] for c in self.snapshot() if c.status == 200]

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


class _Collect:
    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        # The default policy unfolds long headers (a Message-ID may be folded onto a line
        # of its own, as RFC 5322 allows), as a mail client does.
        self.messages.append(email.message_from_bytes(envelope.content,
                                                      policy=email.policy.default))
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"


class SmtpSink:
    """A real SMTP server (aiosmtpd) on a free port that keeps what it receives."""

    def __init__(self) -> None:
        self.port = free_port()
        self.handler = _Collect()
        self._controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    @property
    def messages(self) -> list[Message]:
        return list(self.handler.messages)

    def start(self) -> SmtpSink:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()


class NotifierServer:
    """The notifier's real FastAPI app (lifespan, consumers, workers) on a free port."""

    def __init__(self, settings: NotifierSettings, clock: Clock | None = None) -> None:
        self.port = free_port()
        self.settings = settings.model_copy(update={"http_port": self.port})
        config = uvicorn.Config(build_app(self.settings, clock=clock), host="127.0.0.1",
                                port=self.port, log_config=None, lifespan="on")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 20.0) -> NotifierServer:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise TimeoutError("the notifier did not start")
            time.sleep(0.02)
        return self

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=10)

    def stop(self, timeout: float = 15.0) -> None:
        self._server.should_exit = True
        self._thread.join(timeout)


class NotifierProcess:
    """``python -m notifier`` as its own process, the way ``make run`` starts it."""

    def __init__(self, settings: NotifierSettings, log_dir: Path, **env: str) -> None:
        self.settings = settings
        self.log = log_dir / "notifier.log"
        self.env = env
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> NotifierProcess:
        s = self.settings
        env = {**os.environ, "NATS_URL": s.nats_url, "PHOIHOP_DATA_DIR": str(s.data_dir),
               "PHOIHOP_HTTP_PORT": str(self.port), "PHOIHOP_JURISDICTION": s.jurisdiction,
               "PHOIHOP_ENVIRONMENT": "test", "PHOIHOP_STORE": "sqlite", **self.env}
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen([sys.executable, "-m", "notifier"], env=env,
                                            stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the notifier exited: see {self.log}")
            try:
                if httpx.get(f"{self.url}/readyz", timeout=0.5).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        raise TimeoutError(f"the notifier was not ready within {timeout}s")

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=10)

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as when a machine loses power."""
        assert self.process is not None
        kill_process(self.process)

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process, grace=15)


StartNotifier = Callable[..., NotifierServer]  # the ``start_notifier`` fixture
