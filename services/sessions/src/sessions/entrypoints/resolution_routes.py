"""Routes of resolutions after their session: the list, the guidance lag, one resolution,
its history; UBND records implementation guidance and the deployment conference."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from chassis.web.history import HistoryPublic
from contracts.vocabulary import PolicyField
from kernel.clock import day_in_vietnam
from sessions.domain.resolution import Resolution
from sessions.entrypoints.council_views import (
    GuidanceLagPublic,
    ResolutionPublic,
    ResolutionsPublic,
)
from sessions.entrypoints.deps import (
    COMMAND_PROBLEMS,
    QUERY_PROBLEMS,
    AsOf,
    SessionsCommand,
    SessionsDep,
    Year,
    history,
)
from sessions.entrypoints.requests import ConferenceCreate, GuidanceCreate

router = APIRouter(prefix="/resolutions", tags=["resolutions (nghị quyết)"])


@router.get("", response_model=ResolutionsPublic, responses=QUERY_PROBLEMS)
def list_resolutions(
    sessions: SessionsDep,
    session_id: Annotated[UUID | None, Query(description="Kỳ họp — session.")] = None,
    field: Annotated[PolicyField | None, Query(description="Lĩnh vực — field.")] = None,
    awaiting_guidance: Annotated[bool | None, Query(
        description="Chưa có văn bản hướng dẫn — without implementation guidance yet.")] = None,
    year: Year = None,
    as_of: AsOf = None,
) -> ResolutionsPublic:
    """List resolutions by date passed, with filters."""
    today = day_in_vietnam(as_of) if as_of else sessions.today()
    found = sessions.list_resolutions(session_id=session_id, field=field, year=year,
                                      awaiting_guidance=awaiting_guidance, as_of=as_of)
    return ResolutionsPublic(count=len(found),
                             items=[ResolutionPublic.of(r, today) for r in found])


@router.get("/guidance-lag", response_model=GuidanceLagPublic, responses=QUERY_PROBLEMS)
def guidance_lag(sessions: SessionsDep, year: Year = None,
                 as_of: AsOf = None) -> GuidanceLagPublic:
    """How long resolutions waited from passing to UBND's first guidance."""
    return GuidanceLagPublic.of(sessions.guidance_lag(year=year, as_of=as_of))


@router.get("/{resolution_id}", response_model=ResolutionPublic, responses=QUERY_PROBLEMS)
def get_resolution(resolution_id: UUID, sessions: SessionsDep,
                   as_of: AsOf = None) -> ResolutionPublic:
    """One resolution, its guidance and the lag to it."""
    today = day_in_vietnam(as_of) if as_of else sessions.today()
    return ResolutionPublic.of(
        sessions.load(Resolution, resolution_id, "resolution", as_of), today
    )


@router.get("/{resolution_id}/history", response_model=HistoryPublic, responses=QUERY_PROBLEMS)
def resolution_history(resolution_id: UUID, sessions: SessionsDep) -> HistoryPublic:
    """Every event of the resolution, oldest first."""
    return history(sessions, Resolution, resolution_id, "resolution")


@router.post("/{resolution_id}/guidance", status_code=201, response_model=ResolutionPublic,
             responses=COMMAND_PROBLEMS)
def issue_guidance(resolution_id: UUID, body: GuidanceCreate, command: SessionsCommand
                  ) -> JSONResponse:
    """UBND issues implementation guidance; the lag from passing is recorded (ubnd)."""
    return command.run(
        "issue_guidance",
        lambda: command.app.issue_guidance(command.principal, resolution_id, **body.model_dump()),
        lambda resolution: ResolutionPublic.of(resolution, command.app.today()), body=body,
        status_code=201,
    )


@router.post("/{resolution_id}/deployment-conference", response_model=ResolutionPublic,
             responses=COMMAND_PROBLEMS)
def hold_deployment_conference(resolution_id: UUID, body: ConferenceCreate,
                               command: SessionsCommand) -> JSONResponse:
    """UBND held the conference deploying the resolution (ubnd)."""
    return command.run(
        "hold_deployment_conference",
        lambda: command.app.hold_deployment_conference(command.principal, resolution_id,
                                                       **body.model_dump()),
        lambda resolution: ResolutionPublic.of(resolution, command.app.today()), body=body,
    )
