"""Domain: convening, questioning, votes (more than half of ALL deputies) and closing."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

import pytest
from sessions_builders import (
    AT,
    DEPUTIES,
    HDND,
    OPENING,
    RULES,
    UBND,
    convened,
    event_names,
    is_a,
    only,
    planned,
    prepared,
    submit_draft,
)

from kernel.occurred import OccurredOnError
from sessions.domain import errors
from sessions.domain import session_events as events
from sessions.domain.session import Session
from sessions.domain.session_parts import Counts
from sessions.domain.values import SessionStatus

VOTED_ON = date(2025, 7, 16)


def vote(session: Session, draft: UUID, counts: Counts,
         number: str | None = "15/2025/NQ-HĐND") -> UUID | None:
    return session.vote(HDND, vote_id=uuid4(), document_id=draft, counts=counts, number=number,
                        title=None, voted_on=VOTED_ON, at=AT, rulebook=RULES)


def test_a_session_is_convened_only_after_its_joint_meeting() -> None:
    session = planned()
    with pytest.raises(errors.IllegalTransitionError, match="joint meeting"):
        session.convene(HDND, opened_on=OPENING, present=45, absent_deputies=[],
                        total_deputies=None, at=AT)
    prepared(session)
    session.convene(HDND, opened_on=OPENING, present=45, absent_deputies=[],
                    total_deputies=None, at=AT)
    assert session.status == SessionStatus.CONVENED
    assert event_names(session.collect_events())[-1] == "Convened"


def test_attendance_must_fit_the_council() -> None:
    session = prepared()
    with pytest.raises(errors.InvalidCommandError):
        session.convene(HDND, opened_on=OPENING, present=DEPUTIES + 1, absent_deputies=[],
                        total_deputies=None, at=AT)


def test_more_than_half_of_all_deputies_passes_a_resolution() -> None:
    session, draft = convened()
    resolution_id = vote(session, draft, Counts(yes=26, no=10, abstain=11, absent=3))
    event = only(session.collect_events(), events.ResolutionPassed)
    assert event.resolution_id == resolution_id
    assert (event.number, event.field, event.passed_on) == ("15/2025/NQ-HĐND", "land", VOTED_ON)
    assert (event.yes, event.no, event.abstain, event.absent, event.total_deputies) == (
        26, 10, 11, 3, DEPUTIES)
    assert event.rule_id == "session.resolution.pass_share"


def test_yes_exactly_half_of_all_deputies_is_rejected() -> None:
    session, draft = convened()
    assert vote(session, draft, Counts(yes=25, no=0, abstain=0, absent=25)) is None
    event = only(session.collect_events(), events.ResolutionRejected)
    assert (event.yes, event.total_deputies) == (25, 50)


def test_a_majority_of_those_present_is_not_enough() -> None:
    session, draft = convened()
    # 24 of the 30 present said yes, but 24 is not more than half of all 50 deputies.
    assert vote(session, draft, Counts(yes=24, no=6, abstain=0, absent=20)) is None


def test_counts_must_add_up_to_all_deputies() -> None:
    session, draft = convened()
    with pytest.raises(errors.InvalidCommandError, match="add up"):
        vote(session, draft, Counts(yes=30, no=5, abstain=0, absent=0))
    assert session.collect_events() == []


def test_a_passing_vote_needs_the_resolution_number_and_records_nothing_without() -> None:
    session, draft = convened()
    with pytest.raises(errors.InvalidCommandError, match="number"):
        vote(session, draft, Counts(yes=40, no=5, abstain=5, absent=0), number=None)
    assert session.collect_events() == []


def test_a_rejected_draft_may_be_voted_again_an_adopted_one_not() -> None:
    session, draft = convened()
    vote(session, draft, Counts(yes=20, no=20, abstain=10, absent=0))
    vote(session, draft, Counts(yes=40, no=5, abstain=5, absent=0))
    with pytest.raises(errors.IllegalTransitionError, match="adopted"):
        vote(session, draft, Counts(yes=40, no=5, abstain=5, absent=0), number="16/2025/NQ-HĐND")
    assert event_names(session.collect_events()) == ["ResolutionRejected", "ResolutionPassed"]


def test_votes_need_a_convened_session_and_a_draft_resolution() -> None:
    session = prepared()
    draft = submit_draft(session)
    with pytest.raises(errors.IllegalTransitionError):
        vote(session, draft, Counts(yes=40, no=5, abstain=5, absent=0))
    session, draft = convened()
    with pytest.raises(errors.RecordNotFoundError):
        vote(session, uuid4(), Counts(yes=40, no=5, abstain=5, absent=0))
    with pytest.raises(errors.NotPermittedError):
        session.vote(UBND, vote_id=uuid4(), document_id=draft, counts=Counts(40, 5, 5, 0),
                     number="1", title=None, voted_on=VOTED_ON, at=AT, rulebook=RULES)


def test_questioning_records_question_answer_and_follow_up() -> None:
    session, _ = convened()
    question_id = uuid4()
    session.ask_question(HDND, question_id=question_id, deputy="Đại biểu Trần Thị B",
                         question="Vì sao dự án đường tỉnh 864 chậm tiến độ?",
                         official="Ông Lê Văn C", official_position="Giám đốc Sở Xây dựng",
                         asked_on=VOTED_ON, at=AT)
    with pytest.raises(errors.IllegalTransitionError, match="no answer"):
        session.follow_up_question(HDND, question_id=question_id, text="Khi nào xong?",
                                   occurred_on=AT.date(), at=AT)
    session.answer_question(UBND, question_id=question_id, answer="Vướng giải phóng mặt bằng.",
                            official=None, answered_on=VOTED_ON, at=AT)
    session.follow_up_question(HDND, question_id=question_id, text="Cam kết thời hạn?",
                               occurred_on=AT.date(), at=AT)
    assert event_names(session.collect_events()) == [
        "QuestionAsked", "QuestionAnswered", "QuestionFollowedUp"]
    question = session.questions[question_id]
    assert (question.answered_by, question.follow_ups) == ("Ông Lê Văn C", ("Cam kết thời hạn?",))
    with pytest.raises(errors.IllegalTransitionError, match="already answered"):
        session.answer_question(UBND, question_id=question_id, answer="x", official=None,
                                answered_on=VOTED_ON, at=AT)


def test_closing_counts_what_the_session_did_and_ends_submissions() -> None:
    session, draft = convened()
    vote(session, draft, Counts(yes=40, no=5, abstain=5, absent=0))
    session.close(HDND, closed_on=date(2025, 7, 17), at=AT)
    closed = is_a(session.collect_events()[-1], events.Closed)
    assert (closed.resolutions_passed, closed.drafts_rejected, closed.questions_asked) == (1, 0, 0)
    with pytest.raises(errors.IllegalTransitionError):
        submit_draft(session)
    with pytest.raises(errors.IllegalTransitionError):
        session.close(HDND, closed_on=date(2025, 7, 17), at=AT)


def test_votes_are_not_dated_before_the_opening() -> None:
    session, draft = convened()
    with pytest.raises(OccurredOnError, match="before the opening"):
        session.vote(HDND, vote_id=uuid4(), document_id=draft, counts=Counts(40, 5, 5, 0),
                     number="1", title=None, voted_on=date(2025, 7, 14), at=AT, rulebook=RULES)
