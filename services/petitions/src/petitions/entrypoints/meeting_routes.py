"""Routes of voter-contact meetings (hội nghị tiếp xúc cử tri)."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from chassis.web.problems import problem_responses
from petitions.entrypoints.deps import PetitionCommand, PetitionsDep
from petitions.entrypoints.schemas import MeetingCreate, MeetingHeld
from petitions.entrypoints.views import MeetingPublic

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


@router.get("/{meeting_id}", response_model=MeetingPublic, responses=problem_responses(404, 422))
def get_meeting(meeting_id: UUID, petitions: PetitionsDep) -> MeetingPublic:
    """One voter-contact meeting."""
    return MeetingPublic.of(petitions.meeting(meeting_id))
