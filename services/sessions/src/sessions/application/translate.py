"""The relay's allow-list: which stored events leave the service, as which contract event.

Pure: one domain event in, one ``contracts.sessions.v1`` event (or None: it stays private)
out. Each domain event carries everything its contract event needs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from eventsourcing.domain import DomainEventProtocol

from contracts.base import IntegrationEvent
from contracts.sessions import v1
from kernel.occurred import stamp
from sessions.domain import calendar, confidence, council, resolution
from sessions.domain import session_events as se

COUNTS = ("yes", "no", "abstain", "absent", "total_deputies", "rule_id", "legal_source")


def _fields(event: Any, *names: str) -> dict[str, Any]:
    return {name: getattr(event, name) for name in names}


def _planned(e: se.Planned) -> v1.SessionPlanned:
    return v1.SessionPlanned(session_id=e.originator_id, **_fields(
        e, "number", "term", "title", "kind", "planned_opening", "planned_closing", "place",
        "total_deputies", "requested_by", "requesting_deputies"))


def _agenda_requested(e: se.AgendaItemsRequested) -> v1.AgendaItemsRequested:
    return v1.AgendaItemsRequested(
        session_id=e.originator_id, **_fields(e, "requested_from", "due_on", "note"))


def _joint_meeting(e: se.JointMeetingHeld) -> v1.JointMeetingHeld:
    return v1.JointMeetingHeld(
        session_id=e.originator_id, agenda=[v1.AgendaItem(**item) for item in e.agenda],
        **_fields(e, "held_on", "attending", "agreed_opening", "agreed_closing"))


def _document(e: se.DocumentSubmitted) -> v1.DocumentSubmitted:
    return v1.DocumentSubmitted(session_id=e.originator_id, **_fields(
        e, "document_id", "kind", "title", "field", "submitted_by", "submitting_unit",
        "submitted_on", "due_on", "on_time", "rule_id", "legal_source"))


def _late(e: se.DocumentSubmittedLate) -> v1.DocumentSubmittedLate:
    return v1.DocumentSubmittedLate(session_id=e.originator_id, **_fields(
        e, "document_id", "title", "submitted_by", "submitted_on", "due_on", "days_late",
        "opening_on", "rule_id", "legal_source"))


def _vetting(e: se.VettingReported) -> v1.VettingReported:
    return v1.VettingReported(session_id=e.originator_id, **_fields(
        e, "document_id", "committee", "reported_on", "conclusion"))


def _convened(e: se.Convened) -> v1.SessionConvened:
    return v1.SessionConvened(session_id=e.originator_id, **_fields(
        e, "opened_on", "total_deputies", "present", "absent_deputies"))


def _asked(e: se.QuestionAsked) -> v1.QuestionAsked:
    return v1.QuestionAsked(session_id=e.originator_id, **_fields(
        e, "question_id", "deputy", "question", "official", "official_position", "asked_on"))


def _answered(e: se.QuestionAnswered) -> v1.QuestionAnswered:
    return v1.QuestionAnswered(session_id=e.originator_id, **_fields(
        e, "question_id", "official", "answer", "answered_on"))


def _passed(e: se.ResolutionPassed) -> v1.ResolutionPassed:
    return v1.ResolutionPassed(session_id=e.originator_id, **_fields(
        e, "resolution_id", "document_id", "number", "title", "field", "passed_on", *COUNTS))


def _rejected(e: se.ResolutionRejected) -> v1.ResolutionRejected:
    return v1.ResolutionRejected(session_id=e.originator_id, **_fields(
        e, "document_id", "title", "field", "voted_on", *COUNTS))


def _closed(e: se.Closed) -> v1.SessionClosed:
    return v1.SessionClosed(session_id=e.originator_id, **_fields(
        e, "closed_on", "resolutions_passed", "drafts_rejected", "questions_asked"))


def _guidance(e: resolution.GuidanceIssued) -> v1.ResolutionGuidanceIssued:
    return v1.ResolutionGuidanceIssued(
        resolution_id=e.originator_id, guidance_number=e.number, guidance_title=e.title,
        **_fields(e, "resolution_number", "issued_on", "issued_by", "issuing_unit",
                  "passed_on", "lag_days", "first"))


def _conference(e: resolution.DeploymentConferenceHeld) -> v1.ResolutionDeploymentConferenceHeld:
    return v1.ResolutionDeploymentConferenceHeld(resolution_id=e.originator_id, **_fields(
        e, "resolution_number", "held_on", "place", "lag_days"))


def _explanation(e: council.ExplanationHeld) -> v1.ExplanationSessionHeld:
    return v1.ExplanationSessionHeld(explanation_id=e.originator_id, **_fields(
        e, "topic", "field", "held_on", "explaining", "conclusions", "commitments"))


def _matter(e: council.MatterDecided) -> v1.BetweenSessionMatterDecided:
    return v1.BetweenSessionMatterDecided(matter_id=e.originator_id, **_fields(
        e, "title", "field", "decided_on", "decision_number", "summary"))


def _matter_reported(e: council.MatterReported) -> v1.BetweenSessionMatterReported:
    return v1.BetweenSessionMatterReported(
        matter_id=e.originator_id, **_fields(e, "session_id", "reported_on"))


def _rated(e: confidence.Rated) -> v1.ConfidenceRated:
    return v1.ConfidenceRated(rating_id=e.originator_id, **_fields(
        e, "session_id", "official", "position", "rated_on", "high", "confidence", "low",
        "total_deputies", "outcome", "rule_id", "legal_source"))


def _confidence_vote(e: confidence.ConfidenceVoteHeld) -> v1.ConfidenceVoteHeld:
    return v1.ConfidenceVoteHeld(rating_id=e.originator_id, **_fields(
        e, "official", "voted_on", "no_confidence", "total_deputies", "failed", "rule_id",
        "legal_source"))


def _resigned(e: confidence.Resigned) -> v1.OfficialResigned:
    return v1.OfficialResigned(
        rating_id=e.originator_id, **_fields(e, "official", "resigned_on"))


def _scheduled(e: calendar.Scheduled) -> v1.MeetingScheduled:
    return v1.MeetingScheduled(entry_id=e.originator_id, **_fields(
        e, "organiser_kind", "organiser", "title", "starts_at", "ends_at", "place",
        "participants"))


def _cancelled(e: calendar.Cancelled) -> v1.MeetingCancelled:
    return v1.MeetingCancelled(entry_id=e.originator_id, reason=e.reason)


def _clash(e: calendar.ClashDetected) -> v1.CalendarClashDetected | None:
    if not e.caused_here:  # the same clash, recorded on the other entry: published once
        return None
    return v1.CalendarClashDetected(entry_id=e.originator_id, **_fields(
        e, "organiser", "other_entry_id", "other_organiser", "overlap_start", "overlap_end",
        "same_body", "shared_participants"))


_TRANSLATIONS: dict[type[Any], Callable[[Any], IntegrationEvent | None]] = {
    se.Planned: _planned, se.AgendaItemsRequested: _agenda_requested,
    se.JointMeetingHeld: _joint_meeting, se.DocumentSubmitted: _document,
    se.DocumentSubmittedLate: _late, se.VettingReported: _vetting, se.Convened: _convened,
    se.QuestionAsked: _asked, se.QuestionAnswered: _answered, se.ResolutionPassed: _passed,
    se.ResolutionRejected: _rejected, se.Closed: _closed,
    resolution.GuidanceIssued: _guidance, resolution.DeploymentConferenceHeld: _conference,
    council.ExplanationHeld: _explanation, council.MatterDecided: _matter,
    council.MatterReported: _matter_reported, confidence.Rated: _rated,
    confidence.ConfidenceVoteHeld: _confidence_vote, confidence.Resigned: _resigned,
    calendar.Scheduled: _scheduled, calendar.ClashDetected: _clash,
    calendar.Cancelled: _cancelled,
}


def translate(event: DomainEventProtocol[UUID]) -> IntegrationEvent | None:
    """The contract event for ``event``, or None when it stays private to the service; with
    the day its act happened and when it was recorded (kernel.occurred.stamp)."""
    translation = _TRANSLATIONS.get(type(event))
    return stamp(translation(event), event) if translation is not None else None
