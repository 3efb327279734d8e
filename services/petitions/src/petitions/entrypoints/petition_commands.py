"""Routes that change petitions: record, consolidate, split, classify, forward, answer,
publish, follow up. Each needs a bearer token and accepts an Idempotency-Key."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from chassis.web.commands import Command
from chassis.web.problems import problem_responses
from petitions.application import Petitions
from petitions.domain.petition import Petition
from petitions.entrypoints.deps import PetitionCommand
from petitions.entrypoints.schemas import (
    PetitionAnswer,
    PetitionClassify,
    PetitionCreate,
    PetitionForward,
    PetitionPublish,
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
STATE_PROBLEMS = problem_responses(400, 401, 403, 404, 409, 413, 422)
SUGGESTIONS = 5


def public(command: Command[Petitions]) -> Callable[[Petition], PetitionPublic]:
    """Renders a petition as the command left it, as its caller may see it."""
    def render(petition: Petition) -> PetitionPublic:
        return PetitionPublic.of(petition, today=command.app.today(), reader=command.principal)
    return render


@router.post("", status_code=201, response_model=PetitionRecordedPublic,
             responses=problem_responses(400, 401, 404, 409, 413, 422))
def record_petition(body: PetitionCreate, command: PetitionCommand) -> JSONResponse:
    """Record a voter's petition (any agency); answers with similar petitions already known."""
    petitions = command.app

    def render(petition: Petition) -> PetitionRecordedPublic:
        similar = petitions.similar_to_text(petition.text, SUGGESTIONS, exclude=(petition.id,))
        return PetitionRecordedPublic(
            petition=PetitionPublic.of(petition, today=petitions.today(),
                                       reader=command.principal),
            similar=[SimilarPetitionPublic.of(row, score) for row, score in similar],
        )
    return command.run(
        "record_petition",
        lambda: petitions.record_petition(command.principal, **body.model_dump()), render,
        body=body, status_code=201,
    )


@router.post("/consolidate", status_code=201, response_model=PetitionPublic,
             responses=STATE_PROBLEMS)
def consolidate(body: PetitionsConsolidate, command: PetitionCommand) -> JSONResponse:
    """Merge duplicate petitions into a new one that keeps every source (tổng hợp)."""
    return command.run(
        "consolidate",
        lambda: command.app.consolidate(command.principal, body.petition_ids, body.text,
                                        body.occurred_on),
        public(command), body=body, status_code=201,
    )


@router.post("/{petition_id}/split", response_model=PetitionPublic, responses=STATE_PROBLEMS)
def split(petition_id: UUID, body: PetitionSplit, command: PetitionCommand) -> JSONResponse:
    """Undo a consolidation: withdraw it and let the merged petitions stand again."""
    return command.run(
        "split", lambda: command.app.split(command.principal, petition_id, body.reason,
                                           body.occurred_on),
        public(command), body=body,
    )


@router.post("/{petition_id}/classify", response_model=PetitionPublic, responses=STATE_PROBLEMS)
def classify(petition_id: UUID, body: PetitionClassify, command: PetitionCommand
             ) -> JSONResponse:
    """Classify a petition by field, level and competent agency (phân loại)."""
    return command.run(
        "classify",
        lambda: command.app.classify(command.principal, petition_id, **body.model_dump()),
        public(command), body=body,
    )


@router.post("/{petition_id}/forward", response_model=PetitionPublic, responses=STATE_PROBLEMS)
def forward(petition_id: UUID, command: PetitionCommand, body: PetitionForward | None = None
            ) -> JSONResponse:
    """Forward to the competent agency with the rulebook's due date, or re-forward with a reason."""
    order = body or PetitionForward()
    petitions, principal = command.app, command.principal

    def use_case() -> Petition:
        if order.reason is None:
            return petitions.forward(principal, petition_id, order.forwarded_on)
        return petitions.reforward(principal, petition_id, to_agency=order.to_agency,
                                   to_unit=order.to_unit, level=order.level, reason=order.reason,
                                   forwarded_on=order.forwarded_on)
    return command.run("forward", use_case, public(command), body=order)


@router.post("/{petition_id}/answer", response_model=PetitionPublic, responses=STATE_PROBLEMS)
def answer(petition_id: UUID, body: PetitionAnswer, command: PetitionCommand) -> JSONResponse:
    """Answer a petition: only the agency (and unit) it was forwarded to (trả lời)."""
    return command.run(
        "answer", lambda: command.app.answer(command.principal, petition_id, body.text,
                                             body.answered_on),
        public(command), body=body,
    )


@router.post("/{petition_id}/publish-answer", response_model=PetitionPublic,
             responses=STATE_PROBLEMS)
def publish_answer(petition_id: UUID, command: PetitionCommand,
                   body: PetitionPublish | None = None) -> JSONResponse:
    """Make the answer known to the people: MTTQ only, after the answer (thông báo)."""
    order = body or PetitionPublish()
    return command.run(
        "publish_answer",
        lambda: command.app.publish_answer(command.principal, petition_id, order.published_on),
        public(command), body=body,
    )


@router.post("/{petition_id}/resolution", response_model=PetitionPublic,
             responses=STATE_PROBLEMS)
def update_resolution(petition_id: UUID, body: PetitionResolutionUpdate,
                      command: PetitionCommand) -> JSONResponse:
    """Record how far the answered petition has been resolved (giám sát đến cùng)."""
    return command.run(
        "update_resolution",
        lambda: command.app.update_resolution(command.principal, petition_id,
                                              **body.model_dump()),
        public(command), body=body,
    )
