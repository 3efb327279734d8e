"""Domain: planning a session, the thematic request rule, the joint meeting, documents."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest
from sessions_builders import (
    AT,
    HDND,
    MTTQ,
    OPENING,
    RULES,
    UBND,
    agenda_item,
    event_names,
    is_a,
    only,
    planned,
    prepared,
    submit_draft,
)

from chassis.web.problems import domain_problem
from contracts.vocabulary import Agency, PolicyField
from kernel.occurred import OccurredOnError
from kernel.rulebook import load_rulebook
from sessions.domain import errors
from sessions.domain import session_events as events
from sessions.domain.session import Session
from sessions.domain.values import DocumentKind, SessionKind, SessionStatus, ThematicCaller


def test_planning_a_regular_session_records_it() -> None:
    session = planned()
    event = only(session.collect_events(), events.Planned)
    assert (event.kind, event.total_deputies, event.requested_by) == ("regular", 50, None)
    assert session.status == SessionStatus.PLANNED
    assert event.by == "hdnd/thuong-truc"


@pytest.mark.parametrize("caller", [ThematicCaller.STANDING_COMMITTEE, ThematicCaller.UBND_CHAIR])
def test_a_thematic_session_called_by_an_entitled_body_is_planned(caller: ThematicCaller) -> None:
    session = planned(kind=SessionKind.THEMATIC, requested_by=caller)
    assert session.requested_by == caller


@pytest.mark.parametrize(("deputies", "total"), [(17, 50), (20, 60), (50, 50)])
def test_a_thematic_session_asked_by_a_third_of_deputies_is_planned(deputies: int,
                                                                    total: int) -> None:
    session = planned(kind=SessionKind.THEMATIC, requesting_deputies=deputies,
                      total_deputies=total)
    assert session.requested_by == ThematicCaller.DEPUTIES
    assert session.requesting_deputies == deputies


def test_thematic_session_by_too_few_deputies_and_no_entitled_body_is_refused() -> None:
    with pytest.raises(errors.ThematicRequestError) as refused:
        planned(kind=SessionKind.THEMATIC, requested_by=ThematicCaller.DEPUTIES,
                requesting_deputies=16, total_deputies=50)
    assert domain_problem(refused.value)[0] == 422
    assert refused.value.extensions["rule_id"] == "session.thematic.request_share"


def test_a_thematic_session_nobody_called_is_refused() -> None:
    with pytest.raises(errors.ThematicRequestError):
        planned(kind=SessionKind.THEMATIC)


def test_a_regular_session_is_not_called_on_request() -> None:
    with pytest.raises(errors.InvalidCommandError):
        planned(requested_by=ThematicCaller.UBND_CHAIR)


def test_only_hdnd_plans_sessions() -> None:
    with pytest.raises(errors.NotPermittedError) as refused:
        Session.plan(
            UBND, id=uuid4(), number=1, term="X", title="Kỳ họp", kind=SessionKind.REGULAR,
            planned_opening=OPENING, planned_closing=None, place="Hội trường",
            total_deputies=50, requested_by=None, requesting_deputies=None, at=AT,
            rulebook=RULES,
        )
    assert domain_problem(refused.value)[0] == 403


def test_the_joint_meeting_agrees_opening_and_agenda() -> None:
    session = prepared()
    assert event_names(session.collect_events()) == ["Planned", "JointMeetingHeld"]
    assert session.opening_on == OPENING  # planned for 2025-07-14, agreed for the 15th
    assert session.agenda[0].prepared_by == Agency.UBND


def test_a_joint_meeting_without_mttq_is_refused() -> None:
    session = planned()
    session.collect_events()
    with pytest.raises(errors.InvalidCommandError, match="mttq"):
        session.hold_joint_meeting(
            HDND, held_on=date(2025, 6, 20), attending=[Agency.HDND, Agency.UBND],
            agreed_opening=OPENING, agreed_closing=None, agenda=[agenda_item()], notes=None,
            at=AT,
        )
    assert session.collect_events() == []


def test_ubnd_and_mttq_confirm_the_joint_meeting_once_each() -> None:
    session = prepared()
    session.confirm_joint_meeting(MTTQ, occurred_on=AT.date(), at=AT)
    session.confirm_joint_meeting(UBND, occurred_on=AT.date(), at=AT)
    assert session.joint_meeting is not None
    assert session.joint_meeting.confirmed_by == {Agency.MTTQ, Agency.UBND}
    with pytest.raises(errors.IllegalTransitionError):
        session.confirm_joint_meeting(MTTQ, occurred_on=AT.date(), at=AT)
    with pytest.raises(errors.NotPermittedError):
        session.confirm_joint_meeting(HDND, occurred_on=AT.date(), at=AT)


def test_a_document_on_time_is_submitted_without_a_late_event() -> None:
    session = prepared()
    session.collect_events()
    submit_draft(session, submitted_on=date(2025, 7, 10))  # due 5 days before the 15th
    event = only(session.collect_events(), events.DocumentSubmitted)
    assert (event.due_on, event.on_time) == (date(2025, 7, 10), True)
    assert event.rule_id == "session.documents.before_opening"


def test_a_late_document_yields_a_late_submission_event() -> None:
    session = prepared()
    session.collect_events()
    document_id = submit_draft(session, submitted_on=date(2025, 7, 13))
    first, second = session.collect_events()
    submitted = is_a(first, events.DocumentSubmitted)
    late = is_a(second, events.DocumentSubmittedLate)
    assert (late.document_id, late.days_late, late.due_on) == (document_id, 3, date(2025, 7, 10))
    assert submitted.on_time is False
    assert session.documents[document_id].days_late == 3


def test_the_document_deadline_comes_from_the_rulebook() -> None:
    ten_days = load_rulebook("""
[[rule]]
id = "session.documents.before_opening"
title = "Tài liệu trước khai mạc (tỉnh quy định 10 ngày)"
value = 10
unit = "days"
legal_source = "Quy chế của tỉnh"
effective_from = 2020-01-01
confidence = "L"
""")
    session = prepared()
    session.collect_events()
    session.submit_document(
        UBND, document_id=uuid4(), kind=DocumentKind.REPORT, title="Báo cáo kinh tế - xã hội",
        field=None, agenda_item_id=None, submitted_on=date(2025, 7, 8), at=AT, rulebook=ten_days,
    )
    assert event_names(session.collect_events()) == ["DocumentSubmitted", "DocumentSubmittedLate"]


def test_a_draft_resolution_names_its_field_and_agenda_items_must_exist() -> None:
    session = prepared()
    with pytest.raises(errors.InvalidCommandError, match="field"):
        session.submit_document(
            UBND, document_id=uuid4(), kind=DocumentKind.DRAFT_RESOLUTION, title="Dự thảo",
            field=None, agenda_item_id=None, submitted_on=date(2025, 7, 8), at=AT,
            rulebook=RULES,
        )
    with pytest.raises(errors.InvalidCommandError, match="agenda"):
        session.submit_document(
            UBND, document_id=uuid4(), kind=DocumentKind.REPORT, title="Báo cáo",
            field=PolicyField.LAND, agenda_item_id=uuid4(), submitted_on=date(2025, 7, 8),
            at=AT, rulebook=RULES,
        )


def test_mttq_does_not_submit_documents_and_dates_are_not_in_the_future() -> None:
    session = prepared()
    with pytest.raises(errors.NotPermittedError):
        session.submit_document(
            MTTQ, document_id=uuid4(), kind=DocumentKind.REPORT, title="Báo cáo", field=None,
            agenda_item_id=None, submitted_on=date(2025, 7, 8), at=AT, rulebook=RULES,
        )
    with pytest.raises(OccurredOnError, match="future"):
        submit_draft(session, submitted_on=date(2025, 7, 21))


def test_committees_report_on_vetting_submitted_documents_only() -> None:
    session = prepared()
    document_id = submit_draft(session)
    session.report_vetting(HDND, document_id=document_id, committee="Ban Kinh tế - Ngân sách",
                           conclusion="Đủ điều kiện trình kỳ họp", reported_on=date(2025, 7, 11),
                           at=AT)
    assert session.documents[document_id].vetting[0].committee == "Ban Kinh tế - Ngân sách"
    with pytest.raises(errors.RecordNotFoundError):
        session.report_vetting(HDND, document_id=uuid4(), committee="Ban Pháp chế",
                               conclusion="x", reported_on=date(2025, 7, 11), at=AT)
