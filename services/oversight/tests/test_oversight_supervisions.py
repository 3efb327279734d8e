"""Supervisions, their reports and recommendations followed to the end, on the application:
the due date from the rulebook or the report; the addressee answers; the body accepts or
reopens; overdue ones are listed; every step an integration event."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID, uuid4

import pytest
from oversight_builders import HDND, MTTQ, UBND, YEAR, SteppingClock, names, topic

from chassis.web.auth import Principal
from contracts.oversight import v1
from contracts.vocabulary import Agency
from kernel.errors import Invalid
from kernel.occurred import OccurredOnError
from oversight.application import Oversight, RecommendationDraft, translate
from oversight.domain.errors import (
    IllegalTransitionError,
    InvalidCommandError,
    NotPermittedError,
    RecordNotFoundError,
)
from oversight.domain.overlap import OverlapResolution
from oversight.domain.recommendation import FollowUp, Outcome, Recommendation
from oversight.domain.supervision import Supervision
from oversight.domain.values import SupervisingBody

EDUCATION = Principal("so-gd", Agency.UBND, "staff", "tien-giang", unit="Sở Giáo dục và Đào tạo")
HEALTH = Principal("so-yt", Agency.UBND, "staff", "tien-giang", unit="Sở Y tế")
RULE = "oversight.recommendation.response"


def supervised(app: Oversight) -> Supervision:
    programme = app.adopt_programme(
        HDND, year=YEAR, body=SupervisingBody.STANDING_COMMITTEE, adopted_on=date(2026, 1, 5),
        items=[topic(start=date(2026, 2, 1), end=date(2026, 2, 28))])
    return app.conduct_supervision(
        HDND, programme_id=programme.id, item_id=next(iter(programme.items)),
        members=["Nguyễn Thị Lan", "Trần Văn Minh"], started_on=date(2026, 2, 10),
        ended_on=date(2026, 2, 12), units_visited=["Sở Giáo dục và Đào tạo", "Xã Tân Phú"])


def report(app: Oversight, supervision: Supervision, *drafts: RecommendationDraft
           ) -> list[Recommendation]:
    reported = app.report_supervision(
        HDND, supervision.id, findings="Chi trả hỗ trợ chậm", causes="Hồ sơ kéo dài",
        responsibility="Sở Giáo dục và Đào tạo", reported_on=date(2026, 2, 20),
        recommendations=list(drafts) or [RecommendationDraft(
            Agency.UBND, "Chi trả dứt điểm", addressee_unit="Sở Giáo dục và Đào tạo")])
    assert reported.report is not None
    return [app.recommendation(rid) for rid in reported.report.recommendation_ids]


def test_a_recommendation_is_due_by_the_rule_or_by_the_report(app: Oversight) -> None:
    by_rule, by_report = report(app, supervised(app), RecommendationDraft(
        Agency.UBND, "Chi trả dứt điểm", addressee_unit="Sở Giáo dục và Đào tạo"),
        RecommendationDraft(Agency.UBND, "Rà soát danh sách", addressee_unit="Xã Tân Phú",
                            due_on=date(2026, 3, 31)))
    rule = app.rulebook.rule(RULE, date(2026, 2, 20))
    assert (by_rule.due_on, by_rule.rule_id, by_rule.legal_source) == (
        app.rulebook.shift(date(2026, 2, 20), rule), RULE, rule.legal_source)
    assert "121/2025" in rule.legal_source
    assert (by_report.due_on, by_report.rule_id) == (date(2026, 3, 31), None)


def test_followed_to_the_end_answer_reopen_answer_accept(app: Oversight) -> None:
    [recommendation] = report(app, supervised(app))
    with pytest.raises(NotPermittedError):  # only the addressee answers
        app.answer_recommendation(HEALTH, recommendation.id, outcome=Outcome.IMPLEMENTED,
                                  done="Đã làm")
    with pytest.raises(NotPermittedError):
        app.answer_recommendation(MTTQ, recommendation.id, outcome=Outcome.IMPLEMENTED,
                                  done="Đã làm")
    with pytest.raises(NotPermittedError):  # UBND's office, not the unit addressed
        app.answer_recommendation(UBND, recommendation.id, outcome=Outcome.IMPLEMENTED,
                                  done="Đã làm")
    with pytest.raises(IllegalTransitionError):  # nothing answered to accept
        app.accept_recommendation(HDND, recommendation.id)
    app.answer_recommendation(EDUCATION, recommendation.id, outcome=Outcome.PARTLY,
                              done="Đã chi trả cho một trường")
    with pytest.raises(NotPermittedError):  # the body, not the addressee, judges
        app.accept_recommendation(EDUCATION, recommendation.id)
    reopened = app.reopen_recommendation(HDND, recommendation.id, reason="Còn một trường",
                                         due_on=date(2026, 4, 30))
    assert (reopened.status, reopened.due_on, reopened.reopenings) == (
        FollowUp.OPEN, date(2026, 4, 30), 1)
    app.answer_recommendation(EDUCATION, recommendation.id, outcome=Outcome.IMPLEMENTED,
                              done="Đã chi trả đủ")
    done = app.accept_recommendation(HDND, recommendation.id, note="Kết thúc theo dõi")
    assert done.status is FollowUp.ACCEPTED
    with pytest.raises(IllegalTransitionError):
        app.answer_recommendation(EDUCATION, recommendation.id, outcome=Outcome.NOT_YET,
                                  done="…")
    events = app.history(recommendation.id)
    assert names(events) == ["RecommendationIssued", "Answered", "Reopened", "Answered",
                             "AnswerAccepted"]
    published = [translate(e) for e in events]
    assert [type(p).__name__ for p in published] == [
        "RecommendationIssued", "RecommendationAnswered", "RecommendationReopened",
        "RecommendationAnswered", "RecommendationAccepted"]
    reopened_event = published[2]
    assert isinstance(reopened_event, v1.RecommendationReopened)  # whom the notifier reminds
    assert (reopened_event.addressee_agency, reopened_event.addressee_unit,
            reopened_event.action) == (Agency.UBND, recommendation.addressee_unit,
                                       recommendation.action)


def test_overdue_recommendations_are_listed_until_answered(app: Oversight) -> None:
    [recommendation] = report(app, supervised(app))
    assert app.list_recommendations(overdue=True) == []
    app.clock = SteppingClock(start=datetime(2026, 5, 1, 3, tzinfo=UTC))  # past due
    [late] = app.list_recommendations(overdue=True)
    assert late.id == recommendation.id
    answered = app.answer_recommendation(EDUCATION, recommendation.id,
                                         outcome=Outcome.NOT_YET, done="Đang chờ kinh phí")
    assert answered.status is FollowUp.ANSWERED
    assert app.list_recommendations(overdue=True) == []
    last = app.history(recommendation.id)[-1]
    message = translate(last)
    assert message is not None and message.model_dump()["on_time"] is False


def test_a_report_is_recorded_once_and_by_its_body(app: Oversight) -> None:
    supervision = supervised(app)
    with pytest.raises(NotPermittedError):
        app.report_supervision(MTTQ, supervision.id, findings="x", causes="y",
                               responsibility="z", recommendations=[])
    rid = uuid4()
    draft = RecommendationDraft(Agency.UBND, "Chi trả", id=rid)
    report(app, supervision, draft)
    report(app, supervision, draft)  # a retry with the same ids changes nothing
    assert len(app.list_recommendations()) == 1
    with pytest.raises(IllegalTransitionError):
        app.report_supervision(HDND, supervision.id, findings="x", causes="y",
                               responsibility="z", recommendations=[])


@pytest.mark.parametrize("bad", [
    dict(members=[]), dict(members=["  "]), dict(units_visited=[]),
    dict(started_on=date(2026, 2, 12), ended_on=date(2026, 2, 10)),
    dict(ended_on=date(2026, 12, 1)),  # not yet happened
    dict(started_on=date(2025, 12, 30)),  # before the programme's year
])
def test_bad_supervisions_store_nothing(app: Oversight, bad: dict[str, object]) -> None:
    programme = app.adopt_programme(HDND, year=YEAR, body=SupervisingBody.STANDING_COMMITTEE,
                                    items=[topic()])
    before = app.recorder.max_notification_id()
    command = {"programme_id": programme.id, "item_id": next(iter(programme.items)),
               "members": ["Nguyễn Thị Lan"], "started_on": date(2026, 2, 10),
               "ended_on": date(2026, 2, 12), "units_visited": ["Xã Tân Phú"], **bad}
    with pytest.raises(Invalid):  # InvalidCommandError, or OccurredOnError for a day
        app.conduct_supervision(HDND, **command)  # type: ignore[arg-type]
    assert app.recorder.max_notification_id() == before


def test_a_due_date_before_the_report_stores_nothing(app: Oversight) -> None:
    supervision = supervised(app)
    before = app.recorder.max_notification_id()
    with pytest.raises(InvalidCommandError):
        report(app, supervision, RecommendationDraft(Agency.UBND, "Chi trả",
                                                     due_on=date(2026, 1, 1)))
    assert app.recorder.max_notification_id() == before
    assert app.load(Supervision, supervision.id, "supervision").report is None


def test_an_unknown_topic_is_a_404(app: Oversight) -> None:
    programme = app.adopt_programme(HDND, year=YEAR, body=SupervisingBody.STANDING_COMMITTEE,
                                    items=[topic()])
    with pytest.raises(RecordNotFoundError):
        app.conduct_supervision(HDND, programme_id=programme.id, item_id=UUID(int=7),
                                members=["A"], started_on=date(2026, 2, 10),
                                ended_on=date(2026, 2, 12), units_visited=["Xã Tân Phú"])


def test_each_act_takes_the_day_it_happened_checked_by_the_kernel(app: Oversight) -> None:
    """Decision 16: every act's day is checked by kernel.occurred against the act it
    follows, and travels as the integration event's ``occurred_on``."""
    supervision = supervised(app)  # visits ended 2026-02-12
    with pytest.raises(OccurredOnError) as early:
        app.report_supervision(HDND, supervision.id, findings="x", causes="y",
                               responsibility="z", recommendations=[],
                               reported_on=date(2026, 2, 11))
    assert early.value.extensions["not_before"] == "2026-02-12"
    [recommendation] = report(app, supervision)  # reported 2026-02-20
    for day in (date(2026, 2, 19), date(2026, 3, 3)):  # before the report; in the future
        with pytest.raises(OccurredOnError):
            app.answer_recommendation(EDUCATION, recommendation.id, outcome=Outcome.PARTLY,
                                      done="Một phần", responded_on=day)
    app.answer_recommendation(EDUCATION, recommendation.id, outcome=Outcome.PARTLY,
                              done="Một phần", responded_on=date(2026, 2, 25))
    with pytest.raises(OccurredOnError):
        app.reopen_recommendation(HDND, recommendation.id, reason="Chưa đủ",
                                  due_on=date(2026, 4, 30), reopened_on=date(2026, 2, 24))
    app.reopen_recommendation(HDND, recommendation.id, reason="Chưa đủ",
                              due_on=date(2026, 4, 30), reopened_on=date(2026, 2, 27))
    with pytest.raises(OccurredOnError):  # an answer before the reopening it answers
        app.answer_recommendation(EDUCATION, recommendation.id, outcome=Outcome.IMPLEMENTED,
                                  done="Đủ", responded_on=date(2026, 2, 26))
    app.answer_recommendation(EDUCATION, recommendation.id, outcome=Outcome.IMPLEMENTED,
                              done="Đủ", responded_on=date(2026, 2, 28))
    with pytest.raises(OccurredOnError):
        app.accept_recommendation(HDND, recommendation.id, accepted_on=date(2026, 2, 27))
    app.accept_recommendation(HDND, recommendation.id, accepted_on=date(2026, 3, 1))
    days = [(type(p).__name__, p.occurred_on) for p in
            (translate(e) for e in [*app.history(supervision.id),
                                    *app.history(recommendation.id)]) if p is not None]
    assert days == [
        ("SupervisionConducted", date(2026, 2, 12)), ("SupervisionReported", date(2026, 2, 20)),
        ("RecommendationIssued", date(2026, 2, 20)),
        ("RecommendationAnswered", date(2026, 2, 25)),
        ("RecommendationReopened", date(2026, 2, 27)),
        ("RecommendationAnswered", date(2026, 2, 28)),
        ("RecommendationAccepted", date(2026, 3, 1))]


def test_an_overlap_resolved_names_its_day(app: Oversight) -> None:
    app.adopt_programme(HDND, year=YEAR, body=SupervisingBody.STANDING_COMMITTEE,
                        items=[topic()], adopted_on=date(2026, 1, 5))
    app.adopt_programme(MTTQ, year=YEAR, body=SupervisingBody.MTTQ, items=[topic()])
    [overlap] = app.list_overlaps()
    with pytest.raises(OccurredOnError):
        app.resolve_overlap(MTTQ, overlap.id, resolution=OverlapResolution.JOINT,
                            resolved_on=date(2026, 3, 9))
    app.resolve_overlap(MTTQ, overlap.id, resolution=OverlapResolution.JOINT,
                        resolved_on=date(2026, 2, 28))
    published = [translate(e) for e in app.history(overlap.id)]
    assert published[-1] is not None and published[-1].occurred_on == date(2026, 2, 28)
    with pytest.raises(OccurredOnError):  # a programme is adopted on a day that has come
        app.adopt_programme(HDND, year=YEAR, body=SupervisingBody.COMMITTEE,
                            body_name="Ban Pháp chế", items=[topic()],
                            adopted_on=date(2026, 3, 10))
