"""Webhooks end to end in one process: a real NATS, the notifier's real consumers and
workers, a real HTTP receiver. CloudEvents are published on the petitions stream as the
petitions relay publishes them."""

from __future__ import annotations

import base64
from itertools import pairwise
from typing import Any

import httpx
import pytest
from notifier_servers import StartNotifier, WebhookReceiver
from notifier_support import Upstream, bearer, forwarded, verify_webhook, wait_until

from contracts.vocabulary import Agency
from notifier.settings import NotifierSettings

pytestmark = [pytest.mark.integration]
FORWARDED = "vn.phoihop.petitions.PetitionForwarded.v1"


def subscribe(http: httpx.Client, headers: dict[str, str], url: str, **extra: Any
              ) -> dict[str, Any]:
    response = http.post("/subscriptions", headers=headers,
                         json={"url": url, "event_types": ["vn.phoihop.petitions.*"], **extra})
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def test_a_forwarded_petition_is_a_signed_webhook_within_a_second_and_in_the_agency_inbox(
    start_notifier: StartNotifier, settings: NotifierSettings, upstream: Upstream,
    receiver: WebhookReceiver,
) -> None:
    server = start_notifier()
    ubnd, unit = bearer(settings, Agency.UBND), bearer(settings, Agency.UBND, unit="SỞ XÂY DỰNG")
    with server.client() as http:
        secret = subscribe(http, ubnd, receiver.url)["secret"]
        event = forwarded()
        published_at = upstream.publish((event, str(event.petition_id)))

        call = wait_until(receiver.snapshot, within=5, what="a webhook call")[0]
        latency = call.at - published_at
        print(f"webhook call {latency * 1000:.0f} ms after the publish was acknowledged")
        assert latency < 1.0, f"took {latency:.3f}s"
        payload = verify_webhook(secret, call.headers, call.body)
        assert payload["type"] == FORWARDED
        assert payload["data"]["event"]["data"]["petition_id"] == str(event.petition_id)
        assert "Ủy ban nhân dân" in payload["data"]["notification"]["title"]["vi"]
        assert call.headers["webhook-id"].startswith("msg_")

        inbox = wait_until(lambda: http.get("/inbox", headers=unit).json(), what="inbox")
        assert [(n["type"], n["subject_id"]) for n in inbox] == [
            (FORWARDED, str(event.petition_id))]
        assert inbox[0]["recipient"] == "agency:ubnd/Sở Xây dựng"
        assert http.get("/inbox", headers=bearer(settings, Agency.MTTQ)).json() == []
        other_unit = bearer(settings, Agency.UBND, unit="Sở Y tế")
        assert http.get("/inbox", headers=other_unit).json() == []

        delivery = wait_until(lambda: http.get("/deliveries?status=delivered",
                                               headers=ubnd).json(), what="delivered")[0]
        assert delivery["message_id"] == call.headers["webhook-id"]
        assert [a["outcome"] for a in delivery["attempts"]] == ["succeeded"]


def test_a_receiver_failing_three_times_gets_one_success_and_four_attempts_are_recorded(
    start_notifier: StartNotifier, settings: NotifierSettings, upstream: Upstream,
    receiver: WebhookReceiver,
) -> None:
    receiver.failures_per_id = 3
    server = start_notifier()
    ubnd = bearer(settings, Agency.UBND)
    with server.client() as http:
        secret = subscribe(http, ubnd, receiver.url)["secret"]
        event = forwarded()
        upstream.publish((event, str(event.petition_id)))

        delivered = wait_until(lambda: http.get("/deliveries?status=delivered",
                                                headers=ubnd).json(), what="a delivery")
        calls = receiver.snapshot()
    assert [c.status for c in calls] == [500, 500, 500, 200]
    assert len({c.headers["webhook-id"] for c in calls}) == 1
    assert len({c.body for c in calls}) == 1  # the same bytes, re-signed per attempt
    for call in calls:
        verify_webhook(secret, call.headers, call.body)
    assert receiver.delivered_ids() == [calls[0].headers["webhook-id"]]
    (delivery,) = delivered
    assert delivery["attempt_count"] == 4
    assert [(a["number"], a["outcome"], a["status_code"]) for a in delivery["attempts"]] == [
        (1, "failed", 500), (2, "failed", 500), (3, "failed", 500), (4, "succeeded", 200)]
    gaps = [b.at - a.at for a, b in pairwise(calls)]
    assert all(gap >= 0.02 for gap in gaps), gaps  # backoff waited between attempts


def test_a_delivery_that_keeps_failing_is_parked_and_an_operator_retries_it_over_http(
    start_notifier: StartNotifier, settings: NotifierSettings, upstream: Upstream,
    receiver: WebhookReceiver,
) -> None:
    receiver.failures_per_id = 2
    server = start_notifier(delivery_max_attempts=2)
    ubnd, admin = bearer(settings, Agency.UBND), bearer(settings, Agency.HDND, role="admin")
    with server.client() as http:
        subscribe(http, ubnd, receiver.url)
        event = forwarded()
        upstream.publish((event, str(event.petition_id)))
        (dead,) = wait_until(lambda: http.get("/deliveries?status=dead", headers=admin).json(),
                             what="a parked delivery")
        assert dead["attempt_count"] == 2 and dead["next_attempt_at"] is None
        assert "parked" in dead["note"]
        refused = http.post(f"/deliveries/{dead['id']}/retry",
                            headers=bearer(settings, Agency.MTTQ))
        assert refused.status_code == 403

        retried = http.post(f"/deliveries/{dead['id']}/retry", headers=admin)
        assert retried.status_code == 200, retried.text
        assert retried.json()["status"] == "pending"

        def delivered() -> dict[str, Any] | None:
            found: dict[str, Any] = http.get(f"/deliveries/{dead['id']}", headers=ubnd).json()
            return found if found["status"] == "delivered" else None

        done = wait_until(delivered, what="the retried delivery")
        again = http.post(f"/deliveries/{dead['id']}/retry", headers=admin)
        history = http.get(f"/deliveries/{dead['id']}/history", headers=admin).json()
    assert [a["outcome"] for a in done["attempts"]] == ["failed", "failed", "succeeded"]
    assert again.status_code == 409  # only a dead delivery can be requeued
    assert [e["type"] for e in history["events"]] == [
        "Scheduled", "AttemptFailed", "AttemptFailed", "Requeued", "Succeeded"]


def test_subscriptions_are_checked_kept_secret_and_cancellable(
    start_notifier: StartNotifier, settings: NotifierSettings, upstream: Upstream,
    receiver: WebhookReceiver,
) -> None:
    server = start_notifier()
    ubnd, mttq = bearer(settings, Agency.UBND), bearer(settings, Agency.MTTQ)
    with server.client() as http:
        body = {"url": receiver.url, "event_types": ["*"]}
        assert http.post("/subscriptions", json=body).status_code == 401
        bad_secret = http.post("/subscriptions", headers=ubnd, json={**body, "secret": "abc"})
        assert bad_secret.status_code == 422
        assert bad_secret.headers["content-type"] == "application/problem+json"
        ftp = http.post("/subscriptions", headers=ubnd, json={**body, "url": "ftp://x.vn/h"})
        assert ftp.status_code == 422
        everything = http.post("/subscriptions", headers=ubnd, json={**body, "audience": "all"})
        assert everything.status_code == 403

        keyed = {**ubnd, "Idempotency-Key": "dang-ky-1"}
        mine = subscribe(http, keyed, receiver.url, secret="whsec_" + "QUJD" * 8)
        repeat = http.post("/subscriptions", headers=keyed, json={
            "url": receiver.url, "event_types": ["vn.phoihop.petitions.*"],
            "secret": "whsec_" + "QUJD" * 8})
        assert repeat.json()["id"] == mine["id"]
        assert repeat.headers["idempotent-replayed"] == "true"
        listed = http.get("/subscriptions", headers=ubnd).json()
        assert [s["id"] for s in listed] == [mine["id"]]
        assert all("secret" not in s for s in listed)
        assert http.get("/subscriptions", headers=mttq).json() == []
        assert http.delete(f"/subscriptions/{mine['id']}", headers=mttq).status_code == 403
        cancelled = http.delete(f"/subscriptions/{mine['id']}", headers=ubnd)
        assert cancelled.json()["active"] is False

        event = forwarded()
        upstream.publish((event, str(event.petition_id)))
        wait_until(lambda: http.get("/inbox", headers=ubnd).json(), what="the inbox entry")
        assert http.get("/deliveries", headers=ubnd).json() == []
    assert receiver.snapshot() == []


def stored_bytes(settings: NotifierSettings) -> bytes:
    """Every byte the notifier keeps on disk: its SQLite files (journal and WAL too)."""
    return b"".join(path.read_bytes() for path in sorted(settings.data_dir.rglob("*"))
                    if path.is_file())


def test_secrets_are_sealed_in_the_store_and_never_kept_in_an_idempotency_record(
    start_notifier: StartNotifier, settings: NotifierSettings, upstream: Upstream,
    receiver: WebhookReceiver,
) -> None:
    server = start_notifier()
    keyed = {**bearer(settings, Agency.UBND), "Idempotency-Key": "dang-ky-bi-mat"}
    given = "whsec_" + base64.b64encode(b"a secret of thirty-two bytes!!!!").decode()
    with server.client() as http:
        generated = subscribe(http, bearer(settings, Agency.UBND), receiver.url)["secret"]
        body = {"url": receiver.url, "event_types": ["vn.phoihop.petitions.*"], "secret": given}
        first = http.post("/subscriptions", headers=keyed, json=body)
        replay = http.post("/subscriptions", headers=keyed, json=body)
        assert first.status_code == replay.status_code == 201
        assert replay.headers["idempotent-replayed"] == "true"
        # A caller who lost the first answer still learns its secret: read back, unsealed.
        assert first.json()["secret"] == replay.json()["secret"] == given

        event = forwarded()
        upstream.publish((event, str(event.petition_id)))
        calls = wait_until(lambda: len(receiver.snapshot()) == 2 and receiver.snapshot(),
                           what="two webhook calls")
    # Each subscription's call is signed with its secret, opened from the store.
    assert sorted([s for s in (given, generated) if _signed_by(s, call)] for call in calls
                  ) == sorted([[given], [generated]])
    kept = stored_bytes(settings)
    for secret in (given, generated):
        for form in (secret, secret.removeprefix("whsec_")):
            assert form.encode() not in kept, "a webhook secret is stored in the clear"
        assert base64.b64decode(secret.removeprefix("whsec_")) not in kept
    assert b"fernet:" in kept  # they are there, sealed


def _signed_by(secret: str, call: Any) -> bool:
    try:
        verify_webhook(secret, call.headers, call.body)
    except ValueError:
        return False
    return True
