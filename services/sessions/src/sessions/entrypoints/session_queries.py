"""Routes that read sessions: the list, one session (now or as of a past time), its
history. Reads are public: the council's sessions and votes are public records."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from chassis.web.history import HistoryPublic
from sessions.domain.session import Session
from sessions.domain.values import SessionKind, SessionStatus
from sessions.entrypoints.deps import QUERY_PROBLEMS, AsOf, SessionsDep, Year, history
from sessions.entrypoints.session_views import SessionPublic, SessionsPublic, SessionSummaryPublic

router = APIRouter(prefix="/sessions", tags=["sessions (kỳ họp)"])


@router.get("", response_model=SessionsPublic, responses=QUERY_PROBLEMS)
def list_sessions(
    sessions: SessionsDep,
    kind: Annotated[SessionKind | None, Query(description="Loại kỳ họp — kind.")] = None,
    status: Annotated[SessionStatus | None, Query(description="Trạng thái — status.")] = None,
    year: Year = None,
    as_of: AsOf = None,
) -> SessionsPublic:
    """List sessions by opening date, with filters; ``as_of`` lists them as they stood."""
    found = sessions.list_sessions(kind=kind, status=status, year=year, as_of=as_of)
    return SessionsPublic(count=len(found), items=[SessionSummaryPublic.of(s) for s in found])


@router.get("/{session_id}", response_model=SessionPublic, responses=QUERY_PROBLEMS)
def get_session(session_id: UUID, sessions: SessionsDep, as_of: AsOf = None) -> SessionPublic:
    """One session with its preparation, documents, questions and votes."""
    return SessionPublic.of(sessions.load(Session, session_id, "session", as_of))


@router.get("/{session_id}/history", response_model=HistoryPublic, responses=QUERY_PROBLEMS)
def session_history(session_id: UUID, sessions: SessionsDep) -> HistoryPublic:
    """Every event of the session, oldest first (audit by replay)."""
    return history(sessions, Session, session_id, "session")
