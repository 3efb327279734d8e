"""What schemathesis found in the notifier's HTTP API (tests/api_fuzz), each pinned here.

1. The live inbox was documented with ``itemSchema``, an OpenAPI 3.2 keyword, inside a
   document that says 3.1: the document failed the 3.1 meta-schema.
2. Routes answered with problems their documents did not list: 404 for an unknown
   subscription, contact, notification, delivery or dead letter; 409 for a duplicate
   contact and for retrying a delivery that is not dead.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from notifier_support import FORWARDED_AT, bearer, forwarded

from contracts import decode_cloudevent, encode_cloudevent
from contracts.vocabulary import Agency
from notifier.application import Notifier
from notifier.application.signals import SaveSignal
from notifier.entrypoints.http import create_http_app
from notifier.settings import NotifierSettings

JURISDICTION = "tien-giang"


@pytest.fixture
def app(api_settings: NotifierSettings, notifier: Notifier) -> FastAPI:
    return create_http_app(api_settings, notifier, SaveSignal(notifier))


def documented(app: FastAPI, method: str, path: str) -> set[str]:
    return set(app.openapi()["paths"][path][method]["responses"])


def test_the_document_is_valid_openapi_3_1_and_describes_each_live_inbox_event(
    app: FastAPI,
) -> None:
    document = app.openapi()
    schemathesis.openapi.from_dict(document).validate()  # the OpenAPI 3.1 meta-schema
    stream = document["paths"]["/inbox/stream"]["get"]["responses"]["200"]["content"]
    events = stream["text/event-stream"]
    assert "itemSchema" not in events
    assert set(events["schema"]["properties"]) == {"data", "event", "id", "retry"}


@pytest.mark.parametrize(("method", "path"), [
    ("get", "/subscriptions/{subscription_id}"),
    ("delete", "/subscriptions/{subscription_id}"),
    ("delete", "/contacts/{contact_id}"),
    ("get", "/notifications/{notification_id}"),
    ("get", "/notifications/{notification_id}/history"),
    ("get", "/deliveries/{delivery_id}"),
    ("get", "/deliveries/{delivery_id}/history"),
    ("post", "/deliveries/{delivery_id}/retry"),
    ("get", "/dead-letters/{letter_id}"),
    ("post", "/dead-letters/{letter_id}/retry"),
    ("post", "/dead-letters/{letter_id}/resolve"),
])
def test_an_unknown_id_is_a_documented_404(app: FastAPI, api_settings: NotifierSettings,
                                           method: str, path: str) -> None:
    url = path.split("{")[0] + str(uuid4()) + path.split("}")[1]
    body: Any = {"note": "đóng"} if path.endswith("/resolve") else None
    with TestClient(app) as client:
        response = client.request(method, url, json=body,
                                  headers=bearer(api_settings, Agency.HDND, role="admin"))
    assert response.status_code == 404, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert "404" in documented(app, method, path)


def test_a_duplicate_contact_is_a_documented_409(app: FastAPI,
                                                 api_settings: NotifierSettings) -> None:
    contact = {"recipient": "agency:mttq", "email": "mttq@tiengiang.gov.vn"}
    with TestClient(app) as client:
        headers = bearer(api_settings, Agency.MTTQ)
        assert client.post("/contacts", json=contact, headers=headers).status_code == 201
        again = client.post("/contacts", json=contact, headers=headers)
    assert again.status_code == 409, again.text
    assert "409" in documented(app, "post", "/contacts")


def test_retrying_a_delivery_that_is_not_dead_is_a_documented_409(
    app: FastAPI, api_settings: NotifierSettings, notifier: Notifier,
) -> None:
    ubnd = bearer(api_settings, Agency.UBND)
    with TestClient(app) as client:
        created = client.post("/subscriptions", headers=ubnd, json={
            "url": "http://127.0.0.1:9/hooks", "event_types": ["*"]})
        assert created.status_code == 201, created.text
        event = forwarded()
        _, _, body = encode_cloudevent(event, jurisdiction=JURISDICTION, sequence=1,
                                       subject=str(event.petition_id),
                                       time=FORWARDED_AT)
        received = decode_cloudevent(body)
        assert notifier.apply_received(received, f"{received.source}#petitions")
        (pending,) = notifier.read_model.deliveries()
        retried = client.post(f"/deliveries/{UUID(pending['id'])}/retry", headers=ubnd)
    assert retried.status_code == 409, retried.text
    assert "409" in documented(app, "post", "/deliveries/{delivery_id}/retry")
