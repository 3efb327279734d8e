"""Domain: each act of a session is dated the day it happened (kernel.occurred): not in the
future, not before the act it follows; the rule in force is the one of that day (no I/O)."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import uuid4

import pytest
from sessions_builders import (
    AT,
    HDND,
    MTTQ,
    OPENING,
    RULES,
    UBND,
    convened,
    planned,
    prepared,
)

from chassis.web.problems import domain_problem
from kernel.clock import day_in_vietnam
from kernel.occurred import OccurredOnError
from kernel.rulebook import load_rulebook
from sessions.domain.confidence import ConfidenceRating
from sessions.domain.session_parts import Counts
from sessions.domain.values import ConfidenceOutcome

TODAY = day_in_vietnam(AT)
JOINT_MEETING = date(2025, 6, 20)  # sessions_builders.prepared


def refused(caught: pytest.ExceptionInfo[OccurredOnError], field: str, words: str) -> None:
    assert domain_problem(caught.value)[0] == 422
    assert caught.value.extensions["field"] == field and words in str(caught.value)


def test_a_session_is_not_opened_before_its_joint_meeting() -> None:
    session = prepared()
    session.collect_events()
    with pytest.raises(OccurredOnError) as caught:
        session.convene(HDND, opened_on=JOINT_MEETING - timedelta(days=1), present=40,
                        absent_deputies=[], total_deputies=None, at=AT)
    refused(caught, "opened_on", "before the joint meeting")
    assert list(session.collect_events()) == []


def test_the_record_of_a_joint_meeting_is_confirmed_after_it_and_not_tomorrow() -> None:
    session = prepared()
    for day, words in ((JOINT_MEETING - timedelta(days=1), "before the joint meeting"),
                       (TODAY + timedelta(days=1), "future")):
        with pytest.raises(OccurredOnError) as caught:
            session.confirm_joint_meeting(MTTQ, occurred_on=day, at=AT)
        refused(caught, "occurred_on", words)
    session.confirm_joint_meeting(MTTQ, occurred_on=JOINT_MEETING, at=AT)


def test_a_vote_is_not_dated_tomorrow() -> None:
    session, draft = convened()
    with pytest.raises(OccurredOnError) as caught:
        session.vote(HDND, vote_id=uuid4(), document_id=draft, counts=Counts(40, 5, 5, 0),
                     number="1", title=None, voted_on=TODAY + timedelta(days=1), at=AT,
                     rulebook=RULES)
    refused(caught, "voted_on", "future")
    assert list(session.collect_events()) == []


def test_a_follow_up_comes_after_the_answer() -> None:
    session, _ = convened()
    question_id = uuid4()
    session.ask_question(HDND, question_id=question_id, deputy="Đại biểu A", question="Khi nào?",
                         official="Ông B", official_position="Giám đốc Sở", asked_on=OPENING,
                         at=AT)
    session.answer_question(UBND, question_id=question_id, answer="Quý IV.", official=None,
                            answered_on=OPENING + timedelta(days=1), at=AT)
    with pytest.raises(OccurredOnError) as caught:
        session.follow_up_question(HDND, question_id=question_id, text="Cam kết?",
                                   occurred_on=OPENING, at=AT)
    refused(caught, "occurred_on", "before the answer")


def test_an_agenda_request_is_not_dated_tomorrow() -> None:
    session = planned()
    with pytest.raises(OccurredOnError):
        session.request_agenda_items(HDND, due_on=TODAY + timedelta(days=5), note=None,
                                     occurred_on=TODAY + timedelta(days=1), at=AT)
    session.request_agenda_items(HDND, due_on=date(2025, 6, 1), note=None,
                                 occurred_on=date(2025, 5, 20), at=AT)
    [event] = [e for e in session.collect_events() if type(e).__name__ != "Planned"]
    assert event.occurred_on == date(2025, 5, 20)  # type: ignore[attr-defined]


RULE_CHANGE = date(2024, 1, 1)
STRICTER = load_rulebook("""
[[rule]]
id = "confidence.low_share.may_resign"
title = "cũ"
value = 0.5
unit = "share_exclusive"
legal_source = "Quy định cũ"
effective_from = 2016-01-01
confidence = "L"

[[rule]]
id = "confidence.low_share.may_resign"
title = "mới"
value = 0.4
unit = "share_exclusive"
legal_source = "Quy định mới"
effective_from = 2024-01-01
confidence = "L"

[[rule]]
id = "confidence.low_share.dismissal"
title = "bãi nhiệm"
value = 0.6667
unit = "share_inclusive"
legal_source = "Quy định"
effective_from = 2016-01-01
confidence = "L"
""")


@pytest.mark.parametrize(("rated_on", "outcome"), [
    (RULE_CHANGE - timedelta(days=1), ConfidenceOutcome.NONE),
    (RULE_CHANGE, ConfidenceOutcome.MAY_RESIGN),
])
def test_a_rating_recorded_later_is_judged_by_the_rule_of_the_day_it_was_held(
    rated_on: date, outcome: ConfidenceOutcome,
) -> None:
    """22 of 50 low: more than 40 % but not half; recorded in 2025 either way."""
    rating = ConfidenceRating.rate(
        HDND, id=uuid4(), session_id=uuid4(), official="Ông C", position="Giám đốc Sở",
        rated_on=rated_on, high=10, confidence=18, low=22, total_deputies=50, at=AT,
        rulebook=STRICTER)
    assert rating.outcome == outcome
