"""Followers' addresses are found nowhere but sealed (issue 20, done when).

Two voters follow a petition against the running services (petitions and the notifier as
their own processes, a real NATS JetStream, a real SMTP server): one from the portal's
form, one offered the follow by the clerk at the meeting (consent recorded); both confirm
by the link in their e-mail. The petition is merged with a duplicate, classified,
forwarded, answered and its answer published: both are told, by e-mail, with the answer.
One then erases their address. Everything is stopped, and every artefact is searched:
the stores (their plain columns and every byte), the NATS data directory (the bus), every
log, and the answers the notifier gave staff (notifications, deliveries, inboxes, feed,
metrics). Neither address is found: only the SMTP server, which is the point, has them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from chassis.messaging.embedded_nats import EmbeddedNats
from contracts.vocabulary import Agency
from tests.e2e.journey import bearer, post
from tests.e2e.mailbox import CONFIRM, UNSUBSCRIBE, Mailbox
from tests.e2e.planted import artefacts, leaks, needles

pytestmark = [pytest.mark.e2e, pytest.mark.integration]
FROM_PORTAL = "nguyen.thi.hoa.tanphu@example.vn"
OFFERED_BY_CLERK = "Le.Van.Tam+kiennghi@example.net"


def eventually(check: Callable[[], Any], what: str, within: float = 20.0) -> Any:
    deadline = time.monotonic() + within
    while not (result := check()):
        assert time.monotonic() < deadline, f"{what} did not happen within {within}s"
        time.sleep(0.1)
    return result


def test_a_followers_address_is_found_nowhere_but_sealed(
        tmp_path: Path, jurisdiction: str, start_service: Callable[..., Any]) -> None:
    mailbox = Mailbox().start()
    nats = EmbeddedNats(tmp_path / "nats", log_file=tmp_path / "nats.log").start()
    petitions = start_service("petitions", nats.url, jurisdiction, data_dir=tmp_path / "petitions")
    notifier = start_service("notifier", nats.url, jurisdiction, data_dir=tmp_path / "notifier",
                             environment={**mailbox.settings,
                                          "PHOIHOP_DELIVERY_POLL_SECONDS": "0.2"})
    mttq, hdnd = bearer(jurisdiction, Agency.MTTQ), bearer(jurisdiction, Agency.HDND)
    ubnd, admin = bearer(jurisdiction, Agency.UBND), bearer(jurisdiction, Agency.HDND,
                                                           role="admin")
    responses: list[str] = []
    with httpx.Client(base_url=petitions.url, timeout=10) as client, \
            httpx.Client(base_url=notifier.url, timeout=10) as http:
        first = post(client, "/petitions", mttq, {
            "text": "Đề nghị sửa chữa đường tỉnh 864 đoạn qua xã Tân Phú bị xuống cấp",
            "channel": "mail", "commune": "Tân Phú"})["petition"]["id"]
        second = post(client, "/petitions", mttq, {
            "text": "Cử tri phản ánh đường tỉnh 864 qua xã Phú Mỹ hư hỏng, đề nghị sửa chữa",
            "channel": "mail", "commune": "Phú Mỹ"})["petition"]["id"]
        asked = http.post("/follows", json={"email": FROM_PORTAL, "kind": "petition",
                                             "item_id": first})
        offered = http.post("/follows/offered", headers=mttq, json={
            "email": OFFERED_BY_CLERK, "kind": "petition", "item_id": second})
        assert asked.status_code == offered.status_code == 202, (asked.text, offered.text)
        responses += [asked.text, offered.text]
        followers = {}
        for address in (FROM_PORTAL, OFFERED_BY_CLERK):
            text = eventually(lambda a=address: mailbox.to(a), "the confirmation")[0]
            follow_id, token = CONFIRM.search(text.get_content()).groups()  # type: ignore[union-attr]
            confirmed = http.post(f"/follows/{follow_id}/confirm", json={"token": token})
            assert confirmed.status_code == 200, confirmed.text
            responses.append(confirmed.text)
            followers[address] = UNSUBSCRIBE.search(text.get_content()).groups()  # type: ignore[union-attr]

        merged = post(client, "/petitions/consolidate", hdnd, {
            "petition_ids": [first, second],
            "text": "Đề nghị sửa chữa đường tỉnh 864 đoạn qua xã Tân Phú, Phú Mỹ"})["id"]
        post(client, f"/petitions/{merged}/classify", hdnd,
             {"field": "transport", "level": "province", "agency": "ubnd"})
        post(client, f"/petitions/{merged}/forward", hdnd, {})
        post(client, f"/petitions/{merged}/answer", ubnd,
             {"text": "Sở Xây dựng đã bố trí vốn sửa chữa trong quý IV."})
        post(client, f"/petitions/{merged}/publish-answer", mttq, {})
        for address in (FROM_PORTAL, OFFERED_BY_CLERK):
            published = eventually(lambda a=address: [
                m for m in mailbox.to(a) if "đã được công bố" in str(m["Subject"])],
                f"the published answer to {address}")
            assert "Sở Xây dựng đã bố trí vốn" in published[0].get_content()
            merged_notices = [m for m in mailbox.to(address) if "gộp" in str(m["Subject"])]
            assert len(merged_notices) == 1
        follower_id, token = followers[FROM_PORTAL]
        responses.append(http.get(f"/followers/{follower_id}", params={"token": token}).text)
        assert http.post(f"/followers/{follower_id}/erase",
                         json={"token": token}).status_code == 204
        for path in ("/notifications?limit=500", "/deliveries?limit=500", "/inbox",
                     "/reminders", "/contacts", "/metrics", "/openapi.json"):
            for headers in (admin, mttq, ubnd, hdnd):
                responses.append(http.get(path, headers=headers).text)
        responses.append(http.get("/feed.atom").text)
        deliveries = http.get("/deliveries?channel=email&limit=500", headers=admin).json()
        assert {d["target"] for d in deliveries} == {f"follower:{f}" for f, _ in
                                                     followers.values()}
    notifier.stop()
    petitions.stop()
    nats.stop()
    mailbox.stop()

    written = artefacts(tmp_path)
    assert any(p.is_relative_to(tmp_path / "nats" / "jetstream") for p in written)
    assert (tmp_path / "notifier" / "notifier.db").exists()
    assert (tmp_path / "notifier" / "notifier.log").stat().st_size > 0
    planted = needles([FROM_PORTAL, OFFERED_BY_CLERK])
    # The search finds an address where it is: in the mail the SMTP server received.
    assert any(n in mailbox.messages[0].as_bytes() for n in planted)
    assert leaks(tmp_path, planted, responses) == []
