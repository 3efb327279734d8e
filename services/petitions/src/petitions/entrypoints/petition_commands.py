"""Routes that change petitions: record, consolidate, split, classify, forward, answer,
publish, follow up. Each needs a bearer token and accepts an Idempotency-Key."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from chassis.web.auth import CurrentPrincipal
from chassis.web.commands import run_command
from chassis.web.idempotency import IdempotencyKeyHeader
from petitions.application import Petitions
from petitions.domain.petition import Petition
from petitions.entrypoints.deps import PetitionsDep, problems
from petitions.entrypoints.schemas import (
    PetitionAnswer,
    PetitionClassify,
    PetitionCreate,
    PetitionForward,
    PetitionResolutionUpdate,
    PetitionsConsolidate,
    PetitionSplit,
)
from petitions.entrypoints.views import (
    PetitionPublic,
    PetitionRecordedPublic,
    SimilarPetitionPublic,
)

router = APIRouter(prefix="/petitions", tags=["petitions (kiến nghị cử tri)"])
STATE_PROBLEMS = problems(400, 401, 403, 404, 409, 413, 422)
SUGGESTIONS = 5


def public(petitions: Petitions) -> Callable[[Petition], PetitionPublic]:
    """Renders a petition as the command left it."""
    def render(petition: Petition) -> PetitionPublic:
        return PetitionPublic.of(petition, today=petitions.today())
    return render


@router.post("", status_code=201, response_model=PetitionRecordedPublic,
             responses=problems(400, 401, 404, 409, 413, 422))
def record_petition(
    body: PetitionCreate, principal: CurrentPrincipal, petitions: PetitionsDep,
    request: Request, key: IdempotencyKeyHeader = None,
) -> JSONResponse:
    """Record a voter's petition (any agency); answers with similar petitions already known."""
    def render(petition: Petition) -> PetitionRecordedPublic:
        similar = petitions.similar_to_text(petition.text, SUGGESTIONS, exclude=(petition.id,))
        return PetitionRecordedPublic(
            petition=PetitionPublic.of(petition, today=petitions.today()),
            similar=[SimilarPetitionPublic.of(row, score) for row, score in similar],
        )
    return run_command(
        "record_petition", petitions, principal, key, request, body,
        lambda: petitions.record_petition(principal, **body.model_dump()), render, 201,
    )


@router.post("/consolidate", status_code=201, response_model=PetitionPublic,
             responses=STATE_PROBLEMS)
def consolidate(
    body: PetitionsConsolidate, principal: CurrentPrincipal, petitions: PetitionsDep,
    request: Request, key: IdempotencyKeyHeader = None,
) -> JSONResponse:
    """Merge duplicate petitions into a new one that keeps every source (tổng hợp)."""
    return run_command(
        "consolidate", petitions, principal, key, request, body,
        lambda: petitions.consolidate(principal, body.petition_ids, body.text),
        public(petitions), 201,
    )


@router.post("/{petition_id}/split", response_model=PetitionPublic, responses=STATE_PROBLEMS)
def split(
    petition_id: UUID, body: PetitionSplit, principal: CurrentPrincipal,
    petitions: PetitionsDep, request: Request, key: IdempotencyKeyHeader = None,
) -> JSONResponse:
    """Undo a consolidation: withdraw it and let the merged petitions stand again."""
    return run_command(
        "split", petitions, principal, key, request, body,
        lambda: petitions.split(principal, petition_id, body.reason), public(petitions),
    )


@router.post("/{petition_id}/classify", response_model=PetitionPublic, responses=STATE_PROBLEMS)
def classify(
    petition_id: UUID, body: PetitionClassify, principal: CurrentPrincipal,
    petitions: PetitionsDep, request: Request, key: IdempotencyKeyHeader = None,
) -> JSONResponse:
    """Classify a petition by field, level and competent agency (phân loại)."""
    return run_command(
        "classify", petitions, principal, key, request, body,
        lambda: petitions.classify(principal, petition_id, **body.model_dump()),
        public(petitions),
    )


@router.post("/{petition_id}/forward", response_model=PetitionPublic, responses=STATE_PROBLEMS)
def forward(
    petition_id: UUID, principal: CurrentPrincipal, petitions: PetitionsDep, request: Request,
    body: PetitionForward | None = None, key: IdempotencyKeyHeader = None,
) -> JSONResponse:
    """Forward to the competent agency with the rulebook's due date, or re-forward with a reason."""
    order = body or PetitionForward()

    def command() -> Petition:
        if order.reason is None:
            return petitions.forward(principal, petition_id)
        return petitions.reforward(principal, petition_id, to_agency=order.to_agency,
                                   to_unit=order.to_unit, level=order.level, reason=order.reason)
    return run_command("forward", petitions, principal, key, request, order, command,
                       public(petitions))


@router.post("/{petition_id}/answer", response_model=PetitionPublic, responses=STATE_PROBLEMS)
def answer(
    petition_id: UUID, body: PetitionAnswer, principal: CurrentPrincipal,
    petitions: PetitionsDep, request: Request, key: IdempotencyKeyHeader = None,
) -> JSONResponse:
    """Answer a petition: only the agency (and unit) it was forwarded to (trả lời)."""
    return run_command(
        "answer", petitions, principal, key, request, body,
        lambda: petitions.answer(principal, petition_id, body.text), public(petitions),
    )


@router.post("/{petition_id}/publish-answer", response_model=PetitionPublic,
             responses=STATE_PROBLEMS)
def publish_answer(
    petition_id: UUID, principal: CurrentPrincipal, petitions: PetitionsDep, request: Request,
    key: IdempotencyKeyHeader = None,
) -> JSONResponse:
    """Make the answer known to the people: MTTQ only, after the answer (thông báo)."""
    return run_command(
        "publish_answer", petitions, principal, key, request, None,
        lambda: petitions.publish_answer(principal, petition_id), public(petitions),
    )


@router.post("/{petition_id}/resolution", response_model=PetitionPublic,
             responses=STATE_PROBLEMS)
def update_resolution(
    petition_id: UUID, body: PetitionResolutionUpdate, principal: CurrentPrincipal,
    petitions: PetitionsDep, request: Request, key: IdempotencyKeyHeader = None,
) -> JSONResponse:
    """Record how far the answered petition has been resolved (giám sát đến cùng)."""
    return run_command(
        "update_resolution", petitions, principal, key, request, body,
        lambda: petitions.update_resolution(principal, petition_id, **body.model_dump()),
        public(petitions),
    )
