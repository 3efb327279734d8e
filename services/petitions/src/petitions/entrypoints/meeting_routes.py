"""Routes of voter-contact meetings (hội nghị tiếp xúc cử tri)."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from chassis.web.auth import CurrentPrincipal
from chassis.web.commands import run_command
from chassis.web.idempotency import IdempotencyKeyHeader
from petitions.entrypoints.deps import PetitionsDep, problems
from petitions.entrypoints.schemas import MeetingCreate, MeetingHeld
from petitions.entrypoints.views import MeetingPublic

router = APIRouter(prefix="/voter-contacts", tags=["voter contacts (tiếp xúc cử tri)"])


@router.post("", status_code=201, response_model=MeetingPublic,
             responses=problems(400, 401, 403, 413, 422))
def plan_meeting(
    body: MeetingCreate, principal: CurrentPrincipal, petitions: PetitionsDep,
    request: Request, key: IdempotencyKeyHeader = None,
) -> JSONResponse:
    """Plan a voter-contact meeting (MTTQ, or the deputies' offices)."""
    return run_command(
        "plan_meeting", petitions, principal, key, request, body,
        lambda: petitions.plan_meeting(principal, **body.model_dump()),
        MeetingPublic.of, status_code=201,
    )


@router.post("/{meeting_id}/held", response_model=MeetingPublic,
             responses=problems(400, 401, 403, 404, 409, 413, 422))
def mark_meeting_held(
    meeting_id: UUID, body: MeetingHeld, principal: CurrentPrincipal, petitions: PetitionsDep,
    request: Request, key: IdempotencyKeyHeader = None,
) -> JSONResponse:
    """Mark a meeting as held, with its attendance; petitions can then be recorded at it."""
    return run_command(
        "mark_meeting_held", petitions, principal, key, request, body,
        lambda: petitions.mark_meeting_held(principal, meeting_id, **body.model_dump()),
        MeetingPublic.of,
    )


@router.get("/{meeting_id}", response_model=MeetingPublic, responses=problems(404, 422))
def get_meeting(meeting_id: UUID, petitions: PetitionsDep) -> MeetingPublic:
    """One voter-contact meeting."""
    return MeetingPublic.of(petitions.meeting(meeting_id))
