"""Application: use cases and queries on the in-memory store, and what the relay publishes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest
from sessions_builders import HDND, MTTQ, UBND, SteppingClock, agenda_item

from contracts import decode_cloudevent, encode_cloudevent
from contracts.sessions import v1
from contracts.vocabulary import Agency, PolicyField
from sessions.application import Sessions, translate
from sessions.domain import errors
from sessions.domain.session_events import Convened
from sessions.domain.session_parts import Counts
from sessions.domain.values import (
    ConfidenceOutcome,
    DocumentKind,
    OrganiserKind,
    SessionKind,
    SessionStatus,
    ThematicCaller,
)

MEMORY = {"PERSISTENCE_MODULE": "eventsourcing.popo"}
SUBJECT_FIELDS = ("rating_id", "matter_id", "explanation_id", "entry_id", "session_id",
                  "resolution_id")


@pytest.fixture
def app() -> Sessions:
    return Sessions(env=MEMORY, clock=SteppingClock())


def plan(app: Sessions, **overrides: object) -> UUID:
    arguments: dict[str, object] = {
        "number": 12, "term": "X, 2021–2026", "title": "Kỳ họp thứ 12",
        "kind": SessionKind.REGULAR, "planned_opening": date(2025, 7, 15),
        "place": "Hội trường HĐND tỉnh", "total_deputies": 50,
    }
    arguments.update(overrides)
    return app.plan_session(HDND, **arguments).id  # type: ignore[arg-type]


def run_session(app: Sessions) -> tuple[UUID, UUID, UUID]:
    """Plan, prepare, submit two drafts (one late), convene, pass one, reject one, close."""
    session_id = plan(app)
    app.request_agenda_items(HDND, session_id, due_on=date(2025, 6, 10))
    app.hold_joint_meeting(HDND, session_id, held_on=date(2025, 6, 20),
                           attending=[Agency.HDND, Agency.UBND, Agency.MTTQ],
                           agreed_opening=date(2025, 7, 15), agenda=[agenda_item()])
    app.confirm_joint_meeting(MTTQ, session_id)
    land, fees, question, passed = uuid4(), uuid4(), uuid4(), uuid4()
    app.submit_document(UBND, session_id, kind=DocumentKind.DRAFT_RESOLUTION,
                        title="Dự thảo nghị quyết về giá đất", field=PolicyField.LAND,
                        submitted_on=date(2025, 7, 8), document_id=land)
    app.submit_document(UBND, session_id, kind=DocumentKind.DRAFT_RESOLUTION,
                        title="Dự thảo nghị quyết về phí", field=PolicyField.ECONOMY,
                        submitted_on=date(2025, 7, 12), document_id=fees)
    app.report_vetting(HDND, session_id, document_id=land, committee="Ban Kinh tế - Ngân sách",
                       conclusion="Đủ điều kiện trình", reported_on=date(2025, 7, 11))
    app.convene(HDND, session_id, present=48, opened_on=date(2025, 7, 15))
    app.ask_question(HDND, session_id, deputy="Đại biểu F", question="Vì sao chậm?",
                     official="Ông G", official_position="Giám đốc Sở Xây dựng",
                     asked_on=date(2025, 7, 16), question_id=question)
    app.answer_question(UBND, session_id, question, answer="Vướng mặt bằng",
                        answered_on=date(2025, 7, 16))
    app.vote(HDND, session_id, document_id=land, counts=Counts(45, 2, 1, 2),
             number="15/2025/NQ-HĐND", title="Nghị quyết về giá đất",
             voted_on=date(2025, 7, 16), vote_id=passed)
    app.vote(HDND, session_id, document_id=fees, counts=Counts(25, 20, 3, 2),
             voted_on=date(2025, 7, 16))
    app.close_session(HDND, session_id, closed_on=date(2025, 7, 17))
    return session_id, land, passed


def test_a_session_from_plan_to_close_registers_its_resolution(app: Sessions) -> None:
    session_id, land, vote_id = run_session(app)
    session = app.session(session_id)
    assert session.status == SessionStatus.CLOSED
    assert [v.passed for v in session.votes.values()] == [True, False]
    [resolution] = app.list_resolutions(session_id=session_id)
    assert (resolution.number, resolution.document_id, resolution.vote_id) == (
        "15/2025/NQ-HĐND", land, vote_id)
    assert resolution.counts == Counts(45, 2, 1, 2)
    names = [type(e).__name__ for e in app.history(session_id)]
    assert names.count("DocumentSubmittedLate") == 1
    assert names[-3:] == ["ResolutionPassed", "ResolutionRejected", "Closed"]
    assert session.questions and session.documents[land].vetting


def test_guidance_lag_is_tracked_and_summarised(app: Sessions) -> None:
    run_session(app)
    [resolution] = app.list_resolutions(awaiting_guidance=True)
    lag = app.guidance_lag(year=2025)
    assert (lag.resolutions, lag.guided, lag.awaiting) == (1, 0, 1)
    assert lag.longest_waiting_days == 4  # passed on 16 July, the clock says 20 July
    app.issue_guidance(UBND, resolution.id, number="2345/UBND-KT", title="Hướng dẫn",
                       issued_on=date(2025, 7, 19))
    lag = app.guidance_lag()
    assert (lag.guided, lag.awaiting, lag.max_lag_days, lag.median_lag_days) == (1, 0, 3, 3)
    assert app.list_resolutions(awaiting_guidance=True) == []


def test_as_of_shows_a_session_as_it_stood(app: Sessions) -> None:
    session_id, _, _ = run_session(app)
    convened = next(e for e in app.history(session_id) if isinstance(e, Convened))
    before = convened.timestamp - timedelta(seconds=1)
    assert app.load(type(app.session(session_id)), session_id, "session",
                      as_of=before).status == SessionStatus.PLANNED
    assert [s.status for s in app.list_sessions(as_of=before)] == [SessionStatus.PLANNED]
    assert app.list_sessions(as_of=datetime(2020, 1, 1, tzinfo=UTC)) == []
    assert app.list_resolutions(as_of=before) == []


def test_list_filters(app: Sessions) -> None:
    run_session(app)
    plan(app, number=13, kind=SessionKind.THEMATIC, requested_by=ThematicCaller.UBND_CHAIR,
         planned_opening=date(2025, 9, 5))
    assert [s.number for s in app.list_sessions(kind=SessionKind.THEMATIC)] == [13]
    assert [s.number for s in app.list_sessions(status=SessionStatus.CLOSED)] == [12]
    assert len(app.list_sessions(year=2025)) == 2 and app.list_sessions(year=2024) == []
    assert app.list_resolutions(field=PolicyField.HEALTH) == []


def test_a_refused_command_changes_nothing(app: Sessions) -> None:
    with pytest.raises(errors.ThematicRequestError):
        plan(app, kind=SessionKind.THEMATIC, requesting_deputies=10)
    assert app.list_sessions() == []
    session_id, _, _ = run_session(app)
    before = len(app.history(session_id))
    with pytest.raises(errors.IllegalTransitionError):
        app.convene(HDND, session_id, present=40)
    assert len(app.history(session_id)) == before


def test_a_retried_command_with_the_same_id_records_once(app: Sessions) -> None:
    session_id = uuid4()
    assert plan(app, id=session_id) == session_id
    assert plan(app, id=session_id) == session_id  # the retry returns what the first made
    assert len(app.history(session_id)) == 1
    app.hold_joint_meeting(HDND, session_id, held_on=date(2025, 6, 20),
                           attending=[Agency.HDND, Agency.UBND, Agency.MTTQ],
                           agreed_opening=date(2025, 7, 15), agenda=[agenda_item()])
    document_id = uuid4()
    for _ in range(2):
        app.submit_document(UBND, session_id, kind=DocumentKind.REPORT, title="Báo cáo",
                            submitted_on=date(2025, 7, 1), document_id=document_id)
    assert len(app.session(session_id).documents) == 1


def test_calendar_clashes_are_listed_until_one_meeting_is_cancelled(app: Sessions) -> None:
    start = datetime(2025, 8, 5, 1, tzinfo=UTC)
    first = app.schedule_meeting(
        HDND, organiser_kind=OrganiserKind.STANDING_COMMITTEE, organiser="Thường trực HĐND",
        title="Họp Thường trực", starts_at=start, ends_at=start + timedelta(hours=3),
        place="Phòng họp số 1", participants=["Chủ tịch UBND tỉnh"]).id
    second = app.schedule_meeting(
        UBND, organiser_kind=OrganiserKind.UBND, organiser="UBND tỉnh", title="Họp UBND",
        starts_at=start + timedelta(hours=2), ends_at=start + timedelta(hours=4),
        place="Phòng họp UBND", participants=["Chủ tịch UBND tỉnh", "Giám đốc Sở Tài chính"]).id
    [view] = app.clashes()
    assert (view.entry.id, view.clash.other_entry_id, view.active) == (second, first, True)
    assert [type(e).__name__ for e in app.history(first)] == ["Scheduled", "ClashDetected"]
    app.cancel_meeting(UBND, second, reason="Dời lịch")
    assert app.clashes() == []
    assert [v.active for v in app.clashes(include_resolved=True)] == [False]
    assert [e.id for e in app.list_calendar()] == [first]


def council_work(app: Sessions, session_id: UUID) -> UUID:
    explanation = app.schedule_explanation(
        HDND, topic="Chậm giải ngân vốn đầu tư công", field=PolicyField.ECONOMY,
        scheduled_on=date(2025, 7, 18), explaining=["Sở Tài chính"]).id
    app.hold_explanation(HDND, explanation, conclusions="Đẩy nhanh giải ngân",
                         commitments=["Giải ngân 95% trong năm"], held_on=date(2025, 7, 18))
    matter = app.decide_matter(HDND, title="Bổ sung dự toán", field=PolicyField.ECONOMY,
                               decision_number="12/NQ-TTHĐND", summary="Đồng ý",
                               decided_on=date(2025, 5, 2)).id
    app.report_matter(HDND, matter, session_id=session_id, reported_on=date(2025, 7, 16))
    return app.rate_confidence(HDND, session_id=session_id, official="Ông E",
                               position="Phó Chủ tịch UBND", high=5, confidence=10, low=30,
                               rated_on=date(2025, 7, 16)).id


def test_council_work_between_sessions(app: Sessions) -> None:
    session_id, _, _ = run_session(app)
    rating = council_work(app, session_id)
    assert [e.held_on for e in app.list_explanations(held=True)] == [date(2025, 7, 18)]
    assert [m.reported_to for m in app.list_matters(reported=True)] == [session_id]
    [rated] = app.list_ratings(session_id=session_id)
    assert (rated.id, rated.total_deputies, rated.outcome.value) == (rating, 50, "may_resign")
    app.hold_confidence_vote(HDND, rating, no_confidence=20, voted_on=date(2025, 7, 17))
    assert app.list_ratings(outcome=ConfidenceOutcome.MAY_RESIGN)[0].vote_failed is False


def test_translate_publishes_contract_events_that_survive_the_envelope(app: Sessions) -> None:
    session_id, _, _ = run_session(app)
    rating = council_work(app, session_id)
    app.record_resignation(HDND, rating, resigned_on=date(2025, 7, 18))
    other = app.rate_confidence(HDND, session_id=session_id, official="Bà H", position="Ủy viên",
                                high=0, confidence=20, low=30, rated_on=date(2025, 7, 16)).id
    app.hold_confidence_vote(HDND, other, no_confidence=26, voted_on=date(2025, 7, 17))
    [resolution] = app.list_resolutions()
    app.issue_guidance(UBND, resolution.id, number="1/HD-UBND", title="Hướng dẫn")
    app.hold_deployment_conference(UBND, resolution.id, place="Hội trường UBND tỉnh")
    start = datetime(2025, 8, 5, 1, tzinfo=UTC)
    for organiser in ("Ban Pháp chế", "Ban Pháp chế"):
        app.schedule_meeting(HDND, organiser_kind=OrganiserKind.COMMITTEE, organiser=organiser,
                             title="Họp Ban", starts_at=start, ends_at=start + timedelta(hours=1),
                             place="Phòng 2", participants=[])
    app.cancel_meeting(HDND, app.list_calendar()[0].id, reason="Trùng lịch")
    log = app.recorder.select_notifications(start=0, limit=1000, inclusive_of_start=False)
    events: list[Any] = [app.mapper.to_domain_event(n) for n in log]
    published = [(e, p) for e in events if (p := translate(e)) is not None]
    private = {type(e).__name__ for e in events if translate(e) is None}
    # ClashDetected: the copy of a clash recorded on the other entry is published once.
    assert private == {"JointMeetingConfirmed", "Adopted", "ExplanationScheduled", "ClashDetected"}
    assert {type(p).__name__ for _, p in published} == {
        cls.__name__ for cls in vars(v1).values()
        if isinstance(cls, type) and issubclass(cls, v1._SessionsEvent)
        and cls is not v1._SessionsEvent
    }
    passed = next(p for _, p in published if isinstance(p, v1.ResolutionPassed))
    assert (passed.yes, passed.total_deputies, passed.field) == (45, 50, PolicyField.LAND)
    for event, integration in published:
        # The CloudEvents subject (the aggregate id) is the first of these fields it has.
        named = next(f for f in SUBJECT_FIELDS if getattr(integration, f, None) is not None)
        assert getattr(integration, named) == event.originator_id, type(integration).__name__
        _, _, body = encode_cloudevent(integration, jurisdiction="tien-giang", sequence=1,
                                       subject=str(event.originator_id), time=event.timestamp)
        assert decode_cloudevent(body).data == integration
