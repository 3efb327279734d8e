"""iCalendar feeds (RFC 5545) that staff subscribe to from their calendar programs.

A service turns its meetings into ``FeedEvent`` values and answers with ``calendar_response``.
Times are written in Asia/Ho_Chi_Minh with its VTIMEZONE, so every calendar program shows
the Vietnamese hour; a meeting known only by its day is an all-day event. A subscriber
replaces an event it already has when the same UID comes with a higher SEQUENCE (the
record's version) or a later LAST-MODIFIED, so a changed meeting updates in place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from fastapi.responses import Response
from icalendar import Calendar, Event

HO_CHI_MINH = ZoneInfo("Asia/Ho_Chi_Minh")
MEDIA_TYPE = "text/calendar; charset=utf-8"
# The UID's right-hand side names the publisher, so ids from other systems never collide.
UID_DOMAIN = "phoihop"


@dataclass(frozen=True)
class FeedEvent:
    """One meeting of a feed: timed (``starts_at``/``ends_at``) or all-day (``on_day``,
    through ``last_day`` when it lasts several days). ``part`` tells apart two events of
    one record (a session and its joint meeting)."""

    record_id: UUID
    summary: str
    location: str
    description: str
    last_modified: datetime
    sequence: int
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    on_day: date | None = None
    last_day: date | None = None
    cancelled: bool = False
    part: str = ""

    @property
    def uid(self) -> str:
        suffix = f"-{self.part}" if self.part else ""
        return f"{self.record_id}{suffix}@{UID_DOMAIN}"


def calendar_response(name: str, events: Iterable[FeedEvent], *,
                      filename: str) -> Response:
    """The feed as a ``text/calendar`` answer."""
    return Response(
        content=calendar_of(name, events).to_ical(), media_type=MEDIA_TYPE,
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )


def calendar_of(name: str, events: Iterable[FeedEvent]) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//phoihop//lich hop//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for event in events:
        calendar.add_component(_vevent(event))
    calendar.add_missing_timezones()
    return calendar


def _vevent(event: FeedEvent) -> Event:
    vevent = Event()
    vevent.add("uid", event.uid)
    # DTSTAMP is when the feed's copy of the event was last changed, not the request's
    # time: the same meeting reads the same in two downloads.
    vevent.add("dtstamp", event.last_modified.astimezone(UTC))
    vevent.add("last-modified", event.last_modified.astimezone(UTC))
    vevent.add("sequence", event.sequence)
    vevent.add("summary", event.summary)
    if event.location:
        vevent.add("location", event.location)
    vevent.add("description", event.description)
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    if event.on_day is not None:
        vevent.add("dtstart", event.on_day)
        last_day = max(event.last_day or event.on_day, event.on_day)
        vevent.add("dtend", last_day + timedelta(days=1))  # DTEND is exclusive
    elif event.starts_at is not None and event.ends_at is not None:
        vevent.add("dtstart", event.starts_at.astimezone(HO_CHI_MINH))
        vevent.add("dtend", event.ends_at.astimezone(HO_CHI_MINH))
    else:
        raise ValueError(f"event {event.record_id} has neither a day nor a start and an end")
    return vevent
