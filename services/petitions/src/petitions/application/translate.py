"""Domain events → the petitions service's published integration events (contracts v1).

A pure function of the stored event: every field published is in the event itself, so
the relay can translate any event, at any time, the same way. Events that stay private
(a petition marked as merged, restored, an idempotency record) translate to ``None``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from contracts.base import IntegrationEvent
from contracts.petitions import v1
from contracts.vocabulary import Agency, JurisdictionLevel, PolicyField, ResolutionStatus
from kernel.occurred import stamp
from kernel.text import identifier_key
from petitions.domain import events
from petitions.domain.meeting import VoterContactMeeting
from petitions.domain.petition import Petition
from petitions.domain.values import Source


def translate(domain_event: object) -> IntegrationEvent | None:
    """The integration event to publish for ``domain_event``, or None to keep it private;
    with the day its act happened and when it was recorded (kernel.occurred.stamp)."""
    for event_class, make in _TRANSLATIONS:
        if isinstance(domain_event, event_class):
            return stamp(make(domain_event), domain_event)
    return None


def _meeting_planned(e: VoterContactMeeting.Planned) -> IntegrationEvent:
    return v1.VoterContactMeetingPlanned(
        meeting_id=e.originator_id, title=e.title, scheduled_on=e.scheduled_on, place=e.place,
        commune=e.commune, deputies=e.deputies, organised_by=Agency(e.organised_by),
    )


def _meeting_held(e: VoterContactMeeting.Held) -> IntegrationEvent:
    return v1.VoterContactMeetingHeld(
        meeting_id=e.originator_id, held_on=e.held_on, place=e.place, commune=e.commune,
        attendance=e.attendance, deputies=e.deputies,
    )


def _recorded(e: events.Recorded) -> IntegrationEvent:
    return v1.PetitionRecorded(
        petition_id=e.originator_id, text=e.text, meeting_id=e.meeting_id, commune=e.commune,
        channel=e.channel, deputy=e.deputy, recorded_at=e.timestamp,
    )


def _consolidated(e: events.Consolidated) -> IntegrationEvent:
    sources = [Source.from_record(record) for record in e.sources]
    return v1.PetitionsConsolidated(
        petition_id=e.originator_id, merged_petition_ids=e.merged_petition_ids, text=e.text,
        sources=[v1.PetitionSource(petition_id=s.petition_id, meeting_id=s.meeting_id,
                                   commune=s.commune) for s in sources],
        meeting_count=len({s.meeting_id for s in sources if s.meeting_id is not None}),
        commune_count=len({identifier_key(s.commune) for s in sources}),
    )


def _split(e: events.Split) -> IntegrationEvent:
    return v1.PetitionConsolidationSplit(
        petition_id=e.originator_id, restored_petition_ids=e.restored_petition_ids,
        reason=e.reason,
    )


def _classified(e: events.Classified) -> IntegrationEvent:
    return v1.PetitionClassified(
        petition_id=e.originator_id, field=PolicyField(e.field), level=JurisdictionLevel(e.level),
        competent_agency=Agency(e.competent_agency), competent_unit=e.competent_unit,
        committee=e.committee,
    )


def _forwarded(e: events.Forwarded) -> IntegrationEvent:
    return v1.PetitionForwarded(
        petition_id=e.originator_id, text=e.text, to_agency=Agency(e.to_agency),
        to_unit=e.to_unit, level=JurisdictionLevel(e.level), forwarded_on=e.forwarded_on,
        due_date=e.due_date, rule_id=e.rule_id, legal_source=e.legal_source,
        reforwarded=e.reforwarded, reason=e.reason,
    )


def _answered(e: events.Answered) -> IntegrationEvent:
    return v1.PetitionAnswered(
        petition_id=e.originator_id, agency=Agency(e.agency), unit=e.unit, answer=e.answer,
        answered_on=e.answered_on, due_date=e.due_date, on_time=e.answered_on <= e.due_date,
    )


def _published(e: events.AnswerPublished) -> IntegrationEvent:
    return v1.PetitionAnswerPublished(
        petition_id=e.originator_id, text=e.text, answer=e.answer,
        answered_by=Agency(e.answered_by), published_on=e.published_on, communes=e.communes,
    )


def _resolution(e: events.ResolutionUpdated) -> IntegrationEvent:
    return v1.PetitionResolutionUpdated(
        petition_id=e.originator_id, status=ResolutionStatus(e.status), roadmap_date=e.roadmap_date,
        note=e.note, updated_on=e.updated_on,
    )


_TRANSLATIONS: tuple[tuple[type, Callable[[Any], IntegrationEvent]], ...] = (
    (VoterContactMeeting.Planned, _meeting_planned),
    (VoterContactMeeting.Held, _meeting_held),
    (Petition.Recorded, _recorded),
    (Petition.Consolidated, _consolidated),
    (Petition.Split, _split),
    (Petition.Classified, _classified),
    (Petition.Forwarded, _forwarded),
    (Petition.Answered, _answered),
    (Petition.AnswerPublished, _published),
    (Petition.ResolutionUpdated, _resolution),
)
