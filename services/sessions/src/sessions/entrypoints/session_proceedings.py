"""Routes of a session in progress: convene, questioning (chất vấn), votes, close."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID, uuid4

from fastapi import APIRouter, Body, Request
from fastapi.responses import JSONResponse

from chassis.web.auth import CurrentPrincipal
from chassis.web.commands import run_command
from chassis.web.idempotency import IdempotencyKeyHeader
from sessions.domain.session_parts import Counts
from sessions.entrypoints.deps import COMMAND_PROBLEMS, SessionsDep
from sessions.entrypoints.requests import (
    AnswerCreate,
    CloseCommand,
    ConveneCommand,
    FollowUpCreate,
    QuestionCreate,
    VoteCreate,
)
from sessions.entrypoints.session_views import QuestionPublic, SessionPublic, VotePublic

router = APIRouter(prefix="/sessions", tags=["sessions (kỳ họp)"])


@router.post("/{session_id}/convene", response_model=SessionPublic, responses=COMMAND_PROBLEMS)
def convene(session_id: UUID, body: ConveneCommand, principal: CurrentPrincipal,
            sessions: SessionsDep, request: Request,
            key: IdempotencyKeyHeader = None) -> JSONResponse:
    """Open the session with its attendance (hdnd); needs the joint meeting first."""
    return run_command(
        "convene", sessions, principal, key, request, body,
        lambda: sessions.convene(principal, session_id, **body.model_dump()), SessionPublic.of,
    )


@router.post("/{session_id}/questions", status_code=201, response_model=QuestionPublic,
             responses=COMMAND_PROBLEMS)
def ask_question(session_id: UUID, body: QuestionCreate, principal: CurrentPrincipal,
                 sessions: SessionsDep, request: Request,
                 key: IdempotencyKeyHeader = None) -> JSONResponse:
    """A deputy questions an official (hdnd records it)."""
    question_id = uuid4()
    return run_command(
        "ask_question", sessions, principal, key, request, body,
        lambda: sessions.ask_question(principal, session_id, question_id=question_id,
                                      **body.model_dump()),
        lambda session: QuestionPublic.of(session.questions[question_id]), 201,
    )


@router.post("/{session_id}/questions/{question_id}/answer", response_model=QuestionPublic,
             responses=COMMAND_PROBLEMS)
def answer_question(session_id: UUID, question_id: UUID, body: AnswerCreate,
                    principal: CurrentPrincipal, sessions: SessionsDep, request: Request,
                    key: IdempotencyKeyHeader = None) -> JSONResponse:
    """The official questioned answers (ubnd; hdnd's secretariat may record it)."""
    return run_command(
        "answer_question", sessions, principal, key, request, body,
        lambda: sessions.answer_question(principal, session_id, question_id,
                                         **body.model_dump()),
        lambda session: QuestionPublic.of(session.questions[question_id]),
    )


@router.post("/{session_id}/questions/{question_id}/follow-ups", response_model=QuestionPublic,
             responses=COMMAND_PROBLEMS)
def follow_up_question(session_id: UUID, question_id: UUID, body: FollowUpCreate,
                       principal: CurrentPrincipal, sessions: SessionsDep, request: Request,
                       key: IdempotencyKeyHeader = None) -> JSONResponse:
    """The deputy comes back on the answer (hdnd)."""
    return run_command(
        "follow_up_question", sessions, principal, key, request, body,
        lambda: sessions.follow_up_question(principal, session_id, question_id, text=body.text),
        lambda session: QuestionPublic.of(session.questions[question_id]),
    )


@router.post("/{session_id}/votes", status_code=201, response_model=VotePublic,
             responses=COMMAND_PROBLEMS)
def vote(session_id: UUID, body: VoteCreate, principal: CurrentPrincipal,
         sessions: SessionsDep, request: Request,
         key: IdempotencyKeyHeader = None) -> JSONResponse:
    """Vote on a draft (hdnd): passed only with yes > 1/2 of ALL deputies, else rejected."""
    vote_id = uuid4()
    counts = Counts(body.yes, body.no, body.abstain, body.absent)
    return run_command(
        "vote", sessions, principal, key, request, body,
        lambda: sessions.vote(principal, session_id, document_id=body.document_id,
                              counts=counts, number=body.number, title=body.title,
                              voted_on=body.voted_on, vote_id=vote_id),
        lambda session: VotePublic.of(session.votes[vote_id]), 201,
    )


@router.post("/{session_id}/close", response_model=SessionPublic, responses=COMMAND_PROBLEMS)
def close_session(session_id: UUID, principal: CurrentPrincipal, sessions: SessionsDep,
                  request: Request, body: Annotated[CloseCommand | None, Body()] = None,
                  key: IdempotencyKeyHeader = None) -> JSONResponse:
    """Close the session (bế mạc) (hdnd); the body may be left out (closed today)."""
    command = body or CloseCommand()
    return run_command(
        "close_session", sessions, principal, key, request, command,
        lambda: sessions.close_session(principal, session_id, **command.model_dump()),
        SessionPublic.of,
    )
