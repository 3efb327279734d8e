"""Routes that read petitions: the list, overdue ones, one petition (now or as of a past
time), its history and similar petitions. Reads are public: voters' petitions and their
published answers are public records. An answer MTTQ has not published yet is shown only
to the agencies concerned (a token on the read says who asks; domain/policy.py)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from chassis.web.auth import OptionalPrincipal
from chassis.web.date_types import Moment
from chassis.web.history import HistoryPublic
from chassis.web.problems import problem_responses
from chassis.web.request_body import LINE_PATTERN
from contracts.vocabulary import Agency, JurisdictionLevel, PolicyField
from petitions.application import PetitionQuery
from petitions.domain.values import PetitionStatus
from petitions.entrypoints.deps import PetitionsDep
from petitions.entrypoints.schemas import PETITION_TEXT_MAX
from petitions.entrypoints.views import (
    PetitionPublic,
    PetitionsPublic,
    SimilarPetitionPublic,
    TimelinessPublic,
)

router = APIRouter(prefix="/petitions", tags=["petitions (kiến nghị cử tri)"])

Limit = Annotated[int, Query(ge=1, le=200, description="Số dòng mỗi trang — page size.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Bỏ qua — rows to skip.")]
AgencyFilter = Annotated[Agency | None, Query(description="Cơ quan có thẩm quyền — agency.")]
UnitFilter = Annotated[str | None, Query(
    min_length=1, max_length=200, pattern=LINE_PATTERN, description="Sở, ngành, đơn vị — "
    "unit (the same name in any case or Unicode form).")]


@router.get("", response_model=PetitionsPublic, responses=problem_responses(422))
def list_petitions(
    petitions: PetitionsDep,
    status: Annotated[PetitionStatus | None, Query(
        description="Trạng thái — status. Without it, petitions merged into another "
        "(consolidated) or withdrawn are left out.")] = None,
    agency: AgencyFilter = None,
    unit: UnitFilter = None,
    field: Annotated[PolicyField | None, Query(description="Lĩnh vực — field.")] = None,
    level: Annotated[JurisdictionLevel | None, Query(description="Cấp — level.")] = None,
    commune: Annotated[str | None, Query(max_length=200, description="Xã, phường.")] = None,
    overdue: Annotated[bool | None, Query(description="Quá hạn — overdue only.")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Tìm trong nội dung, không "
                                   "phân biệt dấu — text search, accent-insensitive.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> PetitionsPublic:
    """List petitions, newest first, with filters and pagination."""
    query = PetitionQuery(status=status, agency=agency, unit=unit, field=field, level=level,
                          commune=commune, overdue=overdue, text=q, limit=limit, offset=offset)
    return PetitionsPublic.of(petitions.list_petitions(query), petitions.today())


@router.get("/overdue", response_model=PetitionsPublic, responses=problem_responses(422))
def list_overdue(
    petitions: PetitionsDep, agency: AgencyFilter = None, unit: UnitFilter = None,
    limit: Limit = 50, offset: Offset = 0,
) -> PetitionsPublic:
    """Petitions forwarded and past their due date without an answer (quá hạn)."""
    query = PetitionQuery(overdue=True, agency=agency, unit=unit, limit=limit, offset=offset)
    return PetitionsPublic.of(petitions.list_petitions(query), petitions.today())


@router.get("/timeliness", response_model=TimelinessPublic)
def timeliness(petitions: PetitionsDep) -> TimelinessPublic:
    """Per agency and unit: petitions answered on time and late, the on-time share (only
    from the rulebook's minimum number of answers up), and those unanswered now, overdue
    or not yet due (trả lời đúng hạn, trễ hạn, quá hạn). Public, as the petitions are."""
    return TimelinessPublic.of(petitions.timeliness(), petitions.minimum_for_share(),
                               petitions.today())


@router.get("/similar", response_model=list[SimilarPetitionPublic],
            responses=problem_responses(422))
def similar_to_text(
    petitions: PetitionsDep,
    text: Annotated[str, Query(
        min_length=1, max_length=PETITION_TEXT_MAX,
        description="Nội dung đang soạn — a petition's wording, before it is recorded.")],
    limit: Annotated[int, Query(ge=1, le=50, description="Tối đa — at most.")] = 5,
) -> list[SimilarPetitionPublic]:
    """Active petitions worded like a text not yet recorded (shown while a clerk types)."""
    return [SimilarPetitionPublic.of(row, score)
            for row, score in petitions.similar_to_text(text, limit)]


@router.get("/{petition_id}", response_model=PetitionPublic, responses=problem_responses(404, 422))
def get_petition(
    petition_id: UUID, petitions: PetitionsDep, reader: OptionalPrincipal,
    as_of: Annotated[Moment | None, Query(
        description="Trạng thái tại thời điểm — the petition as it stood then (ISO 8601; "
        "UTC if no offset).")] = None,
) -> PetitionPublic:
    """One petition. A merged id answers with that petition, its merged_into and current_id."""
    if as_of is not None:
        then = petitions.petition(petition_id, as_of)
        return PetitionPublic.of(then, today=as_of.date(), current_id=then.id, reader=reader)
    petition = petitions.petition(petition_id)
    return PetitionPublic.of(petition, today=petitions.today(),
                             current_id=petitions.current_id(petition_id), reader=reader)


@router.get("/{petition_id}/history", response_model=HistoryPublic,
            responses=problem_responses(404, 422))
def petition_history(petition_id: UUID, petitions: PetitionsDep,
                     reader: OptionalPrincipal) -> HistoryPublic:
    """Every stored event of a petition, oldest first (audit); an answer not yet published
    is left out of its event unless the reader is of an agency concerned."""
    events = petitions.petition_history(petition_id)
    withheld = petitions.petition(petition_id).fields_withheld_from(reader)
    return HistoryPublic.of(petition_id, events, withheld)


@router.get("/{petition_id}/similar", response_model=list[SimilarPetitionPublic],
            responses=problem_responses(404, 422))
def similar_petitions(
    petition_id: UUID, petitions: PetitionsDep,
    limit: Annotated[int, Query(ge=1, le=50, description="Tối đa — at most.")] = 5,
) -> list[SimilarPetitionPublic]:
    """Active petitions worded like this one: candidates to consolidate."""
    return [SimilarPetitionPublic.of(row, score)
            for row, score in petitions.similar_to(petition_id, limit)]
