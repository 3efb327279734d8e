"""Issue 12 on the notifier's API: bodies that are strict and bounded, a lone surrogate
refused with a 4xx, a feed that stays XML whatever an answer held, and notifications read
only by their recipients and operators."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from uuid import uuid4
from xml.etree import ElementTree as ET

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from notifier_support import FORWARDED_AT, answer_published, bearer, forwarded

from contracts import IntegrationEvent, decode_cloudevent, encode_cloudevent
from contracts.vocabulary import Agency
from notifier.application import Notifier
from notifier.application.signals import SaveSignal
from notifier.entrypoints.http import create_http_app
from notifier.settings import NotifierSettings

JURISDICTION = "tien-giang"
HOOK = "http://127.0.0.1:9/hooks"


@pytest.fixture
def client(api_settings: NotifierSettings, notifier: Notifier) -> Iterator[TestClient]:
    app: FastAPI = create_http_app(api_settings, notifier, SaveSignal(notifier))
    with TestClient(app) as test_client:
        yield test_client


def apply(notifier: Notifier, event: IntegrationEvent, sequence: int) -> None:
    """``event`` as the notifier's consumer applies it off the stream."""
    subject = str(getattr(event, "petition_id", uuid4()))
    _, _, body = encode_cloudevent(event, jurisdiction=JURISDICTION, sequence=sequence,
                                   subject=subject, time=FORWARDED_AT)
    received = decode_cloudevent(body)
    assert notifier.apply_received(received, f"{received.source}#test")


def raw_post(client: TestClient, path: str, body: str, headers: dict[str, str]) -> Any:
    """A body sent as the bytes given: JSON escapes such as a lone ``\\ud800`` travel as
    written (a client library would refuse to encode the character itself)."""
    return client.post(path, content=body.encode("ascii"),
                       headers={**headers, "Content-Type": "application/json"})


def test_a_lone_surrogate_in_a_subscription_is_a_4xx_problem(
    client: TestClient, api_settings: NotifierSettings, notifier: Notifier,
) -> None:
    ubnd = bearer(api_settings, Agency.UBND)
    body = '{"url": "' + HOOK + '", "event_types": ["*"], "unit": "\\ud800x"}'
    response = raw_post(client, "/subscriptions", body, ubnd)
    assert 400 <= response.status_code < 500, response.text
    assert response.headers["content-type"] == "application/problem+json"
    also_as_key = '{"url": "' + HOOK + '", "event_types": ["*"], "\\ud800": 1}'
    response = raw_post(client, "/subscriptions", also_as_key, ubnd)
    assert response.status_code == 422, response.text
    assert notifier.read_model.subscriptions() == []


def test_subscription_bodies_refuse_unknown_fields_and_unbounded_text(
    client: TestClient, api_settings: NotifierSettings, notifier: Notifier,
) -> None:
    ubnd = bearer(api_settings, Agency.UBND)
    for extra in ({"colour": "red"}, {"unit": "x" * 100_000}, {"description": "a\x1b[2Jb"},
                  {"event_types": ["x" * 5_000]}):
        response = client.post("/subscriptions", headers=ubnd,
                               json={"url": HOOK, "event_types": ["*"], **extra})
        assert response.status_code == 422, (list(extra), response.text)
    contact = {"recipient": "agency:ubnd", "email": "a@b.vn", "name": "Văn\x00phòng"}
    assert client.post("/contacts", headers=ubnd, json=contact).status_code == 422
    assert notifier.read_model.subscriptions() == [] and notifier.read_model.contacts() == []


def test_an_answer_stored_with_control_characters_still_makes_a_valid_feed(
    client: TestClient, notifier: Notifier,
) -> None:
    event = answer_published(uuid4()).model_copy(
        update={"answer": "Đã xong\x00\x07\x1b[31m đỏ\nDòng hai\ufffe"})
    apply(notifier, event, 1)
    response = client.get("/feed.atom")
    assert response.status_code == 200, response.text
    feed = ET.fromstring(response.content)  # raises on invalid XML
    content = feed.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}content")
    assert content is not None and content.text is not None
    assert "Đã xong[31m đỏ\nDòng hai" in content.text


@pytest.fixture
def delivered(notifier: Notifier) -> str:
    """A petition forwarded to UBND's construction department: notifications for it (and
    for MTTQ, who follows it up), and a reminder of its due date."""
    event = forwarded()
    apply(notifier, event, 1)
    return str(event.petition_id)


def recipients(response: Any) -> set[str]:
    assert response.status_code == 200, response.text
    return {n["recipient"] for n in response.json()}


def test_only_recipients_and_operators_read_notifications(
    client: TestClient, api_settings: NotifierSettings, delivered: str,
) -> None:
    operator = bearer(api_settings, Agency.HDND, role="admin")
    everything = client.get("/notifications", headers=operator).json()
    construction = [n for n in everything if n["recipient"] == "agency:ubnd/Sở Xây dựng"]
    assert construction, everything
    item = construction[0]["id"]

    ubnd_unit = bearer(api_settings, Agency.UBND, unit="Sở Xây dựng")
    ubnd_unit_upper = bearer(api_settings, Agency.UBND, unit="SỞ XÂY DỰNG")
    ubnd_unit_slug = bearer(api_settings, Agency.UBND, unit="so-xay-dung")  # no accents: not it
    hdnd, other_unit = bearer(api_settings, Agency.HDND), bearer(
        api_settings, Agency.UBND, unit="Sở Y tế")
    wanted = "agency:ubnd/Sở Xây dựng"
    for reader in (ubnd_unit, ubnd_unit_upper, operator):
        assert recipients(client.get("/notifications", params={"recipient": wanted},
                                     headers=reader)) == {wanted}
        assert client.get(f"/notifications/{item}", headers=reader).status_code == 200
        assert client.get(f"/notifications/{item}/history", headers=reader).status_code == 200
    for stranger in (hdnd, other_unit, ubnd_unit_slug):
        refused = client.get("/notifications", params={"recipient": wanted}, headers=stranger)
        assert refused.status_code == 403, refused.text
        assert client.get(f"/notifications/{item}", headers=stranger).status_code == 403
        assert client.get(f"/notifications/{item}/history",
                          headers=stranger).status_code == 403
    for anyone in (hdnd, ubnd_unit):
        unnamed = client.get("/notifications", headers=anyone)
        assert unnamed.status_code == 403, unnamed.text
    mine = bearer(api_settings, Agency.HDND, subject="Nguyễn Văn An")
    assert client.get("/notifications", params={"recipient": "person:Nguyễn Văn An"},
                      headers=mine).status_code == 200
    assert client.get("/notifications", params={"recipient": "person:Nguyễn Văn An"},
                      headers=hdnd).status_code == 403


def test_reminders_are_read_by_their_recipients_and_operators(
    client: TestClient, api_settings: NotifierSettings, delivered: str,
) -> None:
    operator = bearer(api_settings, Agency.HDND, role="admin")
    every = client.get("/reminders", headers=operator).json()
    assert every, "a forwarded petition starts a reminder"
    addressed = {r for reminder in every for r in reminder["recipients"]}
    assert "agency:ubnd/Sở Xây dựng" in addressed
    mine = client.get("/reminders", headers=bearer(api_settings, Agency.UBND,
                                                   unit="Sở Xây dựng")).json()
    assert [r["id"] for r in mine] == [r["id"] for r in every]
    assert client.get("/reminders", headers=bearer(api_settings, Agency.DBQH)).json() == []


def test_json_of_a_problem_never_fails_to_encode(client: TestClient,
                                                 api_settings: NotifierSettings) -> None:
    body = json.dumps({"recipient": "agency:ubnd", "email": "a@b.vn"})[:-1] + ', "\\udfff": 2}'
    response = raw_post(client, "/contacts", body, bearer(api_settings, Agency.UBND))
    assert response.status_code == 422, response.text
