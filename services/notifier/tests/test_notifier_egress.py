"""Where webhooks may go (issue 12, item 8): the address a name resolves to is checked at
registration and at every connection in production; a redirect is never followed; and
a subscriber is told the same thing whatever stopped a call. Real HTTP servers on this
machine; the names resolve through the system's resolver or a resolver of the test."""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from notifier_servers import WebhookReceiver
from test_notifier_formats import job

from chassis.web.auth import Principal
from contracts.vocabulary import Agency
from notifier.application import Notifier
from notifier.channels.webhook import UNREACHABLE, WebhookChannel
from notifier.domain.delivery import Outcome
from notifier.domain.errors import InvalidSubscriptionError
from notifier.egress import (
    EgressGuard,
    RefusedDestination,
    Resolver,
    is_internal_address,
    system_resolver,
)
from notifier.sealing import DEVELOPMENT_WEBHOOK_SECRET_KEY, SecretSealer

PUBLIC = "113.160.92.1"  # a public address: only resolved to, never connected to
NAMES = {"hooks.example.test": ["127.0.0.1"], "public.example.test": [PUBLIC],
         "mixed.example.test": [PUBLIC, "10.1.2.3"]}
SEALER = SecretSealer(DEVELOPMENT_WEBHOOK_SECRET_KEY)
UBND = Principal("t", Agency.UBND, "staff", "tien-giang")


def names(host: str, port: int) -> list[str]:
    """A DNS of the test's own: its names, and none other."""
    if host not in NAMES:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    return NAMES[host]


@pytest.fixture
def app() -> Iterator[Notifier]:
    notifier = Notifier({"PERSISTENCE_MODULE": "eventsourcing.popo"}, resolver=names)
    yield notifier
    notifier.close()


def register(app: Notifier, url: str, allow_private: bool = False) -> Any:
    return app.register_subscription(
        UBND, url=url, event_types=["*"], secret=None, audience="agency", unit=None,
        description=None, allow_http=True, allow_private=allow_private)


def test_names_resolving_to_internal_addresses_are_refused_at_registration_in_production(
    app: Notifier,
) -> None:
    refusals = []
    for url in ("https://hooks.example.test/h", "https://mixed.example.test/h",
                "https://nowhere.example.test/h"):  # unknown: refused in the same words
        with pytest.raises(InvalidSubscriptionError) as refused:
            register(app, url)
        refusals.append(refused.value.args[0])
    assert len(set(refusals)) == 1
    assert register(app, "https://public.example.test/hooks").url.startswith("https://public")
    assert register(app, "https://hooks.example.test/h", allow_private=True)  # development

    # The same through the machine's own resolver: spellings of 127.0.0.1 that are no
    # address at all to Python's ipaddress, but are to the C resolver.
    real = Notifier({"PERSISTENCE_MODULE": "eventsourcing.popo"})
    try:
        for url in ("http://127.1:8080/h", "http://2130706433/h", "http://0x7f.1/h"):
            assert system_resolver(url.split("/")[2].rsplit(":", 1)[0], 80) == ["127.0.0.1"]
            with pytest.raises(InvalidSubscriptionError):
                register(real, url)
    finally:
        real.close()


async def deliver(target: str, allow_internal: bool, secret: str | None = None,
                  resolver: Resolver = names) -> Outcome:
    channel = WebhookChannel(SEALER, EgressGuard(allow_internal, resolver), timeout=5.0)
    try:
        delivery = job()
        sealed = SEALER.seal(secret) if secret else SEALER.seal(delivery.secret or "")
        return await channel.send(type(delivery)(**{**delivery.__dict__, "target": target,
                                                    "secret": sealed}))
    finally:
        await channel.close()


async def test_a_name_resolving_to_loopback_is_refused_at_delivery_in_production(
    receiver: WebhookReceiver,
) -> None:
    port = receiver.url.split(":")[2].split("/")[0]
    named = f"http://hooks.example.test:{port}/hooks"
    # Where internal addresses are allowed, the test's name reaches the receiver: the
    # connection goes to the address the guard resolved, not to a second lookup.
    assert (await deliver(named, allow_internal=True)).ok
    spelled = [f"http://127.1:{port}/hooks", f"http://2130706433:{port}/hooks"]
    for target in spelled:  # through the machine's resolver
        assert (await deliver(target, allow_internal=True, resolver=system_resolver)).ok
    assert len(receiver.snapshot()) == 3

    outcome = await deliver(named, allow_internal=False)
    assert (outcome.ok, outcome.error) == (False, UNREACHABLE)
    for target in spelled:
        outcome = await deliver(target, allow_internal=False, resolver=system_resolver)
        assert (outcome.ok, outcome.error) == (False, UNREACHABLE)
    assert len(receiver.snapshot()) == 3  # nothing more arrived


class Redirector:
    """Answers every POST with a redirect to ``location``."""

    def __init__(self, location: str) -> None:
        target = location

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("content-length", 0)))
                self.send_response(307)
                self.send_header("location", target)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"


async def test_a_redirect_to_an_internal_address_is_not_followed(
    receiver: WebhookReceiver,
) -> None:
    redirector = Redirector(receiver.url)
    try:
        outcome = await deliver(redirector.url, allow_internal=True)
    finally:
        redirector.server.shutdown()
        redirector.server.server_close()
    assert (outcome.ok, outcome.status_code, outcome.error) == (False, 307, "HTTP 307")
    assert receiver.snapshot() == []


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Mute:
    """An open port that answers nothing HTTP: it closes each connection at once."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            connection.close()


async def test_the_subscriber_is_told_the_same_for_a_closed_port_an_unknown_name_and_a_refusal(
    caplog: pytest.LogCaptureFixture,
) -> None:
    mute = Mute()
    try:
        with caplog.at_level(logging.WARNING, logger="notifier.channels.webhook"):
            closed = await deliver(f"http://127.0.0.1:{closed_port()}/h", allow_internal=True)
            unknown = await deliver("http://nowhere.example.test/h", allow_internal=True)
            open_port = await deliver(f"http://127.0.0.1:{mute.port}/h", allow_internal=True)
            internal = await deliver("http://hooks.example.test/h", allow_internal=False)
    finally:
        mute.socket.close()
    errors = {o.error for o in (closed, unknown, open_port, internal)}
    assert errors == {UNREACHABLE}
    assert not any(o.ok or o.status_code for o in (closed, unknown, open_port, internal))
    details = [r.getMessage() for r in caplog.records]
    assert len(details) == 4 and len(set(d.split(": ", 1)[1] for d in details)) == 4


def test_what_counts_as_internal() -> None:
    for address in ("127.0.0.1", "10.0.0.7", "172.16.3.4", "192.168.1.1", "169.254.169.254",
                    "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "fe80::1%eth0", "fd00::1",
                    "::ffff:127.0.0.1", "::ffff:10.0.0.1"):
        assert is_internal_address(address), address
    for address in ("8.8.8.8", "2001:4860:4860::8888", "113.160.0.1"):
        assert not is_internal_address(address), address


def test_the_guard_refuses_a_name_with_any_internal_address() -> None:
    guard = EgressGuard(allow_internal=False, resolver=names)
    assert guard.addresses("public.example.test", 443) == [PUBLIC]
    assert EgressGuard(True, names).addresses("mixed.example.test", 443) == [
        PUBLIC, "10.1.2.3"]
    with pytest.raises(RefusedDestination, match=r"internal 10\.1\.2\.3"):
        guard.addresses("mixed.example.test", 443)


async def test_a_url_httpx_cannot_use_is_refused_not_raised(app: Notifier) -> None:
    """Past the HTTP schema (which checks ports), the application and the channel still
    answer a bad URL with a refusal and a failed attempt, never an exception."""
    with pytest.raises(InvalidSubscriptionError):
        register(app, "https://public.example.test:99999/h")
    outcome = await deliver("https://public.example.test:99999/h", allow_internal=True)
    assert (outcome.ok, outcome.error) == (False, UNREACHABLE)
