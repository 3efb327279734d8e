"""Recommendations still followed go on the agenda of the council's next regular session
(planned sessions consumed from the sessions stream), where their re-review is recorded."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from uuid import UUID, uuid4

import pytest
from conftest import Auth
from fastapi.testclient import TestClient
from monitoring_builders import Envelopes
from oversight_builders import AT, HDND, MTTQ, YEAR, topic

from chassis.messaging.consuming_application import tracking_name
from chassis.settings import ServiceSettings
from chassis.stores import store_environment
from chassis.web.auth import Principal
from chassis.web.problems import PROBLEM_JSON
from contracts.oversight import v1
from contracts.sessions.v1 import SessionPlanned
from contracts.vocabulary import Agency
from kernel.clock import ManualClock
from kernel.occurred import OccurredOnError
from oversight.application import Oversight, RecommendationDraft, translate
from oversight.domain.errors import (
    IllegalTransitionError,
    InvalidCommandError,
    NotPermittedError,
    RecordNotFoundError,
)
from oversight.domain.recommendation import Outcome, Recommendation
from oversight.domain.sessions import PlannedSession
from oversight.domain.values import SupervisingBody

SESSIONS = tracking_name("urn:phoihop:tien-giang:sessions", "sessions")
EDUCATION = Principal("so-gd", Agency.UBND, "staff", "tien-giang", unit="Sở Giáo dục và Đào tạo")


@pytest.fixture
def app(settings: ServiceSettings) -> Iterator[Oversight]:
    application = Oversight(store_environment(settings, "oversight"), clock=ManualClock(AT))
    yield application
    application.close()


def planned(kind: str = "regular", opening: date = date(2026, 7, 8), number: int = 12
            ) -> SessionPlanned:
    return SessionPlanned(session_id=uuid4(), number=number, term="X, 2021–2026",
                          title=f"Kỳ họp thứ {number}", kind=kind,  # type: ignore[arg-type]
                          planned_opening=opening, place="Hội trường tỉnh", total_deputies=50)


def consume(app: Oversight, *events: SessionPlanned) -> None:
    envelopes = Envelopes()
    for event in events:
        assert app.apply_received(envelopes.received(event, str(event.session_id)), SESSIONS)


def recommendations(app: Oversight, count: int) -> list[Recommendation]:
    programme = app.adopt_programme(
        HDND, year=YEAR, body=SupervisingBody.STANDING_COMMITTEE, adopted_on=date(2026, 1, 5),
        items=[topic(start=date(2026, 2, 1), end=date(2026, 2, 28))])
    supervision = app.conduct_supervision(
        HDND, programme_id=programme.id, item_id=next(iter(programme.items)),
        members=["Nguyễn Thị Lan"], started_on=date(2026, 2, 10), ended_on=date(2026, 2, 12),
        units_visited=["Sở Giáo dục và Đào tạo"])
    reported = app.report_supervision(
        HDND, supervision.id, findings="Chi trả chậm", causes="Hồ sơ", responsibility="Sở",
        reported_on=date(2026, 2, 20), recommendations=[
            RecommendationDraft(Agency.UBND, f"Việc {n}", addressee_unit="Sở Giáo dục và Đào tạo")
            for n in range(count)])
    assert reported.report is not None
    return [app.recommendation(r) for r in reported.report.recommendation_ids]


def ids(found: list[Recommendation]) -> set[UUID]:
    return {r.id for r in found}


def test_the_open_ones_are_proposed_for_the_next_regular_session_and_reviewed_there(
        app: Oversight) -> None:
    regular, thematic = planned(), planned("thematic", date(2026, 5, 5), 11)
    consume(app, regular, thematic, regular)  # a redelivery notes nothing twice
    assert [s.number for s in app.planned_sessions()] == [11, 12]
    assert [s.number for s in app.planned_sessions(regular=True)] == [12]
    first, second, third = recommendations(app, 3)
    app.answer_recommendation(EDUCATION, second.id, outcome=Outcome.IMPLEMENTED, done="Xong")
    app.answer_recommendation(EDUCATION, third.id, outcome=Outcome.IMPLEMENTED, done="Xong")
    app.accept_recommendation(HDND, third.id)
    session, proposed = app.agenda_proposal(regular.session_id)
    assert session.title == "Kỳ họp thứ 12"
    assert ids(proposed) == {first.id, second.id}  # still followed; the accepted one is not
    assert app.agenda_proposal(thematic.session_id)[1] == []
    reviewed = app.review_at_session(HDND, first.id, session_id=regular.session_id,
                                     conclusion="Tiếp tục theo dõi", reviewed_on=date(2026, 3, 1))
    [review] = reviewed.session_reviews
    assert (review.session_title, review.reviewed_on) == ("Kỳ họp thứ 12", date(2026, 3, 1))
    published = translate(app.history(first.id)[-1])
    assert isinstance(published, v1.RecommendationReviewedAtSession)
    assert (published.session_id, published.occurred_on) == (regular.session_id,
                                                             date(2026, 3, 1))
    with pytest.raises(IllegalTransitionError):  # once per session
        app.review_at_session(HDND, first.id, session_id=regular.session_id, conclusion="Lại")


def test_who_and_when_a_re_review_is_recorded(app: Oversight) -> None:
    regular, thematic = planned(), planned("thematic", date(2026, 5, 5), 11)
    consume(app, regular, thematic)
    [recommendation] = recommendations(app, 1)
    for who in (MTTQ, EDUCATION):
        with pytest.raises(NotPermittedError):
            app.review_at_session(who, recommendation.id, session_id=regular.session_id,
                                  conclusion="x")
    with pytest.raises(InvalidCommandError):
        app.review_at_session(HDND, recommendation.id, session_id=thematic.session_id,
                              conclusion="x")
    with pytest.raises(RecordNotFoundError):
        app.review_at_session(HDND, recommendation.id, session_id=uuid4(), conclusion="x")
    for day in (date(2026, 2, 19), date(2026, 3, 3), date(1990, 1, 1)):  # before, future
        with pytest.raises(OccurredOnError):
            app.review_at_session(HDND, recommendation.id, session_id=regular.session_id,
                                  conclusion="x", reviewed_on=day)
    with pytest.raises(InvalidCommandError):
        app.review_at_session(HDND, recommendation.id, session_id=regular.session_id,
                              conclusion="  ")
    assert app.recommendation(recommendation.id).session_reviews == []
    assert len(app.catalogue.all(PlannedSession)) == 2


def test_a_recommendation_issued_after_the_session_opens_waits_for_the_next(
        app: Oversight) -> None:
    early = planned(opening=date(2026, 2, 15), number=10)
    later = planned(opening=date(2026, 7, 8), number=12)
    consume(app, early, later)
    [recommendation] = recommendations(app, 1)  # issued 2026-02-20
    assert app.agenda_proposal(early.session_id)[1] == []
    assert ids(app.agenda_proposal(later.session_id)[1]) == {recommendation.id}


@pytest.mark.integration
def test_the_agenda_proposal_and_the_re_review_over_http(
        app: Oversight, client: TestClient, auth: Auth) -> None:
    regular = planned()
    consume(app, regular)
    [recommendation] = recommendations(app, 1)
    sessions = client.get("/sessions", params={"regular": True, "year": 2026}).json()
    assert [s["session_id"] for s in sessions] == [str(regular.session_id)]
    path = f"/sessions/{regular.session_id}/open-recommendations"
    proposal = client.get(path).json()
    assert [r["id"] for r in proposal["recommendations"]] == [str(recommendation.id)]
    review = f"/recommendations/{recommendation.id}/session-review"
    body = {"session_id": str(regular.session_id), "conclusion": "Tiếp tục theo dõi"}
    headers = auth(Agency.HDND, **{"Idempotency-Key": "review-1"})
    first = client.post(review, json=body, headers=headers)
    again = client.post(review, json=body, headers=headers)
    assert first.status_code == again.status_code == 200, first.text
    assert len(again.json()["session_reviews"]) == 1
    assert client.get(f"/sessions/{uuid4()}/open-recommendations").status_code == 404
    stored = app.recorder.max_notification_id()
    for bad, who in [({**body, "conclusion": ""}, Agency.HDND),
                     ({**body, "conclusion": "x" * 20_001}, Agency.HDND),
                     ({**body, "conclusion": "Kết\u0000 luận"}, Agency.HDND),
                     ({**body, "reviewed_on": "2040-01-01"}, Agency.HDND),
                     ({**body, "session_id": "kỳ 12"}, Agency.HDND),
                     ({**body, "session_id": str(uuid4())}, Agency.HDND),
                     (body, Agency.UBND)]:
        refused = client.post(review, json=bad, headers=auth(who))
        assert 400 <= refused.status_code < 500, refused.text
        assert refused.headers["content-type"] == PROBLEM_JSON
    assert app.recorder.max_notification_id() == stored
