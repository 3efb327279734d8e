"""The confidentiality test of the letters service (issue 17, done when).

Two planted denouncers, one written with Vietnamese diacritics and one without, are recorded
through the running service; their letters go through their whole life (accepted or
forwarded, the denouncer notified, an extension, a decision), published by the relay on a
real NATS JetStream, and the notifier (its own process) fills the handling bodies' inboxes
and calls a subscribed system with signed webhooks; refused reveals answer 403; the
entitled leader reveals once; then one identity is erased (crypto-shredding) and can be
revealed no more. Everything is stopped. Then every artefact is searched: every file the
services and NATS wrote (the letters store, the vault's store, the notifier's store, the
NATS data directory, every log), every HTTP response given to a role without the reveal
right (the letters API, the notifier's inboxes, records and Atom feed) and every webhook
body. Each identity field is looked for as UTF-8 in NFC and NFD, without its accents,
case-folded, JSON-escaped and in UTF-16, and a phone also without its spaces. It is found
nowhere: the vault holds it only as ciphertext.
"""

from __future__ import annotations

import base64
import json
import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from chassis.messaging.embedded_nats import EmbeddedNats
from contracts.vocabulary import Agency
from tests.e2e.journey import bearer, post
from tests.e2e.planted import artefacts as files_under
from tests.e2e.planted import leaks as leaks_under
from tests.e2e.planted import needles as forms_of
from tests.e2e.stream_reader import read_all_sync
from tests.e2e.test_notifier_journey import Receiver, eventually

pytestmark = [pytest.mark.e2e, pytest.mark.integration]



def signature_png(marker: str) -> bytes:
    """A one-pixel PNG whose bytes carry ``marker`` (a tEXt chunk): a scan to search for."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"tEXt", b"Comment\x00" + marker.encode("ascii"))
            + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))


SIGNATURE = signature_png("chu-ky-5527-nghiem-tram")
WITH_DIACRITICS = {"name": "Nghiêm Thị Huyền Trâm", "identity_number": "079186012345",
                   "address": "Số 17 hẻm 4, ấp Bình Đức, xã Mỹ Phong",
                   "phone": "0987 654 321", "email": "tram.nghiem.tocao@example.vn",
                   "signature_image": base64.b64encode(SIGNATURE).decode("ascii")}
WITHOUT_DIACRITICS = {"name": "Quach Van Thuong Khiem", "identity_number": "080297054321",
                      "address": "So 9 ap Tan Thuan Dong, xa Tan Phu",
                      "phone": "+84 903 112 358", "email": "qvthuongkhiem@example.net",
                      "signature_image": None}


def needles(identity: dict[str, str | None]) -> set[bytes]:
    found = forms_of(value for value in identity.values() if value)
    if identity.get("signature_image"):  # and the scan itself, and what it says
        found |= {SIGNATURE, b"chu-ky-5527-nghiem-tram"}
    return found


def letter(kind: str, summary: str, received_on: str, denouncer: dict[str, str | None] | None,
           **extra: Any) -> dict[str, Any]:
    return {"kind": kind, "channel": "reception", "received_on": received_on,
            "summary": summary, "denouncer": denouncer, **extra}


def test_a_denouncers_identity_is_found_nowhere_but_encrypted_in_the_vault(
        tmp_path: Path, jurisdiction: str, start_service: Callable[..., Any]) -> None:
    nats = EmbeddedNats(tmp_path / "nats", log_file=tmp_path / "nats.log").start()
    data_dir = tmp_path / "letters"
    service = start_service("letters", nats.url, jurisdiction, data_dir=data_dir)
    notifier = start_service("notifier", nats.url, jurisdiction, data_dir=tmp_path / "notifier")
    receiver = Receiver()  # another system subscribed to UBND's webhooks
    ubnd, hdnd = bearer(jurisdiction, Agency.UBND), bearer(jurisdiction, Agency.HDND)
    ubnd_leader = bearer(jurisdiction, Agency.UBND, role="leader")
    hdnd_leader = bearer(jurisdiction, Agency.HDND, role="leader")
    others = [ubnd, hdnd, bearer(jurisdiction, Agency.MTTQ, role="leader"),
              bearer(jurisdiction, Agency.DBQH), bearer(jurisdiction, Agency.UBND, role="admin")]
    responses: list[str] = []  # every answer to a role without the reveal right
    secret = httpx.post(f"{notifier.url}/subscriptions", headers=ubnd, timeout=10, json={
        "url": receiver.url, "event_types": ["vn.phoihop.*"]}).json()["secret"]
    with httpx.Client(base_url=service.url, timeout=10) as client:
        first = post(client, "/letters", ubnd, letter(
            "denunciation", "Tố cáo cán bộ địa chính nhận tiền khi cấp giấy chứng nhận",
            "2026-11-02", WITH_DIACRITICS, several_places=True))["id"]
        for step, body in (("accept", {"accepted_on": "2026-11-05"}),
                           ("denouncer-notified", {"notified_on": "2026-11-09"}),
                           ("extend", {"reason": "Cần xác minh thêm"}),
                           ("decide", {"outcome": "Kết luận: tố cáo đúng một phần"})):
            responses.append(json.dumps(post(client, f"/letters/{first}/{step}", ubnd, body)))
        second = post(client, "/letters", ubnd, letter(
            "denunciation", "To cao vi pham trong dau thau goi xay dung truong hoc",
            "2026-11-16", WITHOUT_DIACRITICS))["id"]
        post(client, f"/letters/{second}/forward", ubnd,
             {"to": "hdnd", "reason": "Thuộc thẩm quyền Thường trực HĐND"})
        post(client, f"/letters/{second}/accept", hdnd, {})
        post(client, "/letters", ubnd, letter("denunciation", "Tố cáo nặc danh về lấn chiếm",
                                              "2026-11-20", None))
        # The leader of the body holding each letter may reveal; the other leader may not.
        for lid, unentitled in ((first, [*others, hdnd_leader]),
                                (second, [*others, ubnd_leader])):
            for headers in unentitled:
                refused = client.post(f"/letters/{lid}/denouncer/reveal",
                                      json={"why": "Kiểm tra"}, headers=headers)
                assert refused.status_code == 403, refused.text
                responses.append(refused.text)
        shown = client.post(f"/letters/{first}/denouncer/reveal", json={"why": "Xác minh"},
                            headers=ubnd_leader)
        assert shown.json() == WITH_DIACRITICS  # the one answer allowed to carry it
        assert any(n in shown.content for n in needles(WITH_DIACRITICS))  # the search finds
        assert client.post(f"/letters/{first}/denouncer/erase", json={"why": "Hết hạn lưu"},
                           headers=ubnd_leader).status_code == 204
        after = client.post(f"/letters/{first}/denouncer/reveal", json={"why": "Xem lại"},
                            headers=ubnd_leader)
        assert after.status_code == 409
        responses.append(after.text)
        for headers in [*others, ubnd_leader, hdnd_leader]:  # reads never carry it
            for path in ("/letters", f"/letters/{first}", f"/letters/{second}",
                         f"/letters/{first}/history", f"/letters/{second}/history",
                         "/openapi.json", "/metrics", "/readyz"):
                responses.append(client.get(path, headers=headers).text)
        published = sum(len(client.get(f"/letters/{lid}/history", headers=ubnd).json()
                            ["events"]) for lid in (first, second)) + 1  # + the anonymous
    delivered = read_all_sync(nats.url, f"phoihop.{jurisdiction}.letters.>",
                              expected=published)
    assert len(delivered) == published
    with httpx.Client(base_url=notifier.url, timeout=10) as http:
        webhooks = eventually(lambda: len(p := receiver.verified(secret)) >= 3 and p,
                              what="the letters' webhooks")  # three received by UBND
        inbox = eventually(lambda: [n for n in http.get("/inbox", headers=hdnd).json()
                                    if n["rule_id"] == "letter.forwarded"], what="the inbox")
        for headers in (ubnd, hdnd, ubnd_leader, hdnd_leader):
            responses += [http.get("/inbox", headers=headers).text,
                          http.get("/notifications", headers=headers).text]
        responses.append(http.get("/feed.atom").text)
    responses += [json.dumps(webhooks, ensure_ascii=False), json.dumps(inbox)]
    responses += [body.decode("utf-8") for _, body in receiver.calls]
    receiver.server.shutdown()
    notifier.stop()
    service.stop()
    nats.stop()

    vault_file = data_dir / "lettersvault.db"
    assert vault_file.exists() and (data_dir / "letters.db").exists()
    artefacts = files_under(tmp_path)
    assert any(p.is_relative_to(tmp_path / "nats" / "jetstream") for p in artefacts)
    assert (data_dir / "letters.log").stat().st_size > 0
    assert (tmp_path / "notifier" / "notifier.db").exists()
    # The search does find what the service stores in clear: the letters' summaries.
    stored = b"".join(p.read_bytes() for p in artefacts if p.is_relative_to(data_dir))
    assert "Tố cáo cán bộ địa chính".encode() in stored
    planted = needles(WITH_DIACRITICS) | needles(WITHOUT_DIACRITICS)
    assert leaks_under(tmp_path, planted, responses) == []
