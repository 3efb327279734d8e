"""Answers on time per agency and unit, and the overdue lists per unit: from the read
model, on each store it can live in, and over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from petitions_testkit import HDND, MTTQ, Auth, SettableClock, principal

from contracts.vocabulary import Agency, JurisdictionLevel, PolicyField
from petitions.application import PetitionQuery, Petitions
from petitions.domain.petition import Petition

ROADS = "Sở Giao thông vận tải"
HEALTH = "Sở Y tế"


@pytest.fixture
def petitions(store_env: dict[str, str], clock: SettableClock) -> Iterator[Petitions]:
    app = Petitions(store_env, clock=clock)
    yield app
    app.close()


def forwarded(app: Petitions, text: str, agency: Agency, unit: str | None) -> Petition:
    petition = app.record_petition(MTTQ, text=text, channel="deputy", commune="Tân Phú")
    app.classify(HDND, petition.id, field=PolicyField.TRANSPORT,
                 level=JurisdictionLevel.PROVINCE, agency=agency, unit=unit)
    return app.forward(HDND, petition.id)


def figures(app: Petitions) -> dict[tuple[str, str | None], tuple[int, int, int, int]]:
    """(agency, unit or None for the agency in all) -> (on time, late, overdue, waiting)."""
    found = {}
    for agency in app.timeliness():
        rows = [(None, agency.total)] + [(row.unit or "-", row) for row in agency.units]
        for unit, row in rows:
            found[agency.total.agency.value, unit] = (row.on_time, row.late, row.overdue,
                                                      row.waiting)
    return found


def test_answers_are_counted_on_time_or_late_per_agency_and_unit(
    petitions: Petitions, clock: SettableClock
) -> None:
    early = forwarded(petitions, "Sửa đường tỉnh 864", Agency.UBND, ROADS)
    late = forwarded(petitions, "Sửa cầu Tân Phú", Agency.UBND, "sở giao thông  vận tải")
    forwarded(petitions, "Sửa cầu Mỹ Phong", Agency.UBND, ROADS)  # the usual spelling
    forwarded(petitions, "Thêm bác sĩ trạm y tế", Agency.UBND, HEALTH)
    forwarded(petitions, "Sửa đường liên xã", Agency.UBND, None)
    petitions.answer(principal(Agency.UBND, unit=ROADS), early.id, "Đã bố trí vốn")
    clock.advance(timedelta(days=31))  # due after 30 days: the others are overdue now
    petitions.answer(principal(Agency.UBND, unit=ROADS), late.id, "Đã sửa, muộn")
    forwarded(petitions, "Lắp đèn đường", Agency.UBND, HEALTH)  # forwarded today: waiting
    petitions.record_petition(MTTQ, text="Chưa chuyển", channel="deputy", commune="Tân Phú")

    assert figures(petitions) == {
        ("ubnd", None): (1, 1, 3, 1),
        ("ubnd", "-"): (0, 0, 1, 0),  # the agency's own petitions, without a unit
        ("ubnd", ROADS): (1, 1, 1, 0),  # one unit, however its name was typed
        ("ubnd", HEALTH): (0, 0, 1, 1),
    }
    [ubnd] = petitions.timeliness()
    assert [row.unit for row in ubnd.units] == [None, ROADS, HEALTH]  # own first, then A–Z
    assert ubnd.total.answered == 2


def test_the_overdue_list_is_filtered_by_unit_in_any_spelling(
    petitions: Petitions, clock: SettableClock
) -> None:
    roads = forwarded(petitions, "Sửa đường tỉnh 864", Agency.UBND, ROADS)
    health = forwarded(petitions, "Thêm bác sĩ trạm y tế", Agency.UBND, HEALTH)
    clock.advance(timedelta(days=31))

    def overdue(unit: str | None) -> list[object]:
        page = petitions.list_petitions(PetitionQuery(overdue=True, agency=Agency.UBND,
                                                      unit=unit))
        return [row.id for row in page.items]

    assert overdue("SỞ GIAO THÔNG VẬN TẢI") == [roads.id]
    assert overdue(HEALTH) == [health.id]
    assert overdue("Sở Xây dựng") == []
    assert set(overdue(None)) == {roads.id, health.id}


# -- over HTTP --------------------------------------------------------------------------------

def ok(response: Any) -> Any:
    assert response.status_code == 200, response.text
    return response.json()


def answered_over_http(client: TestClient, auth: Auth, text: str, unit: str) -> None:
    mttq, hdnd = auth(Agency.MTTQ), auth(Agency.HDND)
    created = client.post("/petitions", headers=mttq, json={
        "text": text, "channel": "deputy", "commune": "Tân Phú"})
    assert created.status_code == 201, created.text
    pid = created.json()["petition"]["id"]
    ok(client.post(f"/petitions/{pid}/classify", headers=hdnd, json={
        "field": "transport", "level": "province", "agency": "ubnd", "unit": unit}))
    ok(client.post(f"/petitions/{pid}/forward", headers=hdnd))
    ok(client.post(f"/petitions/{pid}/answer", headers=auth(Agency.UBND, unit=unit),
                   json={"text": "Đã trả lời cử tri"}))


def test_the_share_is_given_only_from_the_rulebooks_minimum_of_answers(
    client: TestClient, auth: Auth
) -> None:
    for n in range(5):
        answered_over_http(client, auth, f"Kiến nghị về đường số {n}", ROADS)
    answered_over_http(client, auth, "Kiến nghị về trạm y tế", HEALTH)
    found = ok(client.get("/petitions/timeliness"))
    assert (found["minimum_answers"], found["rule_id"]) == (
        5, "petition.answer.minimum_for_share")
    [ubnd] = found["agencies"]
    assert ubnd["agency"] == "ubnd"
    assert (ubnd["total"]["answered"], ubnd["total"]["on_time_share"]) == (6, 1.0)
    shares = {row["unit"]: (row["answered"], row["on_time"], row["late"], row["on_time_share"])
              for row in ubnd["units"]}
    assert shares == {ROADS: (5, 5, 0, 1.0), HEALTH: (1, 1, 0, None)}  # one answer: no share


@pytest.mark.parametrize("query", ["unit=", f"unit={'x' * 201}", "unit=S%E1%BB%9F%00", "unit=%07"])
def test_a_bad_unit_filter_is_refused(client: TestClient, query: str) -> None:
    for path in ("/petitions/overdue", "/petitions"):
        refused = client.get(f"{path}?{query}")
        assert refused.status_code == 422, refused.text
        assert refused.headers["content-type"].startswith("application/problem+json")


def test_timeliness_is_empty_before_anything_is_forwarded(client: TestClient) -> None:
    assert ok(client.get("/petitions/timeliness"))["agencies"] == []


def test_the_unit_filter_is_used_by_the_list(client: TestClient, auth: Auth) -> None:
    answered_over_http(client, auth, "Kiến nghị về đường", ROADS)
    listed = ok(client.get("/petitions", params={"unit": "sở giao thông vận tải",
                                                 "agency": "ubnd"}))
    assert listed["total"] == 1
    assert ok(client.get("/petitions", params={"unit": HEALTH}))["total"] == 0
