"""The letters API: a letter's life over HTTP, the reveal route, and every bad input a
careless clerk or an attacker sends answered by a 4xx problem document, nothing stored."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from fastapi.testclient import TestClient

from chassis.web.auth import issue_token
from contracts.vocabulary import Agency
from letters.application import Letters
from letters.settings import LettersSettings

DENOUNCER = {"name": "Trịnh Thị Quỳnh Hương", "identity_number": "082199004417",
             "address": "Ấp Mỹ Lợi B, xã Thạnh Phú", "phone": "0912 358 714",
             "email": "huongttq@example.vn",
             # a one-pixel PNG: the signature's scan, sealed with the rest
             "signature_image": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4"
                                "nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg=="}
SUMMARY = "Tố cáo cán bộ địa chính xã Thạnh Phú nhận tiền khi cấp giấy chứng nhận"


def headers(settings: LettersSettings, agency: Agency = Agency.UBND, role: str = "staff",
            **extra: str) -> dict[str, str]:
    token = issue_token(settings, agency=agency, role=role)
    return {"Authorization": f"Bearer {token}", "Accept-Language": "vi", **extra}


def denunciation(**changes: Any) -> dict[str, Any]:
    return {"kind": "denunciation", "channel": "reception", "received_on": "2026-11-02",
            "summary": SUMMARY, "denouncer": DENOUNCER, **changes}


def test_a_denunciation_through_its_life(client: TestClient,
                                         settings: LettersSettings) -> None:
    staff = headers(settings)
    made = client.post("/letters", json=denunciation(), headers=staff)
    assert made.status_code == 201, made.text
    letter = made.json()
    assert letter["denouncer_in_vault"] is True and letter["sender_name"] is None
    assert letter["handling_due"]["rule_id"] == "denunciation.initial_handling"
    lid = letter["id"]
    steps = [("accept", {"accepted_on": "2026-11-04"}),
             ("denouncer-notified", {"notified_on": "2026-11-06"}),
             ("extend", {"reason": "Phức tạp", "extended_on": "2026-12-01"}),
             ("decide", {"outcome": "Tố cáo đúng", "decided_on": "2026-12-20"})]
    for step, body in steps:
        answer = client.post(f"/letters/{lid}/{step}", json=body, headers=staff)
        assert answer.status_code == 200, (step, answer.text)
    done = client.get(f"/letters/{lid}", headers=staff).json()
    assert (done["status"], done["extensions"], done["resolve_due"]["due_on"]) == (
        "decided", 1, "2027-01-03")
    history = client.get(f"/letters/{lid}/history", headers=staff).json()
    assert [e["type"] for e in history["events"]] == [
        "Received", "Accepted", "DenouncerNotified", "Extended", "Decided"]
    assert "identity_ref" not in history["events"][0]["fields"]
    listed = client.get("/letters", params={"kind": "denunciation"}, headers=staff).json()
    assert listed["count"] == 1
    before = client.get(f"/letters/{lid}", params={"as_of": "2026-12-31T00:00:00+07:00"},
                        headers=staff)
    assert before.status_code == 404


def test_reveal_is_for_the_handling_leader_and_refusals_are_recorded(
        client: TestClient, settings: LettersSettings, letters: Letters) -> None:
    lid = client.post("/letters", json=denunciation(), headers=headers(settings)).json()["id"]
    for agency, role in ((Agency.UBND, "staff"), (Agency.HDND, "leader")):
        refused = client.post(f"/letters/{lid}/denouncer/reveal", json={"why": "Xem"},
                              headers=headers(settings, agency, role))
        assert refused.status_code == 403
        assert refused.headers["content-type"] == "application/problem+json"
        assert DENOUNCER["name"] not in refused.text
    shown = client.post(f"/letters/{lid}/denouncer/reveal", json={"why": "Xác minh"},
                        headers=headers(settings, role="leader"))
    assert shown.status_code == 200 and shown.json() == DENOUNCER
    assert shown.headers["cache-control"] == "no-store"
    from uuid import UUID
    ref = UUID(letters.load_letter(UUID(lid)).identity_ref or "")
    assert [type(e).__name__ for e in letters.vault.history(ref)] == [
        "Deposited", "RevealRefused", "RevealRefused", "RevealGranted"]
    erased = client.post(f"/letters/{lid}/denouncer/erase", json={"why": "Hết hạn lưu"},
                         headers=headers(settings, role="leader"))
    assert erased.status_code == 204
    gone = client.post(f"/letters/{lid}/denouncer/reveal", json={"why": "Xem lại"},
                       headers=headers(settings, role="leader"))
    assert gone.status_code == 409 and DENOUNCER["name"] not in gone.text


def test_reads_need_a_token(client: TestClient) -> None:
    for path in ("/letters", "/letters/00000000-0000-4000-8000-000000000000",
                 "/letters/00000000-0000-4000-8000-000000000000/history"):
        assert client.get(path).status_code == 401


def test_an_anonymous_denunciation_is_filed_and_a_repeat_is_flagged(
        client: TestClient, settings: LettersSettings) -> None:
    staff = headers(settings)
    anonymous = client.post("/letters", json=denunciation(denouncer=None), headers=staff).json()
    assert (anonymous["treated_as"], anonymous["status"], anonymous["anonymous"]) == (
        "information", "filed", True)
    refused = client.post(f"/letters/{anonymous['id']}/accept", json={}, headers=staff)
    assert refused.status_code == 409
    again = client.post("/letters", json=denunciation(), headers=staff).json()
    assert [r["letter_id"] for r in again["repeats"]] == [anonymous["id"]]


def test_a_keyed_repeat_records_one_letter(client: TestClient,
                                           settings: LettersSettings) -> None:
    keyed = headers(settings, **{"Idempotency-Key": "letter-2026-11-02-001"})
    first = client.post("/letters", json=denunciation(), headers=keyed)
    second = client.post("/letters", json=denunciation(), headers=keyed)
    assert first.json()["id"] == second.json()["id"]
    assert client.get("/letters", headers=headers(settings)).json()["count"] == 1
    other = client.post("/letters", json=denunciation(summary="Tố cáo khác"), headers=keyed)
    assert other.status_code == 422  # the key reused for another letter


def test_the_fingerprint_of_a_keyed_letter_holds_nothing_of_the_identity(
        client: TestClient, settings: LettersSettings) -> None:
    from chassis.web.idempotency import IdempotentRequest
    from letters.entrypoints.requests import LetterCreate

    key = "letter-2026-11-02-002"
    assert client.post("/letters", json=denunciation(),
                       headers=headers(settings, **{"Idempotency-Key": key})).status_code == 201
    stored = b"".join(p.read_bytes() for p in settings.data_dir.rglob("letters.db*"))

    def fingerprint(body: dict[str, Any]) -> bytes:
        dumped = LetterCreate.model_validate(body).model_dump(mode="json")
        return IdempotentRequest.of(scope="ubnd:ubnd-staff", key=key, method="POST",
                                    path="/letters", body=dumped).fingerprint.encode()

    assert fingerprint(denunciation(denouncer=None)) in stored  # what is kept
    assert fingerprint(denunciation()) not in stored  # nothing to try names against


BAD_BODIES: list[tuple[str, Any, int]] = [
    ("unknown field", denunciation(urgent=True), 422),
    ("unknown field in the identity", denunciation(denouncer={**DENOUNCER, "x": 1}), 422),
    ("identity number with letters", denunciation(
        denouncer={**DENOUNCER, "identity_number": "08219900441A"}), 422),
    ("phone that is text", denunciation(denouncer={**DENOUNCER, "phone": "gọi tôi"}), 422),
    ("e-mail without @", denunciation(denouncer={**DENOUNCER, "email": "huong"}), 422),
    ("empty name", denunciation(denouncer={**DENOUNCER, "name": ""}), 422),
    ("a signature that is not base64",
     denunciation(denouncer={**DENOUNCER, "signature_image": "chữ ký"}), 422),
    ("a signature that is no image", denunciation(denouncer={
        **DENOUNCER, "signature_image": "PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+"}), 422),
    ("a signature over the body's limit (64 KB here)", denunciation(denouncer={
        **DENOUNCER, "signature_image": "iVBORw0KGgo" + "A" * 210_000}), 413),
    ("control character", denunciation(summary="Tố cáo\u0000 cán bộ"), 422),
    ("summary too long", denunciation(summary="x" * 20_001), 422),
    ("unknown kind", denunciation(kind="khieu_nai"), 422),
    ("information is not a kind to file", denunciation(kind="information"), 422),
    ("unknown channel", denunciation(channel="fax"), 422),
    ("not a date", denunciation(received_on="02/11/2026"), 422),
    ("received in the future", denunciation(received_on="2030-01-01"), 422),
    ("online before Law 136/2025", denunciation(channel="online", received_on="2026-06-30"),
     422),
    ("a denouncer on a complaint", denunciation(kind="complaint"), 422),
    ("a denouncer named as sender", denunciation(denouncer=None, sender_name="Hương"), 422),
    ("a list", [denunciation()], 422),
    ("malformed JSON", "{", 400),
]


@pytest.mark.parametrize(("body", "status"), [(b, s) for _, b, s in BAD_BODIES],
                         ids=[name for name, _, _ in BAD_BODIES])
def test_bad_input_is_refused_and_nothing_is_stored(
        client: TestClient, settings: LettersSettings, letters: Letters, body: Any,
        status: int) -> None:
    staff = headers(settings)
    if isinstance(body, str):
        answer = client.post("/letters", content=body,
                             headers={**staff, "Content-Type": "application/json"})
    else:
        answer = client.post("/letters", json=body, headers=staff)
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    for value in DENOUNCER.values():
        assert value not in answer.text
    assert client.get("/letters", headers=staff).json()["count"] == 0
    assert letters.recorder.max_notification_id() in (None, 0)
    with letters.vault.tables.transaction(commit=False) as cursor:
        cursor.execute(f"SELECT count(*) AS n FROM {letters.vault.tables.table('vault_sealed')}")
        assert cursor.fetchone()["n"] == 0


@pytest.mark.parametrize(("path", "body", "status"), [
    ("accept", {"accepted_on": "2026-10-01"}, 422),  # before the letter came in
    ("accept", {"accepted_on": "yesterday"}, 422),
    ("forward", {"to": "ubnd", "reason": "x"}, 422),  # to itself
    ("forward", {"to": "tòa án", "reason": "x"}, 422),
    ("guide", {"reason": ""}, 422),
    ("extend", {"reason": "x"}, 409),  # not accepted yet
    ("decide", {"outcome": "x"}, 409),
    ("withdraw", {"reason": "x"}, 409),  # a denunciation is not withdrawn
    ("denouncer/reveal", {}, 422),
    ("denouncer/reveal", {"why": "x", "as": "leader"}, 422),
    ("appeal", {**denunciation(kind="complaint")}, 422),  # an appeal names no denouncer
])
def test_bad_commands_on_a_letter_change_nothing(
        client: TestClient, settings: LettersSettings, letters: Letters, path: str,
        body: dict[str, Any], status: int) -> None:
    staff = headers(settings)
    lid = client.post("/letters", json=denunciation(), headers=staff).json()["id"]
    stored = letters.recorder.max_notification_id()
    answer = client.post(f"/letters/{lid}/{path}", json=body, headers=staff)
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert letters.recorder.max_notification_id() == stored


def test_another_body_may_not_act_and_an_unknown_letter_is_404(
        client: TestClient, settings: LettersSettings) -> None:
    lid = client.post("/letters", json=denunciation(), headers=headers(settings)).json()["id"]
    other = client.post(f"/letters/{lid}/accept", json={}, headers=headers(settings, Agency.HDND))
    assert other.status_code == 403
    missing = client.post("/letters/00000000-0000-4000-8000-000000000000/accept", json={},
                          headers=headers(settings))
    assert missing.status_code == 404
    assert missing.json()["title"] != "Not Found"  # in Vietnamese


def test_a_signature_over_150_kb_is_refused_whatever_the_bodys_limit() -> None:
    from pydantic import ValidationError

    from letters.entrypoints.requests import DenouncerIdentity

    png = base64.b64decode(DENOUNCER["signature_image"])
    one_byte_over = png + b"\x00" * (150 * 1024 + 1 - len(png))
    big = base64.b64encode(one_byte_over).decode("ascii")
    with pytest.raises(ValidationError, match="150 KB"):
        DenouncerIdentity(**{**DENOUNCER, "signature_image": big})
    assert DenouncerIdentity(**DENOUNCER).identity().signature_image == DENOUNCER[
        "signature_image"]
