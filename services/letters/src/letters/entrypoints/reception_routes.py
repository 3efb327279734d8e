"""Routes of citizen reception (tiếp công dân): reception days recorded and listed, and the
missed reception obligations (monitoring). Bearer token on every route; the days name
officials only, never a citizen."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from chassis.web.auth import CurrentPrincipal
from chassis.web.commands import Command, command_dependency
from chassis.web.date_types import Day
from chassis.web.problems import problem_responses
from chassis.web.request_body import RequestBody
from letters.application import Letters
from letters.application.receptions import ReceptionRow
from letters.domain.reception import Holder, Missed, Receiver, Reception, Session

router = APIRouter(prefix="/receptions", tags=["citizen reception (tiếp công dân)"])
COMMAND_PROBLEMS = problem_responses(400, 401, 403, 409, 413, 422)
QUERY_PROBLEMS = problem_responses(401, 404, 422)

Name = Annotated[str, Field(min_length=1, max_length=200)]


def letters_of(request: Request) -> Letters:
    letters: Letters = request.app.state.letters
    return letters


async def get_letters(request: Request) -> Letters:
    return letters_of(request)


LettersDep = Annotated[Letters, Depends(get_letters)]
LettersCommand = Annotated[Command[Letters], Depends(command_dependency(letters_of))]


class ReceptionCreate(RequestBody):
    """Một buổi tiếp công dân — a reception day held."""

    receiver: Receiver = Field(description="Chủ tịch UBND tỉnh / xã, Thường trực HĐND, "
                               "đại biểu HĐND.")
    holder: Name | None = Field(default=None, description="Xã, hoặc đại biểu (họ tên); "
                                "không ghi với cấp tỉnh.")
    held_on: Day | None = Field(default=None, description="Ngày tiếp; hôm nay khi bỏ trống.")
    received_by: Name = Field(description="Người trực tiếp tiếp (họ tên, chức vụ).")
    online: bool = Field(default=False, description="Tiếp trực tuyến (từ 01/07/2026).")
    place: Name | None = Field(default=None, description="Địa điểm (khi tiếp trực tiếp).")
    citizens: int = Field(ge=0, le=10_000, description="Số lượt công dân được tiếp.")
    letter_ids: list[UUID] = Field(default_factory=list, max_length=500,
                                   description="Đơn nhận tại buổi tiếp.")

    def session(self, today: date) -> Session:
        return Session(Holder(self.receiver, self.holder), self.held_on or today,
                       self.received_by, self.online, self.place, self.citizens,
                       tuple(self.letter_ids))


class HolderPublic(BaseModel):
    receiver: Receiver
    holder: str | None


class ReceptionPublic(HolderPublic):
    """Một buổi tiếp công dân."""

    id: UUID
    held_on: date
    received_by: str
    online: bool
    place: str | None
    citizens: int
    letter_ids: list[UUID]
    rule_id: str
    legal_source: str

    @classmethod
    def of(cls, reception: Reception) -> ReceptionPublic:
        return cls(id=reception.id, receiver=reception.holder.receiver,
                   holder=reception.holder.name, held_on=reception.held_on,
                   received_by=reception.received_by, online=reception.online,
                   place=reception.place, citizens=reception.citizens,
                   letter_ids=reception.letter_ids, rule_id=reception.rule_id,
                   legal_source=reception.legal_source)


class ReceptionRowPublic(HolderPublic):
    id: UUID
    held_on: date
    online: bool
    citizens: int
    letters: int

    @classmethod
    def of(cls, row: ReceptionRow) -> ReceptionRowPublic:
        return cls(id=UUID(row.id), receiver=row.holder.receiver, holder=row.holder.name,
                   held_on=row.held_on, online=row.online, citizens=row.citizens,
                   letters=row.letters)


class ReceptionsPublic(BaseModel):
    count: int
    items: list[ReceptionRowPublic]


class MissedPublic(HolderPublic):
    """Một kỳ không đủ ngày tiếp công dân theo quy định."""

    id: UUID
    period_start: date
    period_end: date
    required_days: int
    held_days: int
    rule_id: str
    legal_source: str

    @classmethod
    def of(cls, missed: Missed) -> MissedPublic:
        return cls(id=missed.id, receiver=missed.holder.receiver, holder=missed.holder.name,
                   period_start=missed.period_start, period_end=missed.period_end,
                   required_days=missed.required_days, held_days=missed.held_days,
                   rule_id=missed.rule_id, legal_source=missed.legal_source)


class MissedListPublic(BaseModel):
    count: int
    items: list[MissedPublic]


Since = Annotated[Day | None, Query(alias="from", description="Từ ngày (ISO).")]
Until = Annotated[Day | None, Query(alias="to", description="Đến ngày (ISO).")]


@router.get("", response_model=ReceptionsPublic, responses=QUERY_PROBLEMS)
def list_receptions(
    letters: LettersDep, _: CurrentPrincipal,
    receiver: Annotated[Receiver | None, Query(description="Người tiếp.")] = None,
    holder: Annotated[str | None, Query(max_length=200, description="Xã, đại biểu.")] = None,
    since: Since = None, until: Until = None,
) -> ReceptionsPublic:
    """Reception days, the latest first."""
    rows = letters.receptions.rows(receiver=receiver, holder=holder, since=since, until=until)
    return ReceptionsPublic(count=len(rows), items=[ReceptionRowPublic.of(r) for r in rows])


@router.get("/missed", response_model=MissedListPublic, responses=QUERY_PROBLEMS)
def missed_receptions(letters: LettersDep, _: CurrentPrincipal, since: Since = None,
                      until: Until = None) -> MissedListPublic:
    """Monitoring: each ended period (week, month, quarter) in which a holder held fewer
    reception days than the rule in force on its first day asks."""
    found = letters.missed_receptions(since=since, until=until)
    return MissedListPublic(count=len(found), items=[MissedPublic.of(m) for m in found])


@router.get("/{reception_id}", response_model=ReceptionPublic, responses=QUERY_PROBLEMS)
def get_reception(reception_id: UUID, letters: LettersDep,
                  _: CurrentPrincipal) -> ReceptionPublic:
    """One reception day, with the letters received at it."""
    return ReceptionPublic.of(letters.load_reception(reception_id))


@router.post("", status_code=201, response_model=ReceptionPublic, responses=COMMAND_PROBLEMS)
def record_reception(body: ReceptionCreate, command: LettersCommand) -> JSONResponse:
    """A reception day held, recorded by the body whose duty it is (UBND or HĐND)."""
    return command.run(
        "record_reception",
        lambda: command.app.record_reception(command.principal,
                                             body.session(command.app.today())),
        ReceptionPublic.of, body=body, status_code=201)
