"""Routes that plan and prepare sessions: plan, ask UBND for items, the joint meeting,
documents and vetting. Each needs a bearer token and accepts an Idempotency-Key."""

from __future__ import annotations

from uuid import UUID, uuid4

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from chassis.web.auth import CurrentPrincipal
from chassis.web.commands import run_command
from chassis.web.idempotency import IdempotencyKeyHeader
from sessions.domain.session import Session
from sessions.domain.session_parts import AgendaItem
from sessions.entrypoints.deps import COMMAND_PROBLEMS, SessionsDep
from sessions.entrypoints.requests import (
    AgendaProposalCreate,
    AgendaRequestCreate,
    DocumentCreate,
    JointMeetingCreate,
    SessionCreate,
    VettingReportCreate,
)
from sessions.entrypoints.session_views import DocumentPublic, SessionPublic

router = APIRouter(prefix="/sessions", tags=["sessions (kỳ họp)"])


@router.post("", status_code=201, response_model=SessionPublic, responses=COMMAND_PROBLEMS)
def plan_session(body: SessionCreate, principal: CurrentPrincipal, sessions: SessionsDep,
                 request: Request, key: IdempotencyKeyHeader = None) -> JSONResponse:
    """Plan a session (hdnd); a thematic one needs an entitled caller or ≥ 1/3 of deputies."""
    return run_command(
        "plan_session", sessions, principal, key, request, body,
        lambda: sessions.plan_session(principal, **body.model_dump()), SessionPublic.of, 201,
    )


@router.post("/{session_id}/agenda-requests", response_model=SessionPublic,
             responses=COMMAND_PROBLEMS)
def request_agenda_items(session_id: UUID, body: AgendaRequestCreate,
                         principal: CurrentPrincipal, sessions: SessionsDep, request: Request,
                         key: IdempotencyKeyHeader = None) -> JSONResponse:
    """The Standing Committee asks UBND for the items it will submit (hdnd)."""
    return run_command(
        "request_agenda_items", sessions, principal, key, request, body,
        lambda: sessions.request_agenda_items(principal, session_id, **body.model_dump()),
        SessionPublic.of,
    )


@router.post("/{session_id}/agenda-proposals", response_model=SessionPublic,
             responses=COMMAND_PROBLEMS)
def propose_agenda_item(session_id: UUID, body: AgendaProposalCreate,
                        principal: CurrentPrincipal, sessions: SessionsDep, request: Request,
                        key: IdempotencyKeyHeader = None) -> JSONResponse:
    """UBND (or the Standing Committee) proposes an item for the agenda."""
    return run_command(
        "propose_agenda_item", sessions, principal, key, request, body,
        lambda: sessions.propose_agenda_item(principal, session_id, **body.model_dump()),
        SessionPublic.of,
    )


@router.post("/{session_id}/joint-meeting", response_model=SessionPublic,
             responses=COMMAND_PROBLEMS)
def hold_joint_meeting(session_id: UUID, body: JointMeetingCreate, principal: CurrentPrincipal,
                       sessions: SessionsDep, request: Request,
                       key: IdempotencyKeyHeader = None) -> JSONResponse:
    """Record the joint meeting (họp liên tịch) of HĐND, UBND and MTTQ (hdnd)."""
    def command() -> Session:
        agenda = [AgendaItem(uuid4(), i.title, i.kind, i.prepared_by, i.preparing_unit,
                             i.vetting_committee) for i in body.agenda]
        return sessions.hold_joint_meeting(
            principal, session_id, held_on=body.held_on, attending=body.attending,
            agreed_opening=body.agreed_opening, agreed_closing=body.agreed_closing,
            agenda=agenda, notes=body.notes,
        )
    return run_command("hold_joint_meeting", sessions, principal, key, request, body, command,
                       SessionPublic.of)


@router.post("/{session_id}/joint-meeting/confirmations", response_model=SessionPublic,
             responses=COMMAND_PROBLEMS)
def confirm_joint_meeting(session_id: UUID, principal: CurrentPrincipal, sessions: SessionsDep,
                          request: Request, key: IdempotencyKeyHeader = None) -> JSONResponse:
    """UBND or MTTQ confirms the joint meeting's agreed record, for its own agency."""
    return run_command(
        "confirm_joint_meeting", sessions, principal, key, request, None,
        lambda: sessions.confirm_joint_meeting(principal, session_id), SessionPublic.of,
    )


@router.post("/{session_id}/documents", status_code=201, response_model=DocumentPublic,
             responses=COMMAND_PROBLEMS)
def submit_document(session_id: UUID, body: DocumentCreate, principal: CurrentPrincipal,
                    sessions: SessionsDep, request: Request,
                    key: IdempotencyKeyHeader = None) -> JSONResponse:
    """Submit a document (ubnd, hdnd); one past the rulebook's deadline is flagged late."""
    document_id = uuid4()
    return run_command(
        "submit_document", sessions, principal, key, request, body,
        lambda: sessions.submit_document(principal, session_id, document_id=document_id,
                                         **body.model_dump()),
        lambda session: DocumentPublic.of(session.documents[document_id]), 201,
    )


@router.post("/{session_id}/vetting-reports", response_model=DocumentPublic,
             responses=COMMAND_PROBLEMS)
def report_vetting(session_id: UUID, body: VettingReportCreate, principal: CurrentPrincipal,
                   sessions: SessionsDep, request: Request,
                   key: IdempotencyKeyHeader = None) -> JSONResponse:
    """An HĐND committee reports on a document it vetted (thẩm tra) (hdnd)."""
    return run_command(
        "report_vetting", sessions, principal, key, request, body,
        lambda: sessions.report_vetting(principal, session_id, **body.model_dump()),
        lambda session: DocumentPublic.of(session.documents[body.document_id]),
    )
