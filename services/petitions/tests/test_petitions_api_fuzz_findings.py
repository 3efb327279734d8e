"""Regressions found by fuzzing the OpenAPI document (tests/api_fuzz): dates and times
read as seconds since 1970."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from petitions_testkit import Auth

from contracts.vocabulary import Agency

pytestmark = pytest.mark.integration
MEETING = {"title": "TXCT", "place": "Hội trường", "commune": "Tân Phú",
           "deputies": ["Nguyễn Văn A"]}


@pytest.mark.parametrize("as_of", ["2025", "0.5", "1757894400", "2025-09-15"])
def test_as_of_must_be_an_rfc_3339_date_time(client: TestClient, auth: Auth,
                                              as_of: str) -> None:
    # `as_of=2025` used to mean 2025 seconds after 1970 (and answered 404 "did not exist").
    created = client.post("/petitions", headers=auth(Agency.MTTQ), json={
        "text": "Đề nghị nạo vét kênh", "channel": "deputy", "commune": "Tân Phú"})
    pid = created.json()["petition"]["id"]
    refused = client.get(f"/petitions/{pid}", params={"as_of": as_of})
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["loc"] == ["query", "as_of"]
    next_year = date.today().year + 1
    for accepted in (f"{next_year}-01-01T00:00:00+07:00", f"{next_year}-01-01T00:00:00"):
        assert client.get(f"/petitions/{pid}", params={"as_of": accepted}).status_code == 200


@pytest.mark.parametrize("scheduled_on", [1757894400, "1757894400", 0])
def test_dates_in_bodies_must_be_iso_text(client: TestClient, auth: Auth,
                                          scheduled_on: object) -> None:
    refused = client.post("/voter-contacts", headers=auth(Agency.MTTQ),
                          json={**MEETING, "scheduled_on": scheduled_on})
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["loc"] == ["body", "scheduled_on"]
    planned = client.post("/voter-contacts", headers=auth(Agency.MTTQ),
                          json={**MEETING, "scheduled_on": "2025-09-15"})
    assert planned.status_code == 201, planned.text
