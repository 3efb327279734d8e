"""Domain: resolutions' guidance lag, explanation sessions, between-session matters,
confidence ratings (NQ 96/2023/QH15) and the meeting calendar's clashes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import uuid4

import pytest
from sessions_builders import AT, HDND, RULES, UBND, event_names, is_a

from contracts.vocabulary import PolicyField
from kernel.occurred import OccurredOnError
from sessions.domain import errors
from sessions.domain.calendar import CalendarEntry, ClashDetected, detect_clashes
from sessions.domain.confidence import ConfidenceRating
from sessions.domain.council import BetweenSessionMatter, ExplanationSession
from sessions.domain.resolution import GuidanceIssued, Resolution
from sessions.domain.session_parts import Counts
from sessions.domain.values import ConfidenceOutcome, OrganiserKind

PASSED_ON = date(2025, 7, 1)


def resolution() -> Resolution:
    return Resolution.adopt(
        id=uuid4(), session_id=uuid4(), vote_id=uuid4(), document_id=uuid4(),
        number="15/2025/NQ-HĐND", title="Nghị quyết về giá đất", field=PolicyField.LAND,
        passed_on=PASSED_ON, counts=Counts(40, 5, 5, 0), total_deputies=50, at=AT,
    )


def test_guidance_records_its_lag_from_passing() -> None:
    adopted = resolution()
    assert adopted.days_waiting(date(2025, 7, 20)) == 19
    adopted.issue_guidance(UBND, guidance_id=uuid4(), number="123/UBND-KT",
                           title="Hướng dẫn thực hiện", issued_on=date(2025, 7, 15), at=AT)
    issued = is_a(adopted.collect_events()[-1], GuidanceIssued)
    assert (issued.lag_days, issued.first) == (14, True)
    assert issued.resolution_number == "15/2025/NQ-HĐND"
    assert adopted.guidance_lag_days == 14
    assert adopted.days_waiting(date(2025, 7, 20)) is None


def test_only_ubnd_guides_and_not_before_the_resolution_passed() -> None:
    adopted = resolution()
    with pytest.raises(errors.NotPermittedError):
        adopted.issue_guidance(HDND, guidance_id=uuid4(), number="1", title="x",
                               issued_on=date(2025, 7, 15), at=AT)
    with pytest.raises(OccurredOnError, match="before the day the resolution passed"):
        adopted.issue_guidance(UBND, guidance_id=uuid4(), number="1", title="x",
                               issued_on=date(2025, 6, 30), at=AT)


def test_the_deployment_conference_is_held_once() -> None:
    adopted = resolution()
    adopted.hold_deployment_conference(UBND, held_on=date(2025, 7, 10), place="UBND tỉnh", at=AT)
    assert adopted.conference is not None and adopted.conference.lag_days == 9
    with pytest.raises(errors.IllegalTransitionError):
        adopted.hold_deployment_conference(UBND, held_on=date(2025, 7, 11), place="x", at=AT)


def test_an_explanation_session_is_scheduled_then_held_once() -> None:
    explanation = ExplanationSession.schedule(
        HDND, id=uuid4(), topic="Ô nhiễm môi trường khu công nghiệp", field=PolicyField.ENVIRONMENT,
        scheduled_on=date(2025, 7, 18), explaining=["Sở Nông nghiệp và Môi trường"], at=AT,
    )
    explanation.hold(HDND, held_on=date(2025, 7, 18), conclusions="Khắc phục trong quý IV",
                     commitments=["Lắp quan trắc tự động"], at=AT)
    assert event_names(explanation.collect_events()) == ["ExplanationScheduled", "ExplanationHeld"]
    with pytest.raises(errors.IllegalTransitionError):
        explanation.hold(HDND, held_on=date(2025, 7, 19), conclusions="x", commitments=[], at=AT)


def test_a_matter_decided_between_sessions_is_reported_to_a_later_session() -> None:
    matter = BetweenSessionMatter.decide(
        HDND, id=uuid4(), title="Điều chỉnh vốn đầu tư công", field=PolicyField.ECONOMY,
        decided_on=date(2025, 5, 2), decision_number="45/NQ-TTHĐND", summary="Đồng ý", at=AT,
    )
    with pytest.raises(errors.InvalidCommandError):
        matter.report_to(HDND, session_id=uuid4(), session_opening=date(2025, 4, 1),
                         reported_on=date(2025, 7, 15), at=AT)
    matter.report_to(HDND, session_id=uuid4(), session_opening=date(2025, 7, 15),
                     reported_on=date(2025, 7, 15), at=AT)
    assert matter.reported_on == date(2025, 7, 15)


def rate(low: int, total: int = 60) -> ConfidenceRating:
    return ConfidenceRating.rate(
        HDND, id=uuid4(), session_id=uuid4(), official="Ông Phạm Văn D",
        position="Giám đốc Sở Tài chính", rated_on=date(2025, 7, 16), high=0,
        confidence=total - low, low=low, total_deputies=total, at=AT, rulebook=RULES,
    )


@pytest.mark.parametrize(("low", "outcome"), [
    (30, ConfidenceOutcome.NONE),  # exactly half is not more than half
    (31, ConfidenceOutcome.MAY_RESIGN),
    (39, ConfidenceOutcome.MAY_RESIGN),  # just under 2/3
    (40, ConfidenceOutcome.DISMISSAL_REQUIRED),  # exactly 2/3
    (60, ConfidenceOutcome.DISMISSAL_REQUIRED),
])
def test_confidence_rating_thresholds(low: int, outcome: ConfidenceOutcome) -> None:
    assert rate(low).outcome == outcome


def test_a_low_rated_official_faces_a_vote_that_fails_on_more_than_half() -> None:
    rating = rate(35)
    rating.hold_confidence_vote(HDND, voted_on=date(2025, 7, 17), no_confidence=31,
                                total_deputies=60, at=AT, rulebook=RULES)
    assert rating.vote_failed is True
    assert rating.outcome == ConfidenceOutcome.DISMISSAL_REQUIRED
    with pytest.raises(errors.IllegalTransitionError):
        rating.record_resignation(HDND, resigned_on=date(2025, 7, 18), at=AT)


def test_follow_up_only_after_a_may_resign_rating() -> None:
    with pytest.raises(errors.IllegalTransitionError):
        rate(10).record_resignation(HDND, resigned_on=date(2025, 7, 18), at=AT)
    rating = rate(33)
    rating.record_resignation(HDND, resigned_on=date(2025, 7, 18), at=AT)
    assert rating.resigned_on == date(2025, 7, 18)


def test_ballots_cannot_exceed_the_deputies() -> None:
    with pytest.raises(errors.InvalidCommandError):
        ConfidenceRating.rate(HDND, id=uuid4(), session_id=uuid4(), official="X", position="Y",
                              rated_on=date(2025, 7, 16), high=30, confidence=20, low=20,
                              total_deputies=60, at=AT, rulebook=RULES)


def meeting(kind: OrganiserKind, organiser: str, start_hour: int, hours: int,
            participants: list[str]) -> CalendarEntry:
    actor = UBND if kind == OrganiserKind.UBND else HDND
    starts = datetime(2025, 8, 5, start_hour, tzinfo=UTC)
    return CalendarEntry.schedule(
        actor, id=uuid4(), organiser_kind=kind, organiser=organiser, title="Họp",
        starts_at=starts, ends_at=starts + timedelta(hours=hours), place="Phòng họp",
        participants=participants, at=AT,
    )


def test_calendar_clash_yields_its_event_on_both_entries() -> None:
    hdnd = meeting(OrganiserKind.STANDING_COMMITTEE, "Thường trực HĐND", 1, 3, ["Chủ tịch UBND"])
    ubnd = meeting(OrganiserKind.UBND, "UBND tỉnh", 2, 2, ["chủ tịch  ubnd", "Giám đốc Sở"])
    assert detect_clashes(ubnd, [hdnd], AT) == [hdnd]
    clash = is_a(ubnd.collect_events()[-1], ClashDetected)
    assert (clash.other_entry_id, clash.same_body, clash.caused_here) == (hdnd.id, False, True)
    assert clash.shared_participants == ["chủ tịch ubnd"]  # as the new entry spells it
    assert clash.overlap_start == datetime(2025, 8, 5, 2, tzinfo=UTC)
    assert is_a(hdnd.collect_events()[-1], ClashDetected).caused_here is False


def test_the_same_body_double_booked_clashes() -> None:
    first = meeting(OrganiserKind.COMMITTEE, "Ban Pháp chế", 1, 2, ["A"])
    second = meeting(OrganiserKind.COMMITTEE, "ban pháp chế", 2, 2, ["B"])
    clash = second.clash_with(first)
    assert clash is not None and clash.same_body and clash.shared_participants == ()


def test_no_clash_for_back_to_back_other_bodies_or_cancelled_meetings() -> None:
    first = meeting(OrganiserKind.COMMITTEE, "Ban Pháp chế", 1, 2, ["A"])
    assert meeting(OrganiserKind.COMMITTEE, "Ban Pháp chế", 3, 1, ["A"]).clash_with(first) is None
    assert meeting(OrganiserKind.UBND, "UBND tỉnh", 1, 2, ["B"]).clash_with(first) is None
    first.cancel(HDND, reason="Hoãn", at=AT)
    assert meeting(OrganiserKind.COMMITTEE, "Ban Pháp chế", 1, 2, ["A"]).clash_with(first) is None


def test_each_body_keeps_its_own_meetings() -> None:
    with pytest.raises(errors.NotPermittedError):
        meeting(OrganiserKind.UBND, "UBND tỉnh", 1, 1, []).cancel(HDND, reason="x", at=AT)
    with pytest.raises(errors.InvalidCommandError):
        meeting(OrganiserKind.COMMITTEE, "Ban Pháp chế", 3, 0, [])
