"""Routes of voter-contact meetings (hội nghị tiếp xúc cử tri)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response

from chassis.web.date_types import Day
from chassis.web.ical import MEDIA_TYPE, calendar_response
from chassis.web.problems import problem_responses
from kernel.errors import Wording
from petitions.application import MeetingQuery
from petitions.domain.errors import InvalidPetitionError
from petitions.entrypoints.deps import PetitionCommand, PetitionsDep
from petitions.entrypoints.meeting_feed import FEED_NAME, feed_events
from petitions.entrypoints.petition_queries import Limit, Offset
from petitions.entrypoints.schemas import MeetingCreate, MeetingHeld
from petitions.entrypoints.views import MeetingPublic, MeetingsPublic

router = APIRouter(prefix="/voter-contacts", tags=["voter contacts (tiếp xúc cử tri)"])


@router.post("", status_code=201, response_model=MeetingPublic,
             responses=problem_responses(400, 401, 403, 413, 422))
def plan_meeting(body: MeetingCreate, command: PetitionCommand) -> JSONResponse:
    """Plan a voter-contact meeting (MTTQ, or the deputies' offices)."""
    return command.run(
        "plan_meeting", lambda: command.app.plan_meeting(command.principal, **body.model_dump()),
        MeetingPublic.of, body=body, status_code=201,
    )


@router.post("/{meeting_id}/held", response_model=MeetingPublic,
             responses=problem_responses(400, 401, 403, 404, 409, 413, 422))
def mark_meeting_held(meeting_id: UUID, body: MeetingHeld, command: PetitionCommand
                      ) -> JSONResponse:
    """Mark a meeting as held, with its attendance; petitions can then be recorded at it."""
    return command.run(
        "mark_meeting_held",
        lambda: command.app.mark_meeting_held(command.principal, meeting_id,
                                              **body.model_dump()),
        MeetingPublic.of, body=body,
    )


@router.get(".ics", response_class=Response, responses={
    200: {"content": {MEDIA_TYPE: {}}, "description": "Lịch TXCT — iCalendar (RFC 5545)."}})
def meetings_feed(petitions: PetitionsDep) -> Response:
    """The meetings, planned and held, as an iCalendar feed to subscribe to; public, as
    the list is."""
    return calendar_response(FEED_NAME, feed_events(petitions), filename="tiep-xuc-cu-tri.ics")


@router.get("", response_model=MeetingsPublic, responses=problem_responses(422))
def list_meetings(
    petitions: PetitionsDep,
    held: Annotated[bool | None, Query(description="Đã tổ chức — held (true) or only "
                                       "planned (false).")] = None,
    commune: Annotated[str | None, Query(max_length=200, description="Xã, phường (the same "
                                         "name in any case or Unicode form).")] = None,
    scheduled_from: Annotated[Day | None, Query(description="Ngày dự kiến từ — planned on "
                                                "or after.")] = None,
    scheduled_to: Annotated[Day | None, Query(description="Ngày dự kiến đến — planned on "
                                              "or before.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> MeetingsPublic:
    """List voter-contact meetings, the latest planned date first, with filters and
    pagination. Public, as one meeting is."""
    if scheduled_from and scheduled_to and scheduled_from > scheduled_to:
        raise InvalidPetitionError(Wording(
            "scheduled_from is after scheduled_to: the range holds no day",
            "Ngày bắt đầu (scheduled_from) sau ngày kết thúc (scheduled_to)"),
            scheduled_from=scheduled_from.isoformat(), scheduled_to=scheduled_to.isoformat())
    query = MeetingQuery(held=held, commune=commune, scheduled_from=scheduled_from,
                         scheduled_to=scheduled_to, limit=limit, offset=offset)
    return MeetingsPublic.of(petitions.list_meetings(query))


@router.get("/{meeting_id}", response_model=MeetingPublic, responses=problem_responses(404, 422))
def get_meeting(meeting_id: UUID, petitions: PetitionsDep) -> MeetingPublic:
    """One voter-contact meeting."""
    return MeetingPublic.of(petitions.meeting(meeting_id))
