"""Routes of the supervision programmes (chương trình giám sát) and their overlaps."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from chassis.web.history import HistoryPublic
from contracts.vocabulary import PolicyField
from oversight.domain.overlap import Overlap
from oversight.domain.programme import Programme
from oversight.domain.values import SupervisingBody
from oversight.entrypoints.deps import (
    COMMAND_PROBLEMS,
    QUERY_PROBLEMS,
    AsOf,
    OversightCommand,
    OversightDep,
    Year,
    history,
)
from oversight.entrypoints.requests import (
    OverlapResolutionCreate,
    ProgrammeCreate,
    RescheduleCreate,
    TopicCreate,
)
from oversight.entrypoints.views import OverlapPublic, ProgrammePublic

router = APIRouter()
PROGRAMMES = "/programmes"
OVERLAPS = "/overlaps"
PROGRAMME_TAG = "programmes (chương trình giám sát)"
OVERLAP_TAG = "overlaps (trùng lặp giám sát)"
Body = Annotated[SupervisingBody | None, Query(description="Chủ thể giám sát — body.")]
BodyName = Annotated[str | None, Query(max_length=200, description="Tên Ban / Tổ.")]
Field = Annotated[PolicyField | None, Query(description="Lĩnh vực — a topic's field.")]
Unit = Annotated[str | None, Query(max_length=200, description="Đơn vị — a unit visited.")]
OpenOnly = Annotated[bool | None, Query(alias="open", description="Chưa xử lý — open or not.")]


@router.post(PROGRAMMES, status_code=201, response_model=ProgrammePublic,
             responses=COMMAND_PROBLEMS, tags=[PROGRAMME_TAG])
def adopt_programme(body: ProgrammeCreate, command: OversightCommand) -> JSONResponse:
    """Adopt a body's programme for a year (hdnd for its bodies, mttq for MTTQ); overlaps
    with the other side's topics are found at once."""
    return command.run(
        "adopt_programme",
        lambda: command.app.adopt_programme(
            command.principal, id=body.id, year=body.year, body=body.body,
            body_name=body.body_name, adopted_on=body.adopted_on,
            items=[topic.draft() for topic in body.topics]),
        ProgrammePublic.of, body=body, status_code=201,
    )


@router.post(PROGRAMMES + "/{programme_id}/topics", response_model=ProgrammePublic,
             responses=COMMAND_PROBLEMS, tags=[PROGRAMME_TAG])
def add_topic(programme_id: UUID, body: TopicCreate, command: OversightCommand
              ) -> JSONResponse:
    """Add a topic to a programme (its body)."""
    return command.run(
        "add_topic",
        lambda: command.app.add_item(command.principal, programme_id, body.draft()),
        ProgrammePublic.of, body=body,
    )


@router.post(PROGRAMMES + "/{programme_id}/topics/{item_id}/reschedule",
             response_model=ProgrammePublic, responses=COMMAND_PROBLEMS, tags=[PROGRAMME_TAG])
def reschedule_topic(programme_id: UUID, item_id: UUID, body: RescheduleCreate,
                     command: OversightCommand) -> JSONResponse:
    """Move a topic's window (its body); overlaps it leaves are resolved as rescheduled."""
    return command.run(
        "reschedule_topic",
        lambda: command.app.reschedule_item(command.principal, programme_id, item_id,
                                            **body.model_dump()),
        ProgrammePublic.of, body=body,
    )


@router.get(PROGRAMMES, response_model=list[ProgrammePublic], responses=QUERY_PROBLEMS,
            tags=[PROGRAMME_TAG])
def list_programmes(oversight: OversightDep, year: Year = None, body: Body = None,
                    body_name: BodyName = None, field: Field = None, unit: Unit = None,
                    as_of: AsOf = None) -> list[ProgrammePublic]:
    """List programmes by year and body."""
    found = oversight.list_programmes(year=year, body=body, body_name=body_name, field=field,
                                      unit=unit, as_of=as_of)
    return [ProgrammePublic.of(p) for p in found]


@router.get(PROGRAMMES + "/{programme_id}", response_model=ProgrammePublic,
            responses=QUERY_PROBLEMS, tags=[PROGRAMME_TAG])
def get_programme(programme_id: UUID, oversight: OversightDep,
                  as_of: AsOf = None) -> ProgrammePublic:
    return ProgrammePublic.of(oversight.load(Programme, programme_id, "programme", as_of))


@router.get(PROGRAMMES + "/{programme_id}/history", response_model=HistoryPublic,
            responses=QUERY_PROBLEMS, tags=[PROGRAMME_TAG])
def programme_history(programme_id: UUID, oversight: OversightDep) -> HistoryPublic:
    return history(oversight, Programme, programme_id, "programme")


@router.get(OVERLAPS, response_model=list[OverlapPublic], responses=QUERY_PROBLEMS,
            tags=[OVERLAP_TAG])
def list_overlaps(oversight: OversightDep, open_only: OpenOnly = None, year: Year = None,
                  as_of: AsOf = None) -> list[OverlapPublic]:
    """List overlaps between HĐND and MTTQ topics (`?open=true`: those still to resolve)."""
    return [OverlapPublic.of(o)
            for o in oversight.list_overlaps(open_only=open_only, year=year, as_of=as_of)]


@router.get(OVERLAPS + "/{overlap_id}", response_model=OverlapPublic,
            responses=QUERY_PROBLEMS, tags=[OVERLAP_TAG])
def get_overlap(overlap_id: UUID, oversight: OversightDep, as_of: AsOf = None
                ) -> OverlapPublic:
    return OverlapPublic.of(oversight.load(Overlap, overlap_id, "overlap", as_of))


@router.get(OVERLAPS + "/{overlap_id}/history", response_model=HistoryPublic,
            responses=QUERY_PROBLEMS, tags=[OVERLAP_TAG])
def overlap_history(overlap_id: UUID, oversight: OversightDep) -> HistoryPublic:
    return history(oversight, Overlap, overlap_id, "overlap")


@router.post(OVERLAPS + "/{overlap_id}/resolve", response_model=OverlapPublic,
             responses=COMMAND_PROBLEMS, tags=[OVERLAP_TAG])
def resolve_overlap(overlap_id: UUID, body: OverlapResolutionCreate,
                    command: OversightCommand) -> JSONResponse:
    """Resolve an overlap by a joint supervision or by accepting it with a reason (hdnd or
    mttq)."""
    return command.run(
        "resolve_overlap",
        lambda: command.app.resolve_overlap(command.principal, overlap_id,
                                            resolution=body.resolution, reason=body.reason,
                                            resolved_on=body.resolved_on),
        OverlapPublic.of, body=body,
    )
