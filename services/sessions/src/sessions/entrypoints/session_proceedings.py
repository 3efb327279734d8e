"""Routes of a session in progress: convene, questioning (chất vấn), votes, close."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID, uuid4

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse

from sessions.domain.session_parts import Counts
from sessions.entrypoints.deps import COMMAND_PROBLEMS, SessionsCommand
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
def convene(session_id: UUID, body: ConveneCommand, command: SessionsCommand) -> JSONResponse:
    """Open the session with its attendance (hdnd); needs the joint meeting first."""
    return command.run(
        "convene", lambda: command.app.convene(command.principal, session_id, **body.model_dump()),
        SessionPublic.of, body=body,
    )


@router.post("/{session_id}/questions", status_code=201, response_model=QuestionPublic,
             responses=COMMAND_PROBLEMS)
def ask_question(session_id: UUID, body: QuestionCreate, command: SessionsCommand) -> JSONResponse:
    """A deputy questions an official (hdnd records it)."""
    question_id = uuid4()
    return command.run(
        "ask_question",
        lambda: command.app.ask_question(command.principal, session_id, question_id=question_id,
                                         **body.model_dump()),
        lambda session: QuestionPublic.of(session.questions[question_id]), body=body,
        status_code=201,
    )


@router.post("/{session_id}/questions/{question_id}/answer", response_model=QuestionPublic,
             responses=COMMAND_PROBLEMS)
def answer_question(session_id: UUID, question_id: UUID, body: AnswerCreate,
                    command: SessionsCommand) -> JSONResponse:
    """The official questioned answers (ubnd; hdnd's secretariat may record it)."""
    return command.run(
        "answer_question",
        lambda: command.app.answer_question(command.principal, session_id, question_id,
                                            **body.model_dump()),
        lambda session: QuestionPublic.of(session.questions[question_id]), body=body,
    )


@router.post("/{session_id}/questions/{question_id}/follow-ups", response_model=QuestionPublic,
             responses=COMMAND_PROBLEMS)
def follow_up_question(session_id: UUID, question_id: UUID, body: FollowUpCreate,
                       command: SessionsCommand) -> JSONResponse:
    """The deputy comes back on the answer (hdnd)."""
    return command.run(
        "follow_up_question",
        lambda: command.app.follow_up_question(command.principal, session_id, question_id,
                                               text=body.text, occurred_on=body.occurred_on),
        lambda session: QuestionPublic.of(session.questions[question_id]), body=body,
    )


@router.post("/{session_id}/votes", status_code=201, response_model=VotePublic,
             responses=COMMAND_PROBLEMS)
def vote(session_id: UUID, body: VoteCreate, command: SessionsCommand) -> JSONResponse:
    """Vote on a draft (hdnd): passed only with yes > 1/2 of ALL deputies, else rejected."""
    vote_id = uuid4()
    counts = Counts(body.yes, body.no, body.abstain, body.absent)
    return command.run(
        "vote",
        lambda: command.app.vote(command.principal, session_id, document_id=body.document_id,
                                 counts=counts, number=body.number, title=body.title,
                                 voted_on=body.voted_on, vote_id=vote_id),
        lambda session: VotePublic.of(session.votes[vote_id]), body=body, status_code=201,
    )


@router.post("/{session_id}/close", response_model=SessionPublic, responses=COMMAND_PROBLEMS)
def close_session(session_id: UUID, command: SessionsCommand,
                  body: Annotated[CloseCommand | None, Body()] = None) -> JSONResponse:
    """Close the session (bế mạc) (hdnd); the body may be left out (closed today)."""
    order = body or CloseCommand()
    return command.run(
        "close_session",
        lambda: command.app.close_session(command.principal, session_id, **order.model_dump()),
        SessionPublic.of, body=order,
    )
