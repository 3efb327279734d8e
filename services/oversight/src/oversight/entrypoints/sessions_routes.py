"""Routes of the council's sessions as oversight knows them: the recommendations still
followed, proposed for re-review at a regular session, and that re-review recorded."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from oversight.entrypoints.deps import (
    COMMAND_PROBLEMS,
    QUERY_PROBLEMS,
    OversightCommand,
    OversightDep,
    Year,
)
from oversight.entrypoints.requests import SessionReviewCreate
from oversight.entrypoints.supervision_routes import RECOMMENDATIONS, render_recommendation
from oversight.entrypoints.views import (
    AgendaProposalPublic,
    RecommendationPublic,
    SessionPublic,
)

router = APIRouter()
TAG = "sessions (kỳ họp: kiến nghị đưa ra xem xét lại)"


@router.get("/sessions", response_model=list[SessionPublic], responses=QUERY_PROBLEMS,
            tags=[TAG])
def list_sessions(
    oversight: OversightDep, year: Year = None,
    regular: Annotated[bool | None, Query(description="Kỳ họp thường lệ.")] = None,
) -> list[SessionPublic]:
    """The council's sessions planned (from the sessions stream), by opening date."""
    return [SessionPublic.of(s) for s in oversight.planned_sessions(regular=regular, year=year)]


@router.get("/sessions/{session_id}/open-recommendations",
            response_model=AgendaProposalPublic, responses=QUERY_PROBLEMS, tags=[TAG])
def open_recommendations(session_id: UUID, oversight: OversightDep) -> AgendaProposalPublic:
    """The recommendations still followed (not accepted), issued before the session opens:
    proposed for its agenda, to be re-reviewed (a thematic session: none)."""
    session, found = oversight.agenda_proposal(session_id)
    render = render_recommendation(oversight)
    return AgendaProposalPublic(session=SessionPublic.of(session),
                                recommendations=[render(r) for r in found])


@router.post(RECOMMENDATIONS + "/{recommendation_id}/session-review",
             response_model=RecommendationPublic, responses=COMMAND_PROBLEMS, tags=[TAG])
def review_at_session(recommendation_id: UUID, body: SessionReviewCreate,
                      command: OversightCommand) -> JSONResponse:
    """Its re-review at a regular session (hdnd records it)."""
    return command.run(
        "review_at_session",
        lambda: command.app.review_at_session(command.principal, recommendation_id,
                                              **body.model_dump()),
        render_recommendation(command.app), body=body,
    )
