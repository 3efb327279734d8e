"""The voter-contact meetings list: its read model (on every store) and GET /voter-contacts."""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from petitions_testkit import MTTQ, TODAY, Auth, SettableClock

from contracts.vocabulary import Agency
from petitions.application import MeetingQuery, Petitions
from petitions.application.meeting_readmodel import MeetingReadModel
from petitions.domain.meeting import VoterContactMeeting


@pytest.fixture
def petitions(store_env: dict[str, str], clock: SettableClock) -> Iterator[Petitions]:
    app = Petitions(store_env, clock=clock)
    yield app
    app.close()


def plan(app: Petitions, scheduled_on: date, commune: str = "Tân Phú",
         title: str = "TXCT trước kỳ họp") -> VoterContactMeeting:
    return app.plan_meeting(MTTQ, title=title, scheduled_on=scheduled_on,
                            place="Hội trường UBND xã", commune=commune,
                            deputies=["Nguyễn Văn A"])


def ids(app: Petitions, **filters: Any) -> list[object]:
    return [row.id for row in app.list_meetings(MeetingQuery(**filters)).items]


def test_the_latest_planned_date_comes_first_whatever_order_they_were_planned_in(
    petitions: Petitions,
) -> None:
    early = plan(petitions, TODAY - timedelta(days=20))
    late = plan(petitions, TODAY + timedelta(days=5))
    middle = plan(petitions, TODAY)
    same_day_later = plan(petitions, TODAY)
    assert ids(petitions) == [late.id, same_day_later.id, middle.id, early.id]


def test_a_held_meeting_shows_as_held_and_the_filter_follows_it(petitions: Petitions) -> None:
    held, planned = plan(petitions, TODAY - timedelta(days=2)), plan(petitions, TODAY)
    petitions.mark_meeting_held(MTTQ, held.id, held_on=TODAY - timedelta(days=1),
                                attendance=80)
    assert ids(petitions, held=True) == [held.id]
    assert ids(petitions, held=False) == [planned.id]
    row = petitions.list_meetings(MeetingQuery(held=True)).items[0]
    assert (row.is_held, row.held_on, row.attendance, row.deputies_present) == (
        True, TODAY - timedelta(days=1), 80, ["Nguyễn Văn A"])


def test_the_commune_is_the_same_in_any_case_spacing_or_unicode_form(petitions: Petitions) -> None:
    tan_phu = plan(petitions, TODAY, "Tân Phú")
    plan(petitions, TODAY, "Tấn Phú")  # another commune: accents are kept
    typed = unicodedata.normalize("NFD", "  tân  PHÚ ")
    assert ids(petitions, commune=typed) == [tan_phu.id]


def test_the_planned_date_range_includes_both_ends(petitions: Petitions) -> None:
    days = [plan(petitions, TODAY + timedelta(days=n)) for n in range(4)]
    assert ids(petitions, scheduled_from=TODAY + timedelta(days=1),
               scheduled_to=TODAY + timedelta(days=2)) == [days[2].id, days[1].id]


def test_pagination_reports_the_total(petitions: Petitions) -> None:
    planned = [plan(petitions, TODAY + timedelta(days=n)) for n in range(5)]
    page = petitions.list_meetings(MeetingQuery(limit=2, offset=1))
    assert [row.id for row in page.items] == [planned[3].id, planned[2].id]
    assert (page.total, page.limit, page.offset) == (5, 2, 1)


def test_warming_up_says_how_far_and_then_reports_ready(
    caplog: pytest.LogCaptureFixture, store_env: dict[str, str],
) -> None:
    app = Petitions(store_env)
    plan(app, TODAY)
    app.record_petition(MTTQ, text="Đề nghị nạo vét kênh", channel="mail", commune="Tân Phú")
    fresh = MeetingReadModel(app)
    assert fresh.projection.readiness() == "meetings read model catching up: 0 of 0 events"
    with caplog.at_level(logging.INFO, logger="chassis.projection"):
        fresh.projection.warm_up()
    assert fresh.projection.readiness() is None
    assert "meetings read model: ready at event 2" in caplog.text
    assert fresh.query(MeetingQuery()).total == 1  # the petition's event is not a meeting
    app.close()


def test_a_restart_resumes_from_the_stored_position(
    store_env: dict[str, str], clock: SettableClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    if store_env["PERSISTENCE_MODULE"] == "eventsourcing.popo":
        pytest.skip("an in-memory store does not outlive its application")
    before = Petitions(store_env, clock=clock)
    held, planned = plan(before, TODAY - timedelta(days=1)), plan(before, TODAY)
    before.mark_meeting_held(MTTQ, held.id, held_on=TODAY - timedelta(days=1), attendance=40)
    expected = before.list_meetings(MeetingQuery())
    before.close()

    after = Petitions(store_env, clock=clock)
    assert after.meetings_read_model.projection.position == 3
    monkeypatch.setattr(after.recorder, "select_notifications", _no_read_expected)
    after.meetings_read_model.projection.warm_up()
    assert after.list_meetings(MeetingQuery()) == expected
    assert ids(after, held=False) == [planned.id]
    monkeypatch.undo()
    later = plan(after, TODAY + timedelta(days=3))  # and it goes on from there
    assert ids(after) == [later.id, planned.id, held.id]
    after.close()


def _no_read_expected(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("the log was read although the model was caught up")


# -- GET /voter-contacts ------------------------------------------------------------------

def test_the_list_is_public_paged_and_filtered(client: TestClient, auth: Auth) -> None:
    made = [client.post("/voter-contacts", headers=auth(Agency.MTTQ), json={
        "title": f"TXCT số {n}", "scheduled_on": (TODAY + timedelta(days=n)).isoformat(),
        "place": "Nhà văn hóa ấp", "commune": commune, "deputies": ["Nguyễn Văn A"]}).json()
        for n, commune in enumerate(["Tân Phú", "Mỹ Phong", "Tân Phú"])]
    listed = client.get("/voter-contacts", params={"limit": 2})
    assert listed.status_code == 200, listed.text
    body = listed.json()
    assert [m["id"] for m in body["items"]] == [made[2]["id"], made[1]["id"]]
    assert (body["total"], body["limit"], body["offset"]) == (3, 2, 0)
    assert body["items"][0] == made[2]  # the same view as one meeting's
    in_tan_phu = client.get("/voter-contacts", params={"commune": "TÂN PHÚ", "held": "false"})
    assert [m["id"] for m in in_tan_phu.json()["items"]] == [made[2]["id"], made[0]["id"]]
    ranged = client.get("/voter-contacts", params={"scheduled_from": TODAY.isoformat(),
                                                   "scheduled_to": TODAY.isoformat()})
    assert [m["id"] for m in ranged.json()["items"]] == [made[0]["id"]]


@pytest.mark.parametrize("params", [
    {"held": "maybe"}, {"limit": "0"}, {"offset": "-1"}, {"scheduled_from": "15/09/2025"},
    {"scheduled_to": "0001-01-01"}, {"commune": "x" * 201},
    {"scheduled_from": "2025-09-16", "scheduled_to": "2025-09-15"},  # a range of no day
])
def test_bad_filters_are_a_problem_document(client: TestClient, params: dict[str, str]) -> None:
    response = client.get("/voter-contacts", params=params)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")


def test_the_list_survives_a_service_restart(tmp_path: Path, clock: SettableClock) -> None:
    env = {"PERSISTENCE_MODULE": "eventsourcing.sqlite",
           "SQLITE_DBNAME": str(tmp_path / "petitions.db")}
    first = Petitions(env, clock=clock)
    meeting = plan(first, TODAY)
    first.close()
    second = Petitions(env, clock=clock)
    assert ids(second) == [meeting.id]
    second.close()


def test_the_audit_finds_a_meeting_row_that_differs_from_its_events(
    tmp_path: Path, clock: SettableClock
) -> None:
    import sqlite3

    from petitions.application.audit import check_read_model

    path = tmp_path / "petitions.db"
    app = Petitions({"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(path)},
                    clock=clock)
    meeting = plan(app, TODAY)
    aggregates = {meeting.id: app.meeting(meeting.id)}
    assert check_read_model(app, aggregates) == []
    with sqlite3.connect(path) as tampering:
        tampering.execute("UPDATE petitions_meeting_rows SET summary = replace(summary, "
                          "'Tân Phú', 'Tân Phước')")
    assert check_read_model(app, aggregates) == [
        f"read model: meeting {meeting.id} differs from its events"]
    app.close()
