"""Routes of the monitoring from other services' events: how each agency answers the
petitions forwarded to it, the petitions overdue now, the resolutions without guidance."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from contracts.vocabulary import Agency
from oversight.application import AgencyFigures
from oversight.domain.monitoring import PetitionWatch, ResolutionWatch
from oversight.entrypoints.deps import QUERY_PROBLEMS, OversightDep

router = APIRouter(prefix="/monitoring")
TAG = "monitoring (theo dõi từ sự kiện của các dịch vụ khác)"


class AgencyPetitionsPublic(BaseModel):
    """Kiến nghị cử tri đã chuyển đến một cơ quan và việc trả lời."""

    agency: Agency
    forwarded: int = Field(description="Đã chuyển — petitions forwarded to it.")
    answered_on_time: int = Field(description="Trả lời đúng hạn — answered on time.")
    answered_late: int = Field(description="Trả lời trễ hạn — answered late.")
    overdue_now: int = Field(description="Đang quá hạn — unanswered past the due date, today.")

    @classmethod
    def of(cls, f: AgencyFigures) -> AgencyPetitionsPublic:
        return cls(agency=f.agency, forwarded=f.forwarded,
                   answered_on_time=f.answered_on_time, answered_late=f.answered_late,
                   overdue_now=f.overdue_now)


class OverduePetitionPublic(BaseModel):
    """Kiến nghị quá hạn trả lời — found by oversight, still unanswered."""

    petition_id: UUID
    agency: Agency
    unit: str | None
    forwarded_on: date
    due_date: date
    days_overdue: int

    @classmethod
    def of(cls, p: PetitionWatch, today: date) -> OverduePetitionPublic:
        return cls(petition_id=p.petition_id, agency=p.agency, unit=p.unit,
                   forwarded_on=p.forwarded_on, due_date=p.due_date,
                   days_overdue=(today - p.due_date).days)


class ResolutionWithoutGuidancePublic(BaseModel):
    """Nghị quyết đã thông qua, UBND chưa có văn bản hướng dẫn quá thời hạn."""

    resolution_id: UUID
    number: str
    title: str
    passed_on: date
    guidance_due: date
    rule_id: str
    legal_source: str
    days_waiting: int = Field(description="Days since it was passed.")

    @classmethod
    def of(cls, r: ResolutionWatch, today: date) -> ResolutionWithoutGuidancePublic:
        return cls(resolution_id=r.resolution_id, number=r.number, title=r.title,
                   passed_on=r.passed_on, guidance_due=r.guidance_due, rule_id=r.rule_id,
                   legal_source=r.legal_source, days_waiting=(today - r.passed_on).days)


@router.get("/petitions", response_model=list[AgencyPetitionsPublic],
            responses=QUERY_PROBLEMS, tags=[TAG])
def petitions_by_agency(oversight: OversightDep) -> list[AgencyPetitionsPublic]:
    """Per agency: petitions forwarded, answered on time, answered late, overdue now."""
    return [AgencyPetitionsPublic.of(f) for f in oversight.petition_figures()]


@router.get("/petitions/overdue", response_model=list[OverduePetitionPublic],
            responses=QUERY_PROBLEMS, tags=[TAG])
def overdue_petitions(
    oversight: OversightDep,
    agency: Annotated[Agency | None, Query(description="Cơ quan phải trả lời.")] = None,
) -> list[OverduePetitionPublic]:
    """Petitions found unanswered past their due date, still unanswered, oldest due first."""
    today = oversight.today()
    return [OverduePetitionPublic.of(p, today) for p in oversight.overdue_petitions(agency)]


@router.get("/resolutions/without-guidance",
            response_model=list[ResolutionWithoutGuidancePublic],
            responses=QUERY_PROBLEMS, tags=[TAG])
def resolutions_without_guidance(oversight: OversightDep
                                 ) -> list[ResolutionWithoutGuidancePublic]:
    """Passed resolutions with no UBND guidance after the rulebook's days
    (`oversight.resolution.guidance`)."""
    today = oversight.today()
    return [ResolutionWithoutGuidancePublic.of(r, today)
            for r in oversight.resolutions_without_guidance()]
