"""Routes of the Standing Committee's work: explanation sessions (phiên giải trình),
matters decided between sessions, and confidence ratings (lấy phiếu tín nhiệm)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from chassis.web.history import HistoryPublic
from sessions.domain.confidence import ConfidenceRating
from sessions.domain.council import BetweenSessionMatter, ExplanationSession
from sessions.domain.values import ConfidenceOutcome
from sessions.entrypoints.council_views import (
    ExplanationPublic,
    MatterPublic,
    RatingPublic,
)
from sessions.entrypoints.deps import (
    COMMAND_PROBLEMS,
    QUERY_PROBLEMS,
    AsOf,
    SessionsCommand,
    SessionsDep,
    Year,
    history,
)
from sessions.entrypoints.requests import (
    ConfidenceVoteCreate,
    ExplanationCreate,
    ExplanationHeldCreate,
    MatterCreate,
    MatterReportCreate,
    RatingCreate,
    ResignationCreate,
)

router = APIRouter()
EXPLANATIONS = "/explanation-sessions"
MATTERS = "/between-session-matters"
RATINGS = "/confidence-ratings"
Held = Annotated[bool | None, Query(description="Đã tổ chức — held or not.")]
Reported = Annotated[bool | None, Query(description="Đã báo cáo kỳ họp — reported or not.")]


# -- explanation sessions ------------------------------------------------------------------

@router.post(EXPLANATIONS, status_code=201, response_model=ExplanationPublic,
             responses=COMMAND_PROBLEMS, tags=["explanation sessions (phiên giải trình)"])
def schedule_explanation(body: ExplanationCreate, command: SessionsCommand) -> JSONResponse:
    """Schedule an explanation session of the Standing Committee (hdnd)."""
    return command.run(
        "schedule_explanation",
        lambda: command.app.schedule_explanation(command.principal, **body.model_dump()),
        ExplanationPublic.of, body=body, status_code=201,
    )


@router.post(EXPLANATIONS + "/{explanation_id}/held", response_model=ExplanationPublic,
             responses=COMMAND_PROBLEMS, tags=["explanation sessions (phiên giải trình)"])
def hold_explanation(explanation_id: UUID, body: ExplanationHeldCreate, command: SessionsCommand
                    ) -> JSONResponse:
    """Record that it was held, with conclusions and commitments (hdnd)."""
    return command.run(
        "hold_explanation",
        lambda: command.app.hold_explanation(command.principal, explanation_id,
                                             **body.model_dump()),
        ExplanationPublic.of, body=body,
    )


@router.get(EXPLANATIONS, response_model=list[ExplanationPublic], responses=QUERY_PROBLEMS,
            tags=["explanation sessions (phiên giải trình)"])
def list_explanations(sessions: SessionsDep, year: Year = None, held: Held = None,
                      as_of: AsOf = None) -> list[ExplanationPublic]:
    """List explanation sessions by scheduled date."""
    found = sessions.list_explanations(year=year, held=held, as_of=as_of)
    return [ExplanationPublic.of(e) for e in found]


@router.get(EXPLANATIONS + "/{explanation_id}", response_model=ExplanationPublic,
            responses=QUERY_PROBLEMS, tags=["explanation sessions (phiên giải trình)"])
def get_explanation(explanation_id: UUID, sessions: SessionsDep,
                    as_of: AsOf = None) -> ExplanationPublic:
    return ExplanationPublic.of(
        sessions.load(ExplanationSession, explanation_id, "explanation session", as_of))


# -- matters decided between sessions ------------------------------------------------------

@router.post(MATTERS, status_code=201, response_model=MatterPublic, responses=COMMAND_PROBLEMS,
             tags=["between-session matters (giữa hai kỳ họp)"])
def decide_matter(body: MatterCreate, command: SessionsCommand) -> JSONResponse:
    """The Standing Committee decided a matter arising between sessions (hdnd)."""
    return command.run(
        "decide_matter", lambda: command.app.decide_matter(command.principal, **body.model_dump()),
        MatterPublic.of, body=body, status_code=201,
    )


@router.post(MATTERS + "/{matter_id}/report", response_model=MatterPublic,
             responses=COMMAND_PROBLEMS, tags=["between-session matters (giữa hai kỳ họp)"])
def report_matter(matter_id: UUID, body: MatterReportCreate, command: SessionsCommand
                 ) -> JSONResponse:
    """Report the decision to the next session (hdnd)."""
    return command.run(
        "report_matter",
        lambda: command.app.report_matter(command.principal, matter_id, **body.model_dump()),
        MatterPublic.of, body=body,
    )


@router.get(MATTERS, response_model=list[MatterPublic], responses=QUERY_PROBLEMS,
            tags=["between-session matters (giữa hai kỳ họp)"])
def list_matters(sessions: SessionsDep, year: Year = None, reported: Reported = None,
                 as_of: AsOf = None) -> list[MatterPublic]:
    """List matters by date decided (seed 003: 14 in a year)."""
    return [MatterPublic.of(m) for m in sessions.list_matters(year=year, reported=reported,
                                                              as_of=as_of)]


@router.get(MATTERS + "/{matter_id}", response_model=MatterPublic, responses=QUERY_PROBLEMS,
            tags=["between-session matters (giữa hai kỳ họp)"])
def get_matter(matter_id: UUID, sessions: SessionsDep, as_of: AsOf = None) -> MatterPublic:
    return MatterPublic.of(
        sessions.load(BetweenSessionMatter, matter_id, "between-session matter", as_of))


# -- confidence ratings --------------------------------------------------------------------

@router.post(RATINGS, status_code=201, response_model=RatingPublic, responses=COMMAND_PROBLEMS,
             tags=["confidence ratings (lấy phiếu tín nhiệm)"])
def rate_confidence(body: RatingCreate, command: SessionsCommand) -> JSONResponse:
    """Record a rating; its outcome follows NQ 96/2023/QH15's thresholds (hdnd)."""
    return command.run(
        "rate_confidence",
        lambda: command.app.rate_confidence(command.principal, **body.model_dump()),
        RatingPublic.of, body=body, status_code=201,
    )


@router.post(RATINGS + "/{rating_id}/confidence-vote", response_model=RatingPublic,
             responses=COMMAND_PROBLEMS, tags=["confidence ratings (lấy phiếu tín nhiệm)"])
def hold_confidence_vote(rating_id: UUID, body: ConfidenceVoteCreate, command: SessionsCommand
                        ) -> JSONResponse:
    """The vote faced after more than half low ballots, without resigning (hdnd)."""
    return command.run(
        "hold_confidence_vote",
        lambda: command.app.hold_confidence_vote(command.principal, rating_id, **body.model_dump()),
        RatingPublic.of, body=body,
    )


@router.post(RATINGS + "/{rating_id}/resignation", response_model=RatingPublic,
             responses=COMMAND_PROBLEMS, tags=["confidence ratings (lấy phiếu tín nhiệm)"])
def record_resignation(rating_id: UUID, body: ResignationCreate, command: SessionsCommand
                      ) -> JSONResponse:
    """The official resigned after a low rating (hdnd)."""
    return command.run(
        "record_resignation",
        lambda: command.app.record_resignation(command.principal, rating_id, **body.model_dump()),
        RatingPublic.of, body=body,
    )


@router.get(RATINGS, response_model=list[RatingPublic], responses=QUERY_PROBLEMS,
            tags=["confidence ratings (lấy phiếu tín nhiệm)"])
def list_ratings(
    sessions: SessionsDep,
    session_id: Annotated[UUID | None, Query(description="Kỳ họp — session.")] = None,
    outcome: Annotated[ConfidenceOutcome | None, Query(description="Kết quả — outcome.")] = None,
    as_of: AsOf = None,
) -> list[RatingPublic]:
    found = sessions.list_ratings(session_id=session_id, outcome=outcome, as_of=as_of)
    return [RatingPublic.of(r) for r in found]


@router.get(RATINGS + "/{rating_id}", response_model=RatingPublic, responses=QUERY_PROBLEMS,
            tags=["confidence ratings (lấy phiếu tín nhiệm)"])
def get_rating(rating_id: UUID, sessions: SessionsDep, as_of: AsOf = None) -> RatingPublic:
    return RatingPublic.of(
        sessions.load(ConfidenceRating, rating_id, "confidence rating", as_of))


@router.get(EXPLANATIONS + "/{record_id}/history", response_model=HistoryPublic,
            responses=QUERY_PROBLEMS, tags=["explanation sessions (phiên giải trình)"])
def explanation_history(record_id: UUID, sessions: SessionsDep) -> HistoryPublic:
    return history(sessions, ExplanationSession, record_id, "explanation session")


@router.get(MATTERS + "/{record_id}/history", response_model=HistoryPublic,
            responses=QUERY_PROBLEMS, tags=["between-session matters (giữa hai kỳ họp)"])
def matter_history(record_id: UUID, sessions: SessionsDep) -> HistoryPublic:
    return history(sessions, BetweenSessionMatter, record_id, "between-session matter")


@router.get(RATINGS + "/{record_id}/history", response_model=HistoryPublic,
            responses=QUERY_PROBLEMS, tags=["confidence ratings (lấy phiếu tín nhiệm)"])
def rating_history(record_id: UUID, sessions: SessionsDep) -> HistoryPublic:
    return history(sessions, ConfidenceRating, record_id, "confidence rating")
