"""API: voter-contact meetings as an iCalendar feed, read back with the ``icalendar`` parser."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from icalendar import Calendar
from petitions_testkit import TODAY, Auth

from contracts.vocabulary import Agency

REQUIRED = ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "LOCATION", "DESCRIPTION",
            "LAST-MODIFIED", "SEQUENCE")


def feed(client: TestClient) -> dict[str, Any]:
    """The feed's events by UID, fetched without credentials (it is public)."""
    response = client.get("/voter-contacts.ics")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "Hội nghị tiếp xúc cử tri"
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    for event in events.values():
        assert all(name in event for name in REQUIRED), event
    return events


def next_second(stamp: datetime) -> None:
    """Waits (at most two seconds) until the clock is past ``stamp``'s second: iCalendar
    times have whole seconds, and the meeting's events take the wall clock's time."""
    deadline = time.monotonic() + 2
    while datetime.now(UTC) < stamp + timedelta(seconds=1):
        assert time.monotonic() < deadline, "the clock did not move past the stamp"
        time.sleep(0.05)


def plan(client: TestClient, auth: Auth, scheduled_on: date) -> Any:
    response = client.post("/voter-contacts", headers=auth(Agency.MTTQ), json={
        "title": "Tiếp xúc cử tri trước kỳ họp thứ 12", "scheduled_on": scheduled_on.isoformat(),
        "place": "Nhà văn hóa ấp Mỹ Phú", "commune": "Tân Phú",
        "deputies": ["Nguyễn Văn Ấn", "Trần Thị Bích"]})
    assert response.status_code == 201, response.text
    return response.json()


def test_planned_and_held_meetings_are_all_day_events_in_vietnamese(client: TestClient,
                                                                    auth: Auth) -> None:
    planned = plan(client, auth, TODAY + timedelta(days=3))
    events = feed(client)
    uid = f"{planned['id']}@phoihop"
    assert list(events) == [uid]
    assert feed(client).keys() == events.keys()  # the UID holds from one download to the next
    event = events[uid]
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (
        TODAY + timedelta(days=3), TODAY + timedelta(days=4))
    assert str(event["SUMMARY"]) == "Tiếp xúc cử tri trước kỳ họp thứ 12"
    assert str(event["LOCATION"]) == "Nhà văn hóa ấp Mỹ Phú, Tân Phú"
    assert "Đại biểu: Nguyễn Văn Ấn, Trần Thị Bích" in str(event["DESCRIPTION"])
    assert "Cơ quan tổ chức: Ủy ban MTTQ Việt Nam" in str(event["DESCRIPTION"])


def test_a_meeting_held_updates_in_the_subscribers_calendar(client: TestClient,
                                                            auth: Auth) -> None:
    meeting = plan(client, auth, TODAY - timedelta(days=2))
    uid = f"{meeting['id']}@phoihop"
    before = feed(client)[uid]
    next_second(before.decoded("LAST-MODIFIED"))
    held = client.post(f"/voter-contacts/{meeting['id']}/held", headers=auth(Agency.MTTQ),
                       json={"held_on": (TODAY - timedelta(days=1)).isoformat(),
                             "attendance": 120, "deputies_present": ["Nguyễn Văn Ấn"]})
    assert held.status_code == 200, held.text
    after = feed(client)[uid]
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after.decoded("LAST-MODIFIED") > before.decoded("LAST-MODIFIED")
    assert after.decoded("DTSTART") == TODAY - timedelta(days=1)  # the day it was held
    assert "Đã tổ chức ngày 14/09/2025, 120 cử tri dự" in str(after["DESCRIPTION"])
    assert "Đại biểu có mặt: Nguyễn Văn Ấn" in str(after["DESCRIPTION"])
