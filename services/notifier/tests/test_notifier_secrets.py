"""Webhook secrets at rest and credentials in logs (issue 12, item 9): sealed secrets,
plain ones of older stores still signing, the sealing keys' settings, and no password,
secret or token in any log line the chassis's logging writes."""

from __future__ import annotations

import base64
import io
import logging
import secrets
import socket
from collections.abc import Iterator

import pytest
from notifier_servers import WebhookReceiver
from notifier_support import FORWARDED_AT, forwarded, verify_webhook
from test_notifier_formats import job

from chassis.logs import configure_logging, redact
from contracts import decode_cloudevent, encode_cloudevent
from kernel.clock import ManualClock
from notifier.application import Notifier
from notifier.channels.webhook import WebhookChannel
from notifier.domain.subscription import Subscription, new_secret
from notifier.egress import EgressGuard
from notifier.sealing import DEVELOPMENT_WEBHOOK_SECRET_KEY, SecretSealer, SecretSealingError
from notifier.settings import NotifierSettings

OTHER_KEY = "b3RoZXItd2ViaG9vay1zZWFsaW5nLWtleS0zMmJ5dGU="


def test_a_sealed_secret_opens_with_any_configured_key_and_a_plain_one_as_it_is() -> None:
    secret = new_secret()
    old = SecretSealer(DEVELOPMENT_WEBHOOK_SECRET_KEY)
    sealed = old.seal(secret)
    assert sealed.startswith("fernet:") and secret not in sealed
    assert sealed != old.seal(secret)  # a fresh IV each time
    rotated = SecretSealer(f"{OTHER_KEY}, {DEVELOPMENT_WEBHOOK_SECRET_KEY}")
    assert rotated.open(sealed) == secret
    assert rotated.seal(secret) != sealed and rotated.open(rotated.seal(secret)) == secret
    with pytest.raises(SecretSealingError):
        SecretSealer(OTHER_KEY).open(sealed)
    assert old.open(secret) == secret  # stored before secrets were sealed


def test_production_needs_its_own_sealing_key_and_a_malformed_one_stops_the_start() -> None:
    production = {"environment": "production", "jwt_signing_key": secrets.token_urlsafe(48)}
    with pytest.raises(ValueError, match="PHOIHOP_WEBHOOK_SECRET_KEYS"):
        NotifierSettings(**production)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="Fernet key"):
        NotifierSettings(webhook_secret_keys="not-a-key")
    own = {"follower_master_keys": base64.b64encode(secrets.token_bytes(32)).decode(),
           "follower_hash_key": base64.b64encode(secrets.token_bytes(32)).decode()}
    with pytest.raises(ValueError, match="PHOIHOP_FOLLOWER_MASTER_KEYS"):
        NotifierSettings(**production, webhook_secret_keys=OTHER_KEY)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="PHOIHOP_FOLLOWER_HASH_KEY"):
        NotifierSettings(**production, webhook_secret_keys=OTHER_KEY,  # type: ignore[arg-type]
                         follower_master_keys=own["follower_master_keys"])
    with pytest.raises(ValueError, match="follower master key"):
        NotifierSettings(follower_master_keys="c2hvcnQ=")
    with pytest.raises(ValueError, match="PHOIHOP_PORTAL_URL"):  # the links' loopback default
        NotifierSettings(**production, webhook_secret_keys=OTHER_KEY,  # type: ignore[arg-type]
                         **own)
    assert NotifierSettings(**production, webhook_secret_keys=OTHER_KEY,  # type: ignore[arg-type]
                            portal_url="https://phoihop.tien-giang.gov.vn", **own)


@pytest.fixture
def app() -> Iterator[Notifier]:
    notifier = Notifier({"PERSISTENCE_MODULE": "eventsourcing.popo"},
                        clock=ManualClock(FORWARDED_AT))
    yield notifier
    notifier.close()


async def test_a_plain_secret_stored_by_older_code_still_signs(
    app: Notifier, receiver: WebhookReceiver,
) -> None:
    plain = new_secret()
    app.save(Subscription.register(  # the Registered event as older code wrote it
        url=receiver.url, event_types=["*"], secret=plain, audience="agency",
        owner_agency="ubnd", owner_unit=None, owner_subject="ubnd/t", description=None,
        seal=lambda secret: secret,
    ))
    event = forwarded()
    _, _, body = encode_cloudevent(event, jurisdiction="tien-giang", sequence=1,
                                   subject=str(event.petition_id), time=FORWARDED_AT)
    app.apply_received(decode_cloudevent(body), "urn:phoihop:tien-giang:petitions#petitions")
    (due,), _ = app.read_model.due_deliveries(FORWARDED_AT)
    channel = WebhookChannel(app.sealer, EgressGuard(allow_internal=True))
    try:
        assert (await channel.send(due)).ok
    finally:
        await channel.close()
    (call,) = receiver.snapshot()
    verify_webhook(plain, call.headers, call.body)


@pytest.fixture
def service_log() -> Iterator[io.StringIO]:
    """The logging every service configures at start (chassis.runtime), its lines written
    to a buffer instead of standard error; undone after."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    configure_logging("notifier")
    written = io.StringIO()
    (handler,) = root.handlers
    assert isinstance(handler, logging.StreamHandler)
    handler.setStream(written)
    yield written
    root.handlers[:] = handlers
    root.setLevel(level)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_no_password_reaches_the_log_when_delivering_to_a_url_with_credentials(
    receiver: WebhookReceiver, service_log: io.StringIO,
) -> None:
    password, token = "m4t-khau-rat-bi-mat", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0In0.c2ln"
    with_credentials = receiver.url.replace("http://", f"http://hook-user:{password}@")
    unreachable = f"http://hook-user:{password}@127.0.0.1:{closed_port()}/hooks"
    sealer = SecretSealer(DEVELOPMENT_WEBHOOK_SECRET_KEY)
    channel = WebhookChannel(sealer, EgressGuard(allow_internal=True))
    delivery = job()
    try:
        for target in (with_credentials, unreachable):
            await channel.send(type(delivery)(**{**delivery.__dict__, "target": target,
                                                 "secret": sealer.seal(delivery.secret or "")}))
    finally:
        await channel.close()
    logging.getLogger("notifier.test").error(
        "calling with Authorization: Bearer %s and secret %s", token, delivery.secret)
    try:
        raise RuntimeError(f"could not open postgresql://notifier:{password}@db:5432/notifier")
    except RuntimeError:
        logging.getLogger("notifier.test").exception("store trouble")
    written = service_log.getvalue()
    assert "hook-user:***@127.0.0.1" in written  # httpx's request line and the failure
    assert "HTTP Request: POST" in written and "no HTTP answer" not in written
    assert "notifier:***@db" in written
    for leaked in (password, token, delivery.secret or "whsec_"):
        assert leaked not in written, f"{leaked} is in the log"


def test_redaction_keeps_what_is_not_a_credential() -> None:
    text = "POST https://hethong.tiengiang.gov.vn:8443/hooks?x=1 answered 500 at 10:30"
    assert redact(text) == text
    assert redact("nats://notifier:pw@nats:4222") == "nats://notifier:***@nats:4222"
    assert redact('{"password": "abc", "secret":"whsec_QUJD"}') == (
        '{"password": "***", "secret":"***"}')
