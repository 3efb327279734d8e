"""API: the meetings calendar as an iCalendar feed, read back with the ``icalendar`` parser."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar
from sessions_api_steps import Auth, ok, plan, prepare

from contracts.vocabulary import Agency

pytestmark = pytest.mark.integration

REQUIRED = ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "LAST-MODIFIED", "SEQUENCE")


def feed(client: TestClient) -> dict[str, Any]:
    """The feed's events by UID, fetched without credentials (it is public)."""
    response = client.get("/calendar.ics")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert (str(calendar["VERSION"]), str(calendar["X-WR-CALNAME"])) == ("2.0", "Lịch họp HĐND")
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    for event in events.values():
        assert all(name in event for name in REQUIRED), event
    return events


def test_meetings_and_sessions_show_in_the_feed_in_vietnamese_time(client: TestClient,
                                                                   auth: Auth) -> None:
    standing = ok(client.post("/calendar", headers=auth(Agency.HDND), json={
        "organiser_kind": "standing_committee", "organiser": "Thường trực HĐND",
        "title": "Họp giao ban tháng Tám", "starts_at": "2025-08-05T01:00:00Z",
        "ends_at": "2025-08-05T04:00:00Z", "place": "Phòng họp số 2, trụ sở HĐND tỉnh",
        "participants": ["Chủ tịch UBND tỉnh"]}), 201)
    ubnd = ok(client.post("/calendar", headers=auth(Agency.UBND), json={
        "organiser_kind": "ubnd", "organiser": "UBND tỉnh", "title": "Họp thường kỳ",
        "starts_at": "2025-08-05T10:00:00+07:00", "ends_at": "2025-08-05T12:00:00+07:00",
        "place": "Hội trường UBND", "participants": ["Chủ tịch UBND tỉnh"]}), 201)
    session = plan(client, auth)
    prepare(client, auth, session["id"])

    events = feed(client)
    assert set(events) == {f"{standing['id']}@phoihop", f"{ubnd['id']}@phoihop",
                           f"{session['id']}@phoihop", f"{session['id']}-hop-lien-tich@phoihop"}
    assert feed(client).keys() == events.keys()  # the UIDs hold from one download to the next

    meeting = events[f"{standing['id']}@phoihop"]
    start, end = meeting.decoded("DTSTART"), meeting.decoded("DTEND")
    assert (start.hour, end.hour, str(start.tzinfo)) == (8, 11, "Asia/Ho_Chi_Minh")
    assert meeting["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert start.utcoffset() == timedelta(hours=7)
    assert str(meeting["SUMMARY"]) == "Họp giao ban tháng Tám"
    assert str(meeting["LOCATION"]) == "Phòng họp số 2, trụ sở HĐND tỉnh"
    description = str(meeting["DESCRIPTION"])
    assert "Cơ quan họp: Thường trực HĐND" in description
    assert "Trùng lịch với cuộc họp của UBND tỉnh (10:00 05/08/2025 – 11:00 05/08/2025" in (
        description)

    sitting = events[f"{session['id']}@phoihop"]  # only days are known: all-day, 15–17 July
    assert (sitting.decoded("DTSTART"), sitting.decoded("DTEND")) == (
        date(2025, 7, 15), date(2025, 7, 18))
    assert str(sitting["SUMMARY"]) == "Kỳ họp thứ 12: Kỳ họp thứ 12"
    joint = events[f"{session['id']}-hop-lien-tich@phoihop"]
    assert joint.decoded("DTSTART") == date(2025, 6, 20)
    assert "Thành phần: HĐND, Ủy ban MTTQ Việt Nam, UBND" in str(joint["DESCRIPTION"])


def test_a_cancelled_meeting_updates_in_the_subscribers_calendar(client: TestClient,
                                                                auth: Auth) -> None:
    entry = ok(client.post("/calendar", headers=auth(Agency.UBND), json={
        "organiser_kind": "ubnd", "organiser": "UBND tỉnh", "title": "Họp thường kỳ",
        "starts_at": "2025-08-05T10:00:00+07:00", "ends_at": "2025-08-05T12:00:00+07:00",
        "place": "Hội trường UBND", "participants": []}), 201)
    uid = f"{entry['id']}@phoihop"
    before = feed(client)[uid]
    assert str(before["STATUS"]) == "CONFIRMED"

    ok(client.post(f"/calendar/{entry['id']}/cancel", headers=auth(Agency.UBND),
                   json={"reason": "Dời sang tuần sau"}))
    after = feed(client)[uid]
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    modified: datetime = after.decoded("LAST-MODIFIED")
    assert modified > before.decoded("LAST-MODIFIED")
    assert str(after["STATUS"]) == "CANCELLED"
    assert "Đã hủy: Dời sang tuần sau" in str(after["DESCRIPTION"])
