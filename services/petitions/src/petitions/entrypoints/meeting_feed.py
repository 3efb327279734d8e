"""Voter-contact meetings as iCalendar events (``chassis.web.ical``), from the meetings
list's read model: all-day, on the day held, else on the day planned."""

from __future__ import annotations

import sys
from datetime import date

from chassis.web.ical import FeedEvent
from contracts.vocabulary import Agency
from petitions.application import MeetingQuery, Petitions
from petitions.application.summaries import MeetingSummary

FEED_NAME = "Hội nghị tiếp xúc cử tri"

_ORGANISER = {Agency.DBQH: "Đoàn ĐBQH", Agency.HDND: "HĐND", Agency.UBND: "UBND",
              Agency.MTTQ: "Ủy ban MTTQ Việt Nam"}


def feed_events(petitions: Petitions) -> list[FeedEvent]:
    """Every meeting, planned and held: a subscriber keeps the past ones too."""
    page = petitions.list_meetings(MeetingQuery(limit=sys.maxsize))
    return [_event(m) for m in page.items]


def _event(meeting: MeetingSummary) -> FeedEvent:
    day = meeting.held_on or meeting.scheduled_on
    return FeedEvent(
        record_id=meeting.id, summary=meeting.title,
        location=", ".join(p for p in (meeting.place, meeting.commune) if p),
        description="\n".join(_lines(meeting)), last_modified=meeting.modified_on,
        sequence=meeting.version, on_day=day,
    )


def _lines(meeting: MeetingSummary) -> list[str]:
    lines = [f"Hội nghị tiếp xúc cử tri tại {meeting.commune}",
             f"Cơ quan tổ chức: {_ORGANISER[meeting.organised_by]}"]
    if meeting.held_on is None:
        lines.append(f"Dự kiến tổ chức ngày {_day(meeting.scheduled_on)}")
        if meeting.deputies:
            lines.append(f"Đại biểu: {', '.join(meeting.deputies)}")
        return lines
    lines.append(f"Đã tổ chức ngày {_day(meeting.held_on)}, {meeting.attendance} cử tri dự")
    if meeting.deputies_present:
        lines.append(f"Đại biểu có mặt: {', '.join(meeting.deputies_present)}")
    return lines


def _day(day: date) -> str:
    return f"{day:%d/%m/%Y}"
