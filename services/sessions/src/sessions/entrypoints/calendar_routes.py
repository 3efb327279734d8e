"""Routes of the shared meeting calendar of the Standing Committee, the committees and
UBND: enter and cancel meetings (each body its own), list them, list the clashes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response

from chassis.web.date_types import Instant
from chassis.web.history import HistoryPublic
from chassis.web.ical import MEDIA_TYPE, calendar_response
from sessions.application import Sessions
from sessions.domain.calendar import CalendarEntry
from sessions.entrypoints.calendar_feed import FEED_NAME, feed_events
from sessions.entrypoints.council_views import CalendarEntryPublic, ClashPublic
from sessions.entrypoints.deps import (
    COMMAND_PROBLEMS,
    QUERY_PROBLEMS,
    AsOf,
    SessionsCommand,
    SessionsDep,
    history,
)
from sessions.entrypoints.requests import MeetingCancel, MeetingCreate

router = APIRouter(prefix="/calendar", tags=["calendar (lịch họp)"])


def render(sessions: Sessions, entry: CalendarEntry,
           as_of: datetime | None = None) -> CalendarEntryPublic:
    """An entry; a clash is active while the other meeting still stands (then, or now)."""
    standing = {e.id: e.is_active for e in sessions.records(CalendarEntry, as_of)}
    # An entry not stored yet is the one this very command is scheduling: it stands.
    return CalendarEntryPublic.of(entry, lambda other_id: standing.get(other_id, True))


@router.post("", status_code=201, response_model=CalendarEntryPublic, responses=COMMAND_PROBLEMS)
def schedule_meeting(body: MeetingCreate, command: SessionsCommand) -> JSONResponse:
    """Enter a meeting (hdnd for its bodies, ubnd for UBND); clashes are recorded."""
    # Held until the save, which a keyed command defers until the use case has returned.
    with command.app.calendar_lock:
        return command.run(
            "schedule_meeting",
            lambda: command.app.schedule_meeting(command.principal, **body.model_dump()),
            lambda entry: render(command.app, entry), body=body, status_code=201,
        )


@router.post("/{entry_id}/cancel", response_model=CalendarEntryPublic,
             responses=COMMAND_PROBLEMS)
def cancel_meeting(entry_id: UUID, body: MeetingCancel, command: SessionsCommand) -> JSONResponse:
    """Take a meeting off the calendar (the body that holds it); its clashes end."""
    with command.app.calendar_lock:
        return command.run(
            "cancel_meeting",
            lambda: command.app.cancel_meeting(command.principal, entry_id, reason=body.reason),
            lambda entry: render(command.app, entry), body=body,
        )


@router.get(".ics", response_class=Response, responses={
    200: {"content": {MEDIA_TYPE: {}}, "description": "Lịch họp — iCalendar (RFC 5545)."}})
def calendar_feed(sessions: SessionsDep) -> Response:
    """The meetings, sessions and joint meetings as an iCalendar feed to subscribe to;
    public, as the calendar is. Cancelled meetings stay in it, marked cancelled, so a
    subscriber's copy is taken off too."""
    return calendar_response(FEED_NAME, feed_events(sessions), filename="lich-hop.ics")


@router.get("", response_model=list[CalendarEntryPublic], responses=QUERY_PROBLEMS)
def list_calendar(
    sessions: SessionsDep,
    starts_from: Annotated[Instant | None, Query(alias="from",
                                                       description="Từ — from.")] = None,
    until: Annotated[Instant | None, Query(description="Đến — until.")] = None,
    organiser: Annotated[str | None, Query(max_length=200, description="Cơ quan họp.")] = None,
    include_cancelled: bool = False,
    as_of: AsOf = None,
) -> list[CalendarEntryPublic]:
    """Meetings in time order, with filters."""
    found = sessions.list_calendar(starts_from=starts_from, until=until, organiser=organiser,
                                   include_cancelled=include_cancelled, as_of=as_of)
    return [render(sessions, entry, as_of) for entry in found]


@router.get("/clashes", response_model=list[ClashPublic], responses=QUERY_PROBLEMS)
def list_clashes(sessions: SessionsDep, include_resolved: bool = False,
                 as_of: AsOf = None) -> list[ClashPublic]:
    """Meetings that clash: same body, or someone booked twice, at overlapping times."""
    return [ClashPublic.of_view(v) for v in sessions.clashes(include_resolved=include_resolved,
                                                             as_of=as_of)]


@router.get("/{entry_id}", response_model=CalendarEntryPublic, responses=QUERY_PROBLEMS)
def get_meeting(entry_id: UUID, sessions: SessionsDep, as_of: AsOf = None
                ) -> CalendarEntryPublic:
    entry = sessions.load(CalendarEntry, entry_id, "calendar entry", as_of)
    return render(sessions, entry, as_of)


@router.get("/{entry_id}/history", response_model=HistoryPublic, responses=QUERY_PROBLEMS)
def meeting_history(entry_id: UUID, sessions: SessionsDep) -> HistoryPublic:
    return history(sessions, CalendarEntry, entry_id, "calendar entry")
