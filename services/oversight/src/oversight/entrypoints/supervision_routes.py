"""Routes of supervisions (đợt giám sát), their reports, and the recommendations followed to
the end (theo dõi sau giám sát)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from chassis.web.history import HistoryPublic
from contracts.vocabulary import Agency
from kernel.clock import day_in_vietnam
from oversight.application import Oversight
from oversight.domain.recommendation import FollowUp, Recommendation
from oversight.domain.supervision import Supervision
from oversight.domain.values import SupervisingBody
from oversight.entrypoints.deps import (
    COMMAND_PROBLEMS,
    QUERY_PROBLEMS,
    AsOf,
    OversightCommand,
    OversightDep,
    Year,
    history,
)
from oversight.entrypoints.requests import (
    AcceptCreate,
    AnswerCreate,
    ReopenCreate,
    ReportCreate,
    SupervisionCreate,
)
from oversight.entrypoints.views import RecommendationPublic, SupervisionPublic

router = APIRouter()
SUPERVISIONS = "/supervisions"
RECOMMENDATIONS = "/recommendations"
SUPERVISION_TAG = "supervisions (đợt giám sát)"
RECOMMENDATION_TAG = "recommendations (kiến nghị sau giám sát)"


def render_recommendation(app: Oversight, as_of: datetime | None = None
                          ) -> Callable[[Recommendation], RecommendationPublic]:
    """Shows a recommendation as of ``as_of`` (or now): "overdue" depends on the day."""
    today = day_in_vietnam(as_of) if as_of is not None else app.today()
    return lambda recommendation: RecommendationPublic.of(recommendation, today)


@router.post(SUPERVISIONS, status_code=201, response_model=SupervisionPublic,
             responses=COMMAND_PROBLEMS, tags=[SUPERVISION_TAG])
def conduct_supervision(body: SupervisionCreate, command: OversightCommand) -> JSONResponse:
    """Record a supervision of a programme's topic (the programme's body)."""
    return command.run(
        "conduct_supervision",
        lambda: command.app.conduct_supervision(command.principal, **body.model_dump()),
        SupervisionPublic.of, body=body, status_code=201,
    )


@router.post(SUPERVISIONS + "/{supervision_id}/report", response_model=SupervisionPublic,
             responses=COMMAND_PROBLEMS, tags=[SUPERVISION_TAG])
def report_supervision(supervision_id: UUID, body: ReportCreate, command: OversightCommand
                       ) -> JSONResponse:
    """Record its report and issue its recommendations, each due by the rulebook's date
    unless the report sets one (the supervision's body)."""
    return command.run(
        "report_supervision",
        lambda: command.app.report_supervision(
            command.principal, supervision_id, findings=body.findings, causes=body.causes,
            responsibility=body.responsibility, recommendations=body.drafts(),
            reported_on=body.reported_on),
        SupervisionPublic.of, body=body,
    )


@router.get(SUPERVISIONS, response_model=list[SupervisionPublic], responses=QUERY_PROBLEMS,
            tags=[SUPERVISION_TAG])
def list_supervisions(
    oversight: OversightDep, year: Year = None,
    body: Annotated[SupervisingBody | None, Query(description="Chủ thể giám sát.")] = None,
    programme_id: UUID | None = None,
    reported: Annotated[bool | None, Query(description="Đã có báo cáo — reported.")] = None,
    as_of: AsOf = None,
) -> list[SupervisionPublic]:
    found = oversight.list_supervisions(year=year, body=body, programme_id=programme_id,
                                        reported=reported, as_of=as_of)
    return [SupervisionPublic.of(s) for s in found]


@router.get(SUPERVISIONS + "/{supervision_id}", response_model=SupervisionPublic,
            responses=QUERY_PROBLEMS, tags=[SUPERVISION_TAG])
def get_supervision(supervision_id: UUID, oversight: OversightDep, as_of: AsOf = None
                    ) -> SupervisionPublic:
    return SupervisionPublic.of(
        oversight.load(Supervision, supervision_id, "supervision", as_of))


@router.get(SUPERVISIONS + "/{supervision_id}/history", response_model=HistoryPublic,
            responses=QUERY_PROBLEMS, tags=[SUPERVISION_TAG])
def supervision_history(supervision_id: UUID, oversight: OversightDep) -> HistoryPublic:
    return history(oversight, Supervision, supervision_id, "supervision")


@router.get(RECOMMENDATIONS, response_model=list[RecommendationPublic],
            responses=QUERY_PROBLEMS, tags=[RECOMMENDATION_TAG])
def list_recommendations(
    oversight: OversightDep,
    status: Annotated[FollowUp | None, Query(description="open, answered, accepted.")] = None,
    addressee_agency: Annotated[Agency | None, Query(description="Cơ quan nhận.")] = None,
    addressee_unit: Annotated[str | None, Query(max_length=200,
                                                description="Đơn vị nhận.")] = None,
    supervision_id: UUID | None = None,
    overdue: Annotated[bool | None, Query(description="Quá hạn — overdue.")] = None,
    as_of: AsOf = None,
) -> list[RecommendationPublic]:
    """Recommendations by due date (`?overdue=true`: waiting past their due date)."""
    found = oversight.list_recommendations(
        status=status, addressee_agency=addressee_agency, addressee_unit=addressee_unit,
        supervision_id=supervision_id, overdue=overdue, as_of=as_of)
    render = render_recommendation(oversight, as_of)
    return [render(r) for r in found]


@router.get(RECOMMENDATIONS + "/{recommendation_id}", response_model=RecommendationPublic,
            responses=QUERY_PROBLEMS, tags=[RECOMMENDATION_TAG])
def get_recommendation(recommendation_id: UUID, oversight: OversightDep, as_of: AsOf = None
                       ) -> RecommendationPublic:
    found = oversight.load(Recommendation, recommendation_id, "recommendation", as_of)
    return render_recommendation(oversight, as_of)(found)


@router.get(RECOMMENDATIONS + "/{recommendation_id}/history", response_model=HistoryPublic,
            responses=QUERY_PROBLEMS, tags=[RECOMMENDATION_TAG])
def recommendation_history(recommendation_id: UUID, oversight: OversightDep) -> HistoryPublic:
    return history(oversight, Recommendation, recommendation_id, "recommendation")


@router.post(RECOMMENDATIONS + "/{recommendation_id}/answer",
             response_model=RecommendationPublic, responses=COMMAND_PROBLEMS,
             tags=[RECOMMENDATION_TAG])
def answer_recommendation(recommendation_id: UUID, body: AnswerCreate,
                          command: OversightCommand) -> JSONResponse:
    """The addressee says what it did (only the addressee: its agency, and its unit)."""
    return command.run(
        "answer_recommendation",
        lambda: command.app.answer_recommendation(command.principal, recommendation_id,
                                                  **body.model_dump()),
        render_recommendation(command.app), body=body,
    )


@router.post(RECOMMENDATIONS + "/{recommendation_id}/accept",
             response_model=RecommendationPublic, responses=COMMAND_PROBLEMS,
             tags=[RECOMMENDATION_TAG])
def accept_recommendation(recommendation_id: UUID, body: AcceptCreate,
                          command: OversightCommand) -> JSONResponse:
    """The supervising body accepts the answer: the follow-up ends."""
    return command.run(
        "accept_recommendation",
        lambda: command.app.accept_recommendation(command.principal, recommendation_id,
                                                  **body.model_dump()),
        render_recommendation(command.app), body=body,
    )


@router.post(RECOMMENDATIONS + "/{recommendation_id}/reopen",
             response_model=RecommendationPublic, responses=COMMAND_PROBLEMS,
             tags=[RECOMMENDATION_TAG])
def reopen_recommendation(recommendation_id: UUID, body: ReopenCreate,
                          command: OversightCommand) -> JSONResponse:
    """The supervising body reopens it, with a new due date."""
    return command.run(
        "reopen_recommendation",
        lambda: command.app.reopen_recommendation(command.principal, recommendation_id,
                                                  **body.model_dump()),
        render_recommendation(command.app), body=body,
    )
