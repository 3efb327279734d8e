"""Routes of the letters API. Every route needs a bearer token: letters name people
(complainants; and a denouncer's identity is in the vault, behind its own route)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from chassis.web.auth import CurrentPrincipal
from chassis.web.commands import Command, command_dependency
from chassis.web.date_types import Instant
from chassis.web.history import HistoryPublic
from chassis.web.problems import problem_responses
from contracts.vocabulary import Agency
from kernel.clock import day_in_vietnam
from letters.application import Letters
from letters.domain.errors import InvalidLetterError
from letters.domain.letter import Letter
from letters.domain.values import LetterKind, Status
from letters.entrypoints.requests import (
    AcceptCreate,
    DecideCreate,
    ExtendCreate,
    ForwardCreate,
    GuideCreate,
    LetterCreate,
    NotifiedCreate,
    Why,
    WithdrawCreate,
)
from letters.entrypoints.views import IdentityPublic, LetterPublic, LettersPublic

router = APIRouter(prefix="/letters", tags=["letters (đơn thư)"])
COMMAND_PROBLEMS = problem_responses(400, 401, 403, 404, 409, 413, 422)
QUERY_PROBLEMS = problem_responses(401, 404, 422)
# The letter's opaque vault id stays inside the service, even in its history.
HISTORY_WITHHELD = {"Received": frozenset({"identity_ref"})}
NO_STORE = {"Cache-Control": "no-store"}


def letters_of(request: Request) -> Letters:
    letters: Letters = request.app.state.letters
    return letters


async def get_letters(request: Request) -> Letters:
    return letters_of(request)


LettersDep = Annotated[Letters, Depends(get_letters)]
LettersCommand = Annotated[Command[Letters], Depends(command_dependency(letters_of))]
AsOf = Annotated[Instant | None, Query(
    description="Trạng thái tại thời điểm — the state as it stood then (RFC 3339).")]


def _view(command: Command[Letters]) -> Callable[[Letter], LetterPublic]:
    return lambda letter: LetterPublic.of(letter, command.app.today())


@router.get("", response_model=LettersPublic, responses=QUERY_PROBLEMS)
def list_letters(
    letters: LettersDep, _: CurrentPrincipal,
    kind: Annotated[LetterKind | None, Query(description="Loại đơn (as handled).")] = None,
    status: Annotated[Status | None, Query(description="Trạng thái.")] = None,
    handler: Annotated[Agency | None, Query(description="Cơ quan đang giữ đơn.")] = None,
    as_of: AsOf = None,
) -> LettersPublic:
    """Letters in the order received, with filters."""
    today = day_in_vietnam(as_of) if as_of else letters.today()
    found = letters.list_letters(kind=kind, status=status, handler=handler, as_of=as_of)
    return LettersPublic(count=len(found), items=[LetterPublic.of(x, today) for x in found])


@router.get("/{letter_id}", response_model=LetterPublic, responses=QUERY_PROBLEMS)
def get_letter(letter_id: UUID, letters: LettersDep, _: CurrentPrincipal,
               as_of: AsOf = None) -> LetterPublic:
    """One letter, its limits and the repeats found."""
    today = day_in_vietnam(as_of) if as_of else letters.today()
    return LetterPublic.of(letters.load_letter(letter_id, as_of), today)


@router.get("/{letter_id}/history", response_model=HistoryPublic, responses=QUERY_PROBLEMS)
def letter_history(letter_id: UUID, letters: LettersDep, _: CurrentPrincipal) -> HistoryPublic:
    """Every event of the letter, oldest first."""
    return HistoryPublic.of(letter_id, letters.history_of(Letter, letter_id, "letter"),
                            HISTORY_WITHHELD)


@router.post("", status_code=201, response_model=LetterPublic, responses=COMMAND_PROBLEMS)
def receive_letter(body: LetterCreate, command: LettersCommand) -> JSONResponse:
    """A letter received by the caller's body; a denouncer's identity goes to the vault."""
    denouncer = body.denouncer.identity() if body.denouncer else None
    # The Idempotency-Key's fingerprint is a hash kept in the letters store: a hash of the
    # identity there could be matched by trying names against the rest of the body, which
    # the store holds. So the identity is left out of it (a reused key with only another
    # identity replays the first letter instead of answering 422).
    fingerprinted = body.model_copy(update={"denouncer": None})
    return command.run(
        "receive_letter",
        lambda: command.app.receive(command.principal, body.intake(), denouncer=denouncer),
        _view(command), body=fingerprinted, status_code=201)


@router.post("/{letter_id}/appeal", status_code=201, response_model=LetterPublic,
             responses=COMMAND_PROBLEMS)
def appeal(letter_id: UUID, body: LetterCreate, command: LettersCommand) -> JSONResponse:
    """A second complaint against this letter's first-instance result (to the body above)."""
    if body.denouncer is not None:  # a complaint names its complainant as the sender
        raise InvalidLetterError("an appeal is a complaint: it names no denouncer")
    return command.run(
        "appeal_letter", lambda: command.app.appeal(command.principal, letter_id, body.intake()),
        _view(command), body=body, status_code=201)


@router.post("/{letter_id}/accept", response_model=LetterPublic, responses=COMMAND_PROBLEMS)
def accept(letter_id: UUID, body: AcceptCreate, command: LettersCommand) -> JSONResponse:
    """Thụ lý: the handling body takes the letter on."""
    return command.run("accept_letter", lambda: command.app.accept(
        command.principal, letter_id, **body.model_dump()), _view(command), body=body)


@router.post("/{letter_id}/forward", response_model=LetterPublic, responses=COMMAND_PROBLEMS)
def forward(letter_id: UUID, body: ForwardCreate, command: LettersCommand) -> JSONResponse:
    """Chuyển đơn to the competent body."""
    return command.run("forward_letter", lambda: command.app.forward(
        command.principal, letter_id, **body.model_dump()), _view(command), body=body)


@router.post("/{letter_id}/guide", response_model=LetterPublic, responses=COMMAND_PROBLEMS)
def guide(letter_id: UUID, body: GuideCreate, command: LettersCommand) -> JSONResponse:
    """Hướng dẫn: the sender is told where to go, and why."""
    return command.run("guide_letter", lambda: command.app.guide(
        command.principal, letter_id, **body.model_dump()), _view(command), body=body)


@router.post("/{letter_id}/extend", response_model=LetterPublic, responses=COMMAND_PROBLEMS)
def extend(letter_id: UUID, body: ExtendCreate, command: LettersCommand) -> JSONResponse:
    """Gia hạn: a denunciation's limit, by 30 days, at most twice."""
    return command.run("extend_letter", lambda: command.app.extend(
        command.principal, letter_id, **body.model_dump()), _view(command), body=body)


@router.post("/{letter_id}/decide", response_model=LetterPublic, responses=COMMAND_PROBLEMS)
def decide(letter_id: UUID, body: DecideCreate, command: LettersCommand) -> JSONResponse:
    """The result: the decision on a complaint, the conclusion on a denunciation."""
    return command.run("decide_letter", lambda: command.app.decide(
        command.principal, letter_id, **body.model_dump()), _view(command), body=body)


@router.post("/{letter_id}/denouncer-notified", response_model=LetterPublic,
             responses=COMMAND_PROBLEMS)
def denouncer_notified(letter_id: UUID, body: NotifiedCreate,
                       command: LettersCommand) -> JSONResponse:
    """The denouncer was told of the acceptance (by the handling body, from the vault)."""
    return command.run("notify_denouncer", lambda: command.app.record_denouncer_notified(
        command.principal, letter_id, **body.model_dump()), _view(command), body=body)


@router.post("/{letter_id}/withdraw", response_model=LetterPublic, responses=COMMAND_PROBLEMS)
def withdraw(letter_id: UUID, body: WithdrawCreate, command: LettersCommand) -> JSONResponse:
    """Rút khiếu nại (complaints received from 2026-07-01, Law 136/2025)."""
    return command.run("withdraw_letter", lambda: command.app.withdraw(
        command.principal, letter_id, **body.model_dump()), _view(command), body=body)


@router.post("/{letter_id}/denouncer/reveal", response_model=IdentityPublic,
             responses=COMMAND_PROBLEMS)
def reveal_denouncer(letter_id: UUID, body: Why, letters: LettersDep,
                     principal: CurrentPrincipal) -> JSONResponse:
    """The denouncer's identity, to the leader of the handling body only; every attempt
    is recorded in the vault (a refused one answers 403). Never stored as an idempotent
    response, never cached."""
    identity = letters.reveal_denouncer(principal, letter_id, why=body.why)
    return JSONResponse(IdentityPublic.of(identity).model_dump(mode="json"), headers=NO_STORE)


@router.post("/{letter_id}/denouncer/erase", status_code=204, responses=COMMAND_PROBLEMS)
def erase_denouncer(letter_id: UUID, body: Why, letters: LettersDep,
                    principal: CurrentPrincipal) -> None:
    """Crypto-shredding: the identity's data key is destroyed; the letter stays."""
    letters.erase_denouncer(principal, letter_id, why=body.why)
