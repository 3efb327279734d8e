"""Routes of resolutions after their session: the list, the guidance lag, one resolution,
its history; UBND records implementation guidance and the deployment conference."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from chassis.auth import CurrentPrincipal
from chassis.commands import run_command
from chassis.history import HistoryPublic
from chassis.idempotency import IdempotencyKeyHeader
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
        sessions.record(Resolution, resolution_id, "resolution", as_of), today
    )


@router.get("/{resolution_id}/history", response_model=HistoryPublic, responses=QUERY_PROBLEMS)
def resolution_history(resolution_id: UUID, sessions: SessionsDep) -> HistoryPublic:
    """Every event of the resolution, oldest first."""
    return history(sessions, Resolution, resolution_id, "resolution")


@router.post("/{resolution_id}/guidance", status_code=201, response_model=ResolutionPublic,
             responses=COMMAND_PROBLEMS)
def issue_guidance(resolution_id: UUID, body: GuidanceCreate, principal: CurrentPrincipal,
                   sessions: SessionsDep, request: Request,
                   key: IdempotencyKeyHeader = None) -> JSONResponse:
    """UBND issues implementation guidance; the lag from passing is recorded (ubnd)."""
    return run_command(
        "issue_guidance", sessions, principal, key, request, body,
        lambda: sessions.issue_guidance(principal, resolution_id, **body.model_dump()),
        lambda resolution: ResolutionPublic.of(resolution, sessions.today()), 201,
    )


@router.post("/{resolution_id}/deployment-conference", response_model=ResolutionPublic,
             responses=COMMAND_PROBLEMS)
def hold_deployment_conference(resolution_id: UUID, body: ConferenceCreate,
                               principal: CurrentPrincipal, sessions: SessionsDep,
                               request: Request,
                               key: IdempotencyKeyHeader = None) -> JSONResponse:
    """UBND held the conference deploying the resolution (ubnd)."""
    return run_command(
        "hold_deployment_conference", sessions, principal, key, request, body,
        lambda: sessions.hold_deployment_conference(principal, resolution_id,
                                                    **body.model_dump()),
        lambda resolution: ResolutionPublic.of(resolution, sessions.today()),
    )
