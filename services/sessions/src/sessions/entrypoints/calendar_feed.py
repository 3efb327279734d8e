"""The meetings calendar as iCalendar events (``chassis.web.ical``): the shared calendar's
meetings (timed, with their clashes), the council sessions (all-day, from opening to
closing) and the joint meetings that prepare them (all-day)."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from chassis.web.ical import HO_CHI_MINH, FeedEvent
from contracts.vocabulary import Agency
from sessions.application import Sessions
from sessions.domain.calendar import CalendarEntry, Clash
from sessions.domain.session import Session
from sessions.domain.values import SessionKind, SessionStatus

FEED_NAME = "Lịch họp HĐND"

_KIND = {SessionKind.REGULAR: "Kỳ họp thường lệ", SessionKind.THEMATIC: "Kỳ họp chuyên đề"}
_AGENCY = {Agency.DBQH: "Đoàn ĐBQH", Agency.HDND: "HĐND", Agency.UBND: "UBND",
           Agency.MTTQ: "Ủy ban MTTQ Việt Nam"}
_STATUS = {SessionStatus.PLANNED: "Đang chuẩn bị", SessionStatus.CONVENED: "Đã khai mạc",
           SessionStatus.CLOSED: "Đã bế mạc"}


def feed_events(sessions: Sessions) -> list[FeedEvent]:
    entries = sessions.list_calendar(include_cancelled=True)
    standing = {e.id: e.is_active for e in entries}
    events = [_meeting(e, standing) for e in entries]
    for session in sessions.list_sessions():
        events.append(_session(session))
        if session.joint_meeting is not None:
            events.append(_joint_meeting(session))
    return events


def _meeting(entry: CalendarEntry, standing: dict[UUID, bool]) -> FeedEvent:
    lines = [f"Cơ quan họp: {entry.organiser}"]
    if entry.participants:
        lines.append(f"Thành phần: {', '.join(entry.participants)}")
    # A clash shows while both meetings stand, as the calendar's own list shows it.
    lines += [_clash_line(c) for c in entry.clashes
              if entry.is_active and standing.get(c.other_entry_id, True)]
    if entry.cancelled_reason is not None:
        lines.append(f"Đã hủy: {entry.cancelled_reason}")
    return FeedEvent(
        record_id=entry.id, summary=entry.title, location=entry.place,
        description="\n".join(lines), last_modified=_modified(entry), sequence=entry.version,
        starts_at=entry.starts_at, ends_at=entry.ends_at, cancelled=not entry.is_active,
    )


def _clash_line(clash: Clash) -> str:
    start, end = (t.astimezone(HO_CHI_MINH) for t in (clash.overlap_start, clash.overlap_end))
    who = ("cùng cơ quan" if clash.same_body
           else f"cùng người dự: {', '.join(clash.shared_participants)}")
    return (f"Trùng lịch với cuộc họp của {clash.other_organiser} "
            f"({start:%H:%M %d/%m/%Y} – {end:%H:%M %d/%m/%Y}; {who})")


def _session(session: Session) -> FeedEvent:
    opening = session.opening_on
    closing = session.closed_on or session.closing_on or opening
    lines = [_KIND[session.kind], f"Nhiệm kỳ {session.term}", _STATUS[session.status]]
    return FeedEvent(
        record_id=session.id, summary=f"Kỳ họp thứ {session.number}: {session.title}",
        location=session.place, description="\n".join(lines),
        last_modified=_modified(session), sequence=session.version,
        on_day=opening, last_day=max(closing, opening),
    )


def _joint_meeting(session: Session) -> FeedEvent:
    meeting = session.joint_meeting
    assert meeting is not None
    lines = [f"Thành phần: {', '.join(_AGENCY[a] for a in meeting.attending)}",
             f"Thống nhất khai mạc ngày {_day(meeting.agreed_opening)}"]
    if meeting.agreed_closing is not None:
        lines.append(f"Bế mạc ngày {_day(meeting.agreed_closing)}")
    if meeting.notes:
        lines.append(meeting.notes)
    return FeedEvent(
        record_id=session.id, part="hop-lien-tich",
        summary=f"Họp liên tịch chuẩn bị kỳ họp thứ {session.number}", location="",
        description="\n".join(lines), last_modified=_modified(session),
        sequence=session.version, on_day=meeting.held_on,
    )


def _day(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def _modified(record: CalendarEntry | Session) -> datetime:
    modified: datetime = record.modified_on
    return modified
