"""Open data: the council's sessions, votes and resolutions as Popolo / OCD JSON."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from sessions.application import ocd_export
from sessions.application.popolo import export
from sessions.entrypoints.deps import QUERY_PROBLEMS, SessionsDep, Year

router = APIRouter(prefix="/open-data", tags=["open data (dữ liệu mở)"])


@router.get("/popolo", responses=QUERY_PROBLEMS)
def popolo(request: Request, sessions: SessionsDep, year: Year = None) -> dict[str, Any]:
    """Sessions as Popolo Events (with agenda), drafts as Motions classified `resolution`,
    votes as VoteEvents with counts and result. Public, no token."""
    found = sessions.list_sessions(year=year)
    return export(found, jurisdiction=request.app.state.settings.jurisdiction,
                  generated_at=sessions.now())


@router.get("/ocd", responses=QUERY_PROBLEMS)
def open_civic_data(request: Request, sessions: SessionsDep, year: Year = None) -> dict[str, Any]:
    """The same records as Open Civic Data scrape records, shaped as pupa writes them: the
    jurisdiction (its OCD division id), the council, sessions as events, drafts as bills
    classified `resolution`, votes as vote events (`bill-passage`). Public, no token."""
    found = sessions.list_sessions(year=year)
    return ocd_export.export(found, jurisdiction=request.app.state.settings.jurisdiction,
                             source_url=str(request.url_for("open_civic_data")),
                             generated_at=sessions.now())
