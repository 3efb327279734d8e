"""The relay's allow-list: which stored events leave the service, as which contract event.

Pure: one domain event in, one ``contracts.oversight.v1`` event (or None: it stays private)
out. Each domain event carries everything its contract event needs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from eventsourcing.domain import DomainEventProtocol

from contracts.base import IntegrationEvent
from contracts.oversight import v1
from kernel.occurred import stamp
from oversight.domain import (
    criticism,
    draft_law,
    monitoring,
    overlap,
    programme,
    recommendation,
    reporting,
    supervision,
)


def _fields(event: Any, *names: str) -> dict[str, Any]:
    return {name: getattr(event, name) for name in names}


def _adopted(e: programme.ProgrammeAdopted) -> v1.SupervisionProgrammeAdopted:
    return v1.SupervisionProgrammeAdopted(
        programme_id=e.originator_id, topics=[v1.ProgrammeTopic(**item) for item in e.items],
        **_fields(e, "year", "body", "body_name", "adopted_on"))


def _added(e: programme.ItemAdded) -> v1.SupervisionTopicAdded:
    return v1.SupervisionTopicAdded(programme_id=e.originator_id,
                                    topic=v1.ProgrammeTopic(**e.item))


def _rescheduled(e: programme.ItemRescheduled) -> v1.SupervisionTopicRescheduled:
    return v1.SupervisionTopicRescheduled(programme_id=e.originator_id, **_fields(
        e, "item_id", "topic", "window_start", "window_end", "previous_start", "previous_end",
        "reason"))


def _overlap(e: overlap.OverlapDetected) -> v1.OverlapDetected:
    return v1.OverlapDetected(
        overlap_id=e.originator_id, first=v1.PlannedTopic(**e.first),
        second=v1.PlannedTopic(**e.second),
        bodies=[e.first["body_name"], e.second["body_name"]],
        topics=[e.first["topic"], e.second["topic"]], **_fields(
            e, "shared_units", "topic_similarity", "period_start", "period_end"))


def _resolved(e: overlap.OverlapResolved) -> v1.OverlapResolved:
    return v1.OverlapResolved(overlap_id=e.originator_id, **_fields(e, "resolution", "reason"))


def _conducted(e: supervision.SupervisionConducted) -> v1.SupervisionConducted:
    return v1.SupervisionConducted(supervision_id=e.originator_id, **_fields(
        e, "programme_id", "item_id", "body", "body_name", "topic", "field", "members",
        "started_on", "ended_on", "units_visited"))


def _reported(e: supervision.SupervisionReported) -> v1.SupervisionReported:
    return v1.SupervisionReported(supervision_id=e.originator_id, **_fields(
        e, "reported_on", "findings", "causes", "responsibility", "recommendation_ids"))


def _issued(e: recommendation.RecommendationIssued) -> v1.RecommendationIssued:
    return v1.RecommendationIssued(recommendation_id=e.originator_id, **_fields(
        e, "supervision_id", "body", "body_name", "topic", "addressee_agency",
        "addressee_unit", "action", "issued_on", "due_on", "rule_id", "legal_source"))


def _answered(e: recommendation.Answered) -> v1.RecommendationAnswered:
    return v1.RecommendationAnswered(recommendation_id=e.originator_id, **_fields(
        e, "addressee_agency", "addressee_unit", "outcome", "done", "responded_on", "due_on",
        "on_time"))


def _accepted(e: recommendation.AnswerAccepted) -> v1.RecommendationAccepted:
    return v1.RecommendationAccepted(recommendation_id=e.originator_id,
                                     **_fields(e, "accepted_on", "note"))


def _reopened(e: recommendation.Reopened) -> v1.RecommendationReopened:
    return v1.RecommendationReopened(recommendation_id=e.originator_id, **_fields(
        e, "reopened_on", "reason", "due_on", "addressee_agency", "addressee_unit", "body_name",
        "topic", "action"))


def _reviewed_at_session(e: recommendation.ReviewedAtSession
                         ) -> v1.RecommendationReviewedAtSession:
    return v1.RecommendationReviewedAtSession(recommendation_id=e.originator_id, **_fields(
        e, "session_id", "session_title", "reviewed_on", "conclusion"))


def _petition_overdue(e: monitoring.PetitionAnswerOverdue) -> v1.PetitionAnswerOverdue:
    return v1.PetitionAnswerOverdue(**_fields(
        e, "petition_id", "agency", "unit", "forwarded_on", "due_date", "found_on"))


def _guidance_overdue(e: monitoring.ResolutionGuidanceOverdue) -> v1.ResolutionGuidanceOverdue:
    return v1.ResolutionGuidanceOverdue(**_fields(
        e, "resolution_id", "number", "title", "passed_on", "guidance_due", "rule_id",
        "legal_source", "found_on"))


def _draft_received(e: criticism.DraftReceived) -> v1.SocialCriticismDraftReceived:
    return v1.SocialCriticismDraftReceived(criticism_id=e.originator_id, **_fields(
        e, "draft_title", "drafting_agency", "drafting_unit", "received_on"))


def _conference(e: criticism.ConferenceHeld) -> v1.SocialCriticismConferenceHeld:
    return v1.SocialCriticismConferenceHeld(criticism_id=e.originator_id, **_fields(
        e, "held_on", "participants", "summary"))


def _criticism_sent(e: criticism.CriticismSent) -> v1.SocialCriticismSent:
    return v1.SocialCriticismSent(criticism_id=e.originator_id, **_fields(
        e, "draft_title", "drafting_agency", "drafting_unit", "sent_on", "document_number",
        "content"))


def _criticism_replied(e: criticism.CriticismReplied) -> v1.SocialCriticismReplied:
    return v1.SocialCriticismReplied(criticism_id=e.originator_id, **_fields(
        e, "replied_on", "uptake", "reply"))


def _consultation(e: draft_law.ConsultationOpened) -> v1.DraftLawConsultationOpened:
    return v1.DraftLawConsultationOpened(consultation_id=e.originator_id, **_fields(
        e, "law_title", "collector", "opened_on"))


def _comments_sent(e: draft_law.CommentsSent) -> v1.DraftLawCommentsSent:
    return v1.DraftLawCommentsSent(consultation_id=e.originator_id, **_fields(
        e, "law_title", "collector", "sent_on", "sent_to", "summary", "comment_count",
        "from_voters", "from_groups"))


def _about_report(e: reporting.ReportSubmitted | reporting.ReportOverdue) -> dict[str, Any]:
    return {"report_id": e.originator_id, **_fields(
        e, "obligation_id", "title", "from_agency", "to_agencies", "period_label",
        "period_start", "period_end", "due_on")}


def _report_submitted(e: reporting.ReportSubmitted) -> v1.ObligationReportSubmitted:
    return v1.ObligationReportSubmitted(**_about_report(e), **_fields(
        e, "submitted_on", "on_time", "summary", "document_number"))


def _report_overdue(e: reporting.ReportOverdue) -> v1.ObligationReportOverdue:
    return v1.ObligationReportOverdue(**_about_report(e), found_on=e.found_on)


# The watches' other events (started, answer or guidance seen) repeat what the petitions
# and sessions services published: they stay private. Only the findings leave.
_TRANSLATIONS: dict[type[Any], Callable[[Any], IntegrationEvent | None]] = {
    programme.ProgrammeAdopted: _adopted, programme.ItemAdded: _added,
    programme.ItemRescheduled: _rescheduled, overlap.OverlapDetected: _overlap,
    overlap.OverlapResolved: _resolved, supervision.SupervisionConducted: _conducted,
    supervision.SupervisionReported: _reported, recommendation.RecommendationIssued: _issued,
    recommendation.Answered: _answered, recommendation.AnswerAccepted: _accepted,
    recommendation.Reopened: _reopened, recommendation.ReviewedAtSession: _reviewed_at_session,
    monitoring.PetitionAnswerOverdue: _petition_overdue,
    monitoring.ResolutionGuidanceOverdue: _guidance_overdue,
    criticism.DraftReceived: _draft_received, criticism.ConferenceHeld: _conference,
    criticism.CriticismSent: _criticism_sent, criticism.CriticismReplied: _criticism_replied,
    # A comment names a voter or a group: it stays here; the counts leave when sent on.
    draft_law.ConsultationOpened: _consultation, draft_law.CommentsSent: _comments_sent,
    # A period's record opening repeats the table: only the submission or finding leaves.
    reporting.ReportSubmitted: _report_submitted, reporting.ReportOverdue: _report_overdue,
}


def translate(event: DomainEventProtocol[UUID]) -> IntegrationEvent | None:
    """The contract event for ``event``, or None when it stays private to the service."""
    translation = _TRANSLATIONS.get(type(event))
    return stamp(translation(event), event) if translation is not None else None
