"""Routes that plan and prepare sessions: plan, ask UBND for items, the joint meeting,
documents and vetting. Each needs a bearer token and accepts an Idempotency-Key."""

from __future__ import annotations

from uuid import UUID, uuid4

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from sessions.domain.session import Session
from sessions.domain.session_parts import AgendaItem
from sessions.entrypoints.deps import COMMAND_PROBLEMS, SessionsCommand
from sessions.entrypoints.requests import (
    AgendaProposalCreate,
    AgendaRequestCreate,
    DocumentCreate,
    JointMeetingConfirm,
    JointMeetingCreate,
    SessionCreate,
    VettingReportCreate,
)
from sessions.entrypoints.session_views import DocumentPublic, SessionPublic

router = APIRouter(prefix="/sessions", tags=["sessions (kỳ họp)"])


@router.post("", status_code=201, response_model=SessionPublic, responses=COMMAND_PROBLEMS)
def plan_session(body: SessionCreate, command: SessionsCommand) -> JSONResponse:
    """Plan a session (hdnd); a thematic one needs an entitled caller or ≥ 1/3 of deputies."""
    return command.run(
        "plan_session", lambda: command.app.plan_session(command.principal, **body.model_dump()),
        SessionPublic.of, body=body, status_code=201,
    )


@router.post("/{session_id}/agenda-requests", response_model=SessionPublic,
             responses=COMMAND_PROBLEMS)
def request_agenda_items(session_id: UUID, body: AgendaRequestCreate, command: SessionsCommand
                        ) -> JSONResponse:
    """The Standing Committee asks UBND for the items it will submit (hdnd)."""
    return command.run(
        "request_agenda_items",
        lambda: command.app.request_agenda_items(command.principal, session_id,
                                                 **body.model_dump()),
        SessionPublic.of, body=body,
    )


@router.post("/{session_id}/agenda-proposals", response_model=SessionPublic,
             responses=COMMAND_PROBLEMS)
def propose_agenda_item(session_id: UUID, body: AgendaProposalCreate, command: SessionsCommand
                       ) -> JSONResponse:
    """UBND (or the Standing Committee) proposes an item for the agenda."""
    return command.run(
        "propose_agenda_item",
        lambda: command.app.propose_agenda_item(command.principal, session_id, **body.model_dump()),
        SessionPublic.of, body=body,
    )


@router.post("/{session_id}/joint-meeting", response_model=SessionPublic,
             responses=COMMAND_PROBLEMS)
def hold_joint_meeting(session_id: UUID, body: JointMeetingCreate, command: SessionsCommand
                      ) -> JSONResponse:
    """Record the joint meeting (họp liên tịch) of HĐND, UBND and MTTQ (hdnd)."""
    def use_case() -> Session:
        agenda = [AgendaItem(uuid4(), i.title, i.kind, i.prepared_by, i.preparing_unit,
                             i.vetting_committee) for i in body.agenda]
        return command.app.hold_joint_meeting(
            command.principal, session_id, held_on=body.held_on, attending=body.attending,
            agreed_opening=body.agreed_opening, agreed_closing=body.agreed_closing,
            agenda=agenda, notes=body.notes,
        )
    return command.run("hold_joint_meeting", use_case, SessionPublic.of, body=body)


@router.post("/{session_id}/joint-meeting/confirmations", response_model=SessionPublic,
             responses=COMMAND_PROBLEMS)
def confirm_joint_meeting(session_id: UUID, command: SessionsCommand,
                          body: JointMeetingConfirm | None = None) -> JSONResponse:
    """UBND or MTTQ confirms the joint meeting's agreed record, for its own agency."""
    occurred_on = body.occurred_on if body is not None else None
    return command.run(
        "confirm_joint_meeting",
        lambda: command.app.confirm_joint_meeting(command.principal, session_id, occurred_on),
        SessionPublic.of, body=body,
    )


@router.post("/{session_id}/documents", status_code=201, response_model=DocumentPublic,
             responses=COMMAND_PROBLEMS)
def submit_document(session_id: UUID, body: DocumentCreate, command: SessionsCommand
                   ) -> JSONResponse:
    """Submit a document (ubnd, hdnd); one past the rulebook's deadline is flagged late."""
    document_id = uuid4()
    return command.run(
        "submit_document",
        lambda: command.app.submit_document(command.principal, session_id, document_id=document_id,
                                            **body.model_dump()),
        lambda session: DocumentPublic.of(session.documents[document_id]), body=body,
        status_code=201,
    )


@router.post("/{session_id}/vetting-reports", response_model=DocumentPublic,
             responses=COMMAND_PROBLEMS)
def report_vetting(session_id: UUID, body: VettingReportCreate, command: SessionsCommand
                  ) -> JSONResponse:
    """An HĐND committee reports on a document it vetted (thẩm tra) (hdnd)."""
    return command.run(
        "report_vetting",
        lambda: command.app.report_vetting(command.principal, session_id, **body.model_dump()),
        lambda session: DocumentPublic.of(session.documents[body.document_id]), body=body,
    )
