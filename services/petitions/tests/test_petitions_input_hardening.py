"""Issue 12 on the petitions API: control characters and Unicode forms at the boundary,
units and communes compared by one key, and answers kept from the public until MTTQ
publishes them."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from fastapi.testclient import TestClient
from petitions_testkit import MTTQ, TRANSPORT_DEPT, Auth

from contracts.vocabulary import Agency
from petitions.application import Petitions
from petitions.application.translate import translate

pytestmark = pytest.mark.integration
CONTROLS = ["\x00", "\x07", "\x1b"]  # NUL, BEL, ESC


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def record(client: TestClient, auth: Auth, **more: Any) -> dict[str, Any]:
    body = {"text": "Đề nghị nạo vét kênh Xáng", "channel": "mail", "commune": "Tân Phú", **more}
    response = client.post("/petitions", headers=auth(Agency.UBND), json=body)
    assert response.status_code == 201, response.text
    petition: dict[str, Any] = response.json()["petition"]
    return petition


def answered(client: TestClient, auth: Auth) -> str:
    pid = str(record(client, auth)["id"])
    classify = {"field": "transport", "level": "province", "agency": "ubnd",
                "unit": TRANSPORT_DEPT}
    assert client.post(f"/petitions/{pid}/classify", headers=auth(Agency.HDND),
                       json=classify).status_code == 200
    assert client.post(f"/petitions/{pid}/forward", headers=auth(Agency.HDND)).status_code == 200
    answer = client.post(f"/petitions/{pid}/answer", json={"text": "Đã bố trí vốn năm 2026"},
                         headers=auth(Agency.UBND, unit=TRANSPORT_DEPT))
    assert answer.status_code == 200, answer.text
    return pid


@pytest.mark.parametrize("control", CONTROLS)
def test_control_characters_in_free_text_are_refused_and_nothing_is_stored(
    client: TestClient, auth: Auth, sqlite_petitions: Petitions, control: str,
) -> None:
    before = sqlite_petitions.recorder.max_notification_id()
    for field in ("text", "commune", "deputy"):
        body = {"text": "Đề nghị", "channel": "mail", "commune": "Tân Phú", "deputy": "An",
                field: f"Đề nghị{control} sửa đường"}
        response = client.post("/petitions", headers=auth(Agency.UBND), json=body)
        assert response.status_code == 422, (field, response.text)
        assert response.headers["content-type"] == "application/problem+json"
    assert sqlite_petitions.recorder.max_notification_id() == before
    pid = answered(client, auth)
    stored = sqlite_petitions.recorder.max_notification_id()
    refused = client.post(f"/petitions/{pid}/answer", json={"text": f"Trả lời{control}"},
                          headers=auth(Agency.UBND, unit=TRANSPORT_DEPT))
    assert refused.status_code in (409, 422), refused.text
    assert sqlite_petitions.recorder.max_notification_id() == stored


def test_an_answer_with_control_characters_is_refused_before_any_state_check(
    client: TestClient, auth: Auth,
) -> None:
    pid = str(record(client, auth)["id"])
    classify = {"field": "transport", "level": "province", "agency": "ubnd"}
    assert client.post(f"/petitions/{pid}/classify", headers=auth(Agency.HDND),
                       json=classify).status_code == 200
    assert client.post(f"/petitions/{pid}/forward", headers=auth(Agency.HDND)).status_code == 200
    response = client.post(f"/petitions/{pid}/answer", json={"text": "Đã xong\x07\x1b[2J"},
                           headers=auth(Agency.UBND))
    assert response.status_code == 422, response.text
    assert client.get(f"/petitions/{pid}", headers=auth(Agency.MTTQ)).json()["answer"] is None


def test_newlines_and_tabs_stay_in_multi_line_text_but_not_in_a_name(
    client: TestClient, auth: Auth,
) -> None:
    petition = record(client, auth, text="Dòng một\nDòng hai\tcột")
    assert petition["text"] == "Dòng một\nDòng hai\tcột"
    body = {"text": "Đề nghị", "channel": "mail", "commune": "Tân\nPhú"}
    assert client.post("/petitions", headers=auth(Agency.UBND), json=body).status_code == 422


def test_text_is_stored_in_nfc(client: TestClient, auth: Auth) -> None:
    petition = record(client, auth, text=nfd("Đề nghị sửa đường"), commune=nfd("Tân Phú"))
    assert petition["text"] == "Đề nghị sửa đường"
    assert petition["communes"] == ["Tân Phú"]


def test_the_same_body_in_nfd_under_the_same_key_is_the_same_request(
    client: TestClient, auth: Auth,
) -> None:
    body = {"text": "Đề nghị nạo vét kênh Xáng", "channel": "mail", "commune": "Tân Phú"}
    headers = auth(Agency.UBND, **{"Idempotency-Key": "nfd-1"})
    first = client.post("/petitions", headers=headers, json=body)
    assert first.status_code == 201, first.text
    again = client.post("/petitions", headers=headers,
                        json={**body, "text": nfd(body["text"]), "commune": nfd("Tân Phú")})
    assert again.status_code == 201, again.text
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert again.json() == first.json()


@pytest.mark.parametrize("held", [nfd(TRANSPORT_DEPT), TRANSPORT_DEPT.upper(),
                                  "  Sở  Giao thông   vận tải "])
def test_a_token_unit_that_differs_only_by_form_case_or_spacing_answers(
    client: TestClient, auth: Auth, held: str,
) -> None:
    pid = str(record(client, auth)["id"])
    classify = {"field": "transport", "level": "province", "agency": "ubnd",
                "unit": TRANSPORT_DEPT}
    assert client.post(f"/petitions/{pid}/classify", headers=auth(Agency.HDND),
                       json=classify).status_code == 200
    assert client.post(f"/petitions/{pid}/forward", headers=auth(Agency.HDND)).status_code == 200
    answer = client.post(f"/petitions/{pid}/answer", json={"text": "Đã bố trí vốn"},
                         headers=auth(Agency.UBND, unit=held))
    assert answer.status_code == 200, answer.text


def test_one_commune_in_three_forms_counts_once(petitions: Petitions) -> None:
    forms = ["xã Tân Phú", nfd("xã Tân Phú"), "Xã  Tân Phú"]
    ids = [petitions.record_petition(MTTQ, text="Đề nghị nạo vét kênh Xáng", channel="mail",
                                     commune=form).id for form in forms]
    merged = petitions.consolidate(MTTQ, ids, "Đề nghị nạo vét kênh Xáng")
    petition = petitions.petition(merged.id)
    assert len(petition.communes) == 1
    (event,) = [e for e in petitions.history(merged.id) if type(e).__name__ == "Consolidated"]
    integration = translate(event)
    assert integration is not None
    assert integration.commune_count == 1  # type: ignore[attr-defined]


def test_an_answer_is_public_only_once_mttq_publishes_it(client: TestClient, auth: Auth) -> None:
    pid = answered(client, auth)
    for reader in ({}, auth(Agency.UBND, unit="Sở Y tế")):
        shown = client.get(f"/petitions/{pid}", headers=reader)
        assert shown.status_code == 200, shown.text
        assert shown.json()["answer"] is None
        assert shown.json()["status"] == "answered"
        history = client.get(f"/petitions/{pid}/history", headers=reader).json()
        assert "Đã bố trí vốn năm 2026" not in str(history)
    for staff in (auth(Agency.MTTQ), auth(Agency.HDND),
                  auth(Agency.UBND, unit=TRANSPORT_DEPT)):
        shown = client.get(f"/petitions/{pid}", headers=staff)
        assert shown.json()["answer"]["text"] == "Đã bố trí vốn năm 2026"
        assert "Đã bố trí vốn năm 2026" in str(
            client.get(f"/petitions/{pid}/history", headers=staff).json())
    published = client.post(f"/petitions/{pid}/publish-answer", headers=auth(Agency.MTTQ))
    assert published.status_code == 200, published.text
    assert client.get(f"/petitions/{pid}").json()["answer"]["text"] == "Đã bố trí vốn năm 2026"
    assert "Đã bố trí vốn năm 2026" in str(client.get(f"/petitions/{pid}/history").json())


def test_a_bad_token_on_a_public_read_is_still_refused(client: TestClient) -> None:
    petition_id = "00000000-0000-0000-0000-000000000001"
    response = client.get(f"/petitions/{petition_id}",
                          headers={"Authorization": "Bearer nonsense"})
    assert response.status_code == 401, response.text

