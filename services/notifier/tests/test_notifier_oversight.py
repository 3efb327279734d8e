"""The notifier and oversight's events, on a real NATS: an overlap between HĐND and MTTQ
reaches both; a recommendation past its due date reminds its addressee, again after the
notifier restarts, and stops when the addressee answers; a reopened one is reminded again;
a report owed and found overdue is reminded until it is submitted."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID, uuid4

import httpx
import pytest
from notifier_servers import StartNotifier
from notifier_support import Upstream, bearer, wait_until

from contracts.oversight.v1 import (
    ObligationReportOverdue,
    ObligationReportSubmitted,
    OverlapDetected,
    PlannedTopic,
    RecommendationAnswered,
    RecommendationIssued,
    RecommendationReopened,
)
from contracts.vocabulary import Agency, PolicyField
from kernel.clock import ManualClock
from notifier.settings import NotifierSettings

pytestmark = [pytest.mark.integration]
EDUCATION = "Sở Giáo dục và Đào tạo"
ISSUED_AT = datetime(2026, 2, 20, 2, 0, tzinfo=UTC)


def planned(body: str, name: str) -> PlannedTopic:
    return PlannedTopic(programme_id=uuid4(), body=body, body_name=name, item_id=uuid4(),  # type: ignore[arg-type]
                        topic="Chính sách hỗ trợ học sinh", field=PolicyField.EDUCATION,
                        units=["Xã Tân Phú"], window_start=date(2026, 4, 1),
                        window_end=date(2026, 4, 30))


def issued(recommendation_id: UUID) -> RecommendationIssued:
    return RecommendationIssued(
        recommendation_id=recommendation_id, supervision_id=uuid4(),
        body="standing_committee", body_name="Thường trực HĐND",
        topic="Chính sách hỗ trợ học sinh", addressee_agency=Agency.UBND,
        addressee_unit=EDUCATION, action="Chi trả dứt điểm", issued_on=date(2026, 2, 20),
        due_on=date(2026, 3, 1), rule_id=None, legal_source=None)


def inbox_types(http: httpx.Client, headers: dict[str, str], subject: str) -> list[str]:
    return [n["type"] for n in reversed(http.get("/inbox", headers=headers).json())
            if n["subject_id"] == subject]


def test_an_overlap_is_told_to_both_bodies(
    start_notifier: StartNotifier, settings: NotifierSettings, upstream: Upstream,
) -> None:
    notifier = start_notifier(ManualClock(ISSUED_AT))
    overlap = OverlapDetected(
        overlap_id=uuid4(), first=planned("committee", "Ban Văn hóa - Xã hội"),
        second=planned("mttq", "Ủy ban MTTQ Việt Nam"),
        bodies=["Ban Văn hóa - Xã hội", "Ủy ban MTTQ Việt Nam"],
        topics=["Chính sách hỗ trợ học sinh", "Chính sách hỗ trợ học sinh"],
        shared_units=["Xã Tân Phú"], topic_similarity=1.0,
        period_start=date(2026, 4, 1), period_end=date(2026, 4, 30))
    subject = str(overlap.overlap_id)
    with notifier.client() as http:
        upstream.publish((overlap, subject))
        for agency in (Agency.HDND, Agency.MTTQ):
            headers = bearer(settings, agency)
            assert wait_until(lambda h=headers: inbox_types(http, h, subject)) == [  # type: ignore[misc]
                "vn.phoihop.oversight.OverlapDetected.v1"]
        [note] = [n for n in http.get("/inbox", headers=bearer(settings, Agency.MTTQ)).json()
                  if n["subject_id"] == subject]
        assert "Ủy ban MTTQ Việt Nam" in note["body"]["vi"]
        assert inbox_types(http, bearer(settings, Agency.UBND), subject) == []


def test_a_late_recommendation_is_reminded_across_a_restart_until_answered(
    start_notifier: StartNotifier, settings: NotifierSettings, upstream: Upstream,
) -> None:
    clock = ManualClock(ISSUED_AT)
    addressee = bearer(settings, Agency.UBND, unit=EDUCATION)
    recommendation_id = uuid4()
    subject = str(recommendation_id)
    first = start_notifier(clock)
    with first.client() as http:
        upstream.publish((issued(recommendation_id), subject))
        (reminder,) = wait_until(lambda: http.get("/reminders", headers=addressee).json())
        assert (reminder["due_date"], reminder["active"]) == ("2026-03-01", True)
        clock.set(datetime(2026, 3, 2, 2, 0, tzinfo=UTC))  # the day after the due date
        assert "reminder.overdue" in wait_until(
            lambda: inbox_types(http, addressee, subject))
    first.stop()

    clock.set(datetime(2026, 3, 9, 2, 0, tzinfo=UTC))  # a week later, a new process
    second = start_notifier(clock)
    with second.client() as http:
        assert wait_until(lambda: inbox_types(http, addressee, subject).count(
            "reminder.overdue") == 2)
        upstream.publish((RecommendationAnswered(
            recommendation_id=recommendation_id, addressee_agency=Agency.UBND,
            addressee_unit=EDUCATION, outcome="partly", done="Một trường",
            responded_on=date(2026, 3, 9), due_on=date(2026, 3, 1), on_time=False), subject))
        wait_until(lambda: not http.get("/reminders?active=true", headers=addressee).json())


def test_a_reopened_recommendation_is_reminded_again_until_answered(
    start_notifier: StartNotifier, settings: NotifierSettings, upstream: Upstream,
) -> None:
    """Answered, then reopened with a new due date: its addressee is reminded again once
    that date passes (the first reminder stopped at the answer), until it answers again."""
    clock = ManualClock(ISSUED_AT)
    addressee = bearer(settings, Agency.UBND, unit=EDUCATION)
    recommendation_id = uuid4()
    subject = str(recommendation_id)
    answered = RecommendationAnswered(
        recommendation_id=recommendation_id, addressee_agency=Agency.UBND,
        addressee_unit=EDUCATION, outcome="partly", done="Một trường",
        responded_on=date(2026, 2, 25), due_on=date(2026, 3, 1), on_time=True)
    notifier = start_notifier(clock)
    with notifier.client() as http:
        upstream.publish((issued(recommendation_id), subject), (answered, subject))
        wait_until(lambda: http.get("/reminders", headers=addressee).json() and not http.get(
            "/reminders?active=true", headers=addressee).json())
        upstream.publish((RecommendationReopened(
            recommendation_id=recommendation_id, reopened_on=date(2026, 3, 2),
            reason="Còn một trường chưa chi trả.", due_on=date(2026, 3, 20),
            addressee_agency=Agency.UBND, addressee_unit=EDUCATION,
            body_name="Thường trực HĐND", topic="Chính sách hỗ trợ học sinh",
            action="Chi trả dứt điểm"), subject))
        (again,) = wait_until(lambda: http.get("/reminders?active=true",
                                               headers=addressee).json())
        assert again["due_date"] == "2026-03-20"
        clock.set(datetime(2026, 3, 21, 2, 0, tzinfo=UTC))
        assert "reminder.overdue" in wait_until(lambda: inbox_types(http, addressee, subject))
        upstream.publish((answered.model_copy(update={"responded_on": date(2026, 3, 22),
                                                      "due_on": date(2026, 3, 20),
                                                      "on_time": False}), subject))
        wait_until(lambda: not http.get("/reminders?active=true", headers=addressee).json())


def test_a_report_not_submitted_is_reminded_until_submitted(
    start_notifier: StartNotifier, settings: NotifierSettings, upstream: Upstream,
) -> None:
    """Oversight found a report overdue: the body owing it is reminded at once, and the
    bodies it is owed to are told; the submission stops the reminders."""
    clock = ManualClock(datetime(2026, 4, 6, 2, 0, tzinfo=UTC))
    ubnd, hdnd = bearer(settings, Agency.UBND), bearer(settings, Agency.HDND)
    about = {"report_id": uuid4(), "obligation_id": "ubnd.socioeconomic.monthly",
             "title": "Báo cáo tình hình kinh tế - xã hội hằng tháng",
             "from_agency": Agency.UBND, "to_agencies": [Agency.HDND, Agency.MTTQ],
             "period_label": "2026-03", "period_start": date(2026, 3, 1),
             "period_end": date(2026, 3, 31), "due_on": date(2026, 4, 5)}
    subject = str(about["report_id"])
    notifier = start_notifier(clock)
    with notifier.client() as http:
        upstream.publish((ObligationReportOverdue(**about, found_on=date(2026, 4, 6)),
                          subject))
        assert "reminder.overdue" in wait_until(lambda: inbox_types(http, ubnd, subject))
        assert "reminder.overdue" in wait_until(lambda: inbox_types(http, hdnd, subject))
        [note] = [n for n in http.get("/inbox", headers=ubnd).json()
                  if n["subject_id"] == subject]
        assert "2026-03" in note["title"]["vi"]
        upstream.publish((ObligationReportSubmitted(
            **about, submitted_on=date(2026, 4, 7), on_time=False,
            summary="Tình hình tháng 3."), subject))
        wait_until(lambda: not http.get("/reminders?active=true", headers=ubnd).json())
