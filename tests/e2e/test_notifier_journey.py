"""End to end: petitions, sessions and the notifier as processes, as `make run` starts them.

Staff walk a petition and a council session over HTTP; the notifier, told only by the
CloudEvents on the two streams, calls a subscribed system with a signed webhook, fills
the agencies' inboxes, publishes the answer and the resolution in its Atom feed, and
stops the petition's reminder once it is answered.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import httpx
import nats
import pytest

from chassis.audit.run import AuditKeys, audit, spec_of
from chassis.audit.signed_seals import make_signing_key
from chassis.messaging.bus_accounts import SecuredBus, js_api_prefix
from chassis.settings import ServiceSettings
from contracts.vocabulary import Agency
from tests.e2e.journey import bearer, walk_petition_journey
from tests.e2e.test_sessions_journey import hold_session

pytestmark = [pytest.mark.e2e, pytest.mark.integration]
ATOM = "{http://www.w3.org/2005/Atom}"


class Receiver:
    """Another system's webhook endpoint: keeps every call, answers 204."""

    def __init__(self) -> None:
        self.calls: list[tuple[dict[str, str], bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                receiver.calls.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/phoihop"

    def verified(self, secret: str) -> list[dict[str, Any]]:
        """The payloads whose Standard Webhooks signature checks out."""
        key = base64.b64decode(secret.removeprefix("whsec_"))
        payloads = []
        for headers, body in list(self.calls):
            signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
            digest = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
            if headers["webhook-signature"] == f"v1,{digest}":
                payloads.append(json.loads(body))
        return payloads


def eventually(check: Callable[[], Any], within: float = 20.0, what: str = "it") -> Any:
    deadline = time.monotonic() + within
    while not (result := check()):
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {within}s")
        time.sleep(0.1)
    return result


def streams_exist(nats_url: str, jurisdiction: str, *services: str,
                  across_accounts: bool = False) -> bool:
    """Whether the services' streams exist; ``across_accounts``: read through each stream's
    exported API (``$JS.<service>.API``), as a reader in another NATS account must."""
    async def check() -> bool:
        client = await nats.connect(nats_url)
        try:
            for service in services:
                prefix = js_api_prefix(service) if across_accounts else "$JS.API"
                await client.jetstream(prefix=prefix).stream_info(
                    f"PHOIHOP_{jurisdiction}_{service}".upper().replace("-", "_"))
            return True
        except Exception:
            return False
        finally:
            await client.close()
    return asyncio.run(check())


def test_the_notifier_tells_each_body_what_concerns_it_from_the_other_services_events(
    nats_url: str, jurisdiction: str, start_service: Callable[..., Any],
) -> None:
    petitions = start_service("petitions", nats_url, jurisdiction)
    sessions = start_service("sessions", nats_url, jurisdiction)
    eventually(lambda: streams_exist(nats_url, jurisdiction, "petitions", "sessions"),
               what="the upstream streams")
    notifier = start_service("notifier", nats_url, jurisdiction)
    receiver = Receiver()
    ubnd, mttq = bearer(jurisdiction, Agency.UBND), bearer(jurisdiction, Agency.MTTQ)
    try:
        walk_and_check(notifier.url, petitions.url, sessions.url, jurisdiction, receiver,
                       ubnd, mttq)
    finally:
        receiver.server.shutdown()


def test_the_same_journey_runs_under_the_deployments_nats_accounts(
    tmp_path: Path, jurisdiction: str, start_service: Callable[..., Any],
) -> None:
    """The services as `make run` starts them: each connects to the embedded NATS as its own
    user of its agency's account, and reads the others' streams through their exports."""
    bus = SecuredBus.start(tmp_path / "bus", jurisdiction)
    receiver = Receiver()
    try:
        def start(name: str) -> Any:
            environment = bus.service_environment(name)
            return start_service(name, environment["NATS_URL"], jurisdiction,
                                 tmp_path / name, environment)

        petitions, sessions = start("petitions"), start("sessions")
        eventually(lambda: streams_exist(bus.url_for("ubnd"), jurisdiction, "petitions",
                                         "sessions", across_accounts=True),
                   what="the upstream streams")
        notifier = start("notifier")
        walk_and_check(notifier.url, petitions.url, sessions.url, jurisdiction, receiver,
                       bearer(jurisdiction, Agency.UBND), bearer(jurisdiction, Agency.MTTQ))
        # The audit reads a stream as a reader of another account does (UBND's user).
        settings = ServiceSettings(
            data_dir=tmp_path / "petitions", jurisdiction=jurisdiction, store="sqlite",
            js_api_prefixes={"petitions": js_api_prefix("petitions")},
        )
        report = audit(spec_of("petitions"), settings, "petitions",
                       nats_url=bus.url_for("ubnd"), say=False)
        assert report.ok and report.published_checked > 0, report.summary()
        # As the service's own user, it also publishes its signed seal beside the events.
        make_signing_key(tmp_path / "audit.key")
        own = audit(spec_of("petitions"), settings.model_copy(update={"js_api_prefixes": {}}),
                    "petitions", nats_url=bus.url_for("petitions"), say=False,
                    keys=AuditKeys.load(tmp_path / "audit.key", None))
        assert own.ok and own.seals_published == 1, own.summary()
    finally:
        receiver.server.shutdown()
        bus.stop()


def walk_and_check(notifier_url: str, petitions_url: str, sessions_url: str,
                   jurisdiction: str, receiver: Receiver, ubnd: dict[str, str],
                   mttq: dict[str, str]) -> None:
    with httpx.Client(base_url=notifier_url, timeout=10) as http:
        secret = http.post("/subscriptions", headers=ubnd, json={
            "url": receiver.url, "event_types": ["vn.phoihop.*"]}).json()["secret"]

        ids = walk_petition_journey(petitions_url, jurisdiction)
        hold_session(sessions_url, jurisdiction)

        types = {"PetitionForwarded", "ResolutionPassed"}
        payloads = eventually(lambda: (p := receiver.verified(secret)) and {
            x["type"].split(".")[3] for x in p} >= types and p, what="the webhooks")
        forwarded = next(p for p in payloads if p["type"].endswith("PetitionForwarded.v1"))
        assert forwarded["data"]["event"]["subject"] == ids["merged"]

        feed = eventually(lambda: len((root := ET.fromstring(http.get("/feed.atom").content))
                                      .findall(f"{ATOM}entry")) >= 2 and root, what="feed")
        ubnd_inbox = http.get("/inbox", headers=ubnd).json()
        mttq_inbox = http.get("/inbox", headers=mttq).json()
        reminders = eventually(lambda: http.get("/reminders?active=false",
                                                headers=ubnd).json(), what="a stopped reminder")
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert "Kết quả trả lời kiến nghị cử tri" in titles
    assert any(title and title.startswith("HĐND thông qua Nghị quyết") for title in titles)
    assert {"petition.forwarded", "session.resolution_to_implement",
            "session.preparation_assigned"} <= {n["rule_id"] for n in ubnd_inbox}
    assert "petition.answer_to_publish" in {n["rule_id"] for n in mttq_inbox}
    assert [(r["subject_id"], r["stopped_by"]) for r in reminders] == [
        (ids["merged"], "vn.phoihop.petitions.PetitionAnswered.v1")]
