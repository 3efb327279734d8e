"""translate(): each stored domain event to its published contract event, purely."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID

from petitions_testkit import HDND, MTTQ, TODAY, UBND, principal

from chassis.web.idempotency import IdempotentRequest, execute_idempotently
from contracts.base import IntegrationEvent
from contracts.petitions import v1
from contracts.vocabulary import Agency, JurisdictionLevel, PolicyField, ResolutionStatus
from petitions.application import Petitions, translate


def journey(app: Petitions) -> tuple[UUID, UUID, UUID]:
    """Meeting planned and held, two petitions merged, then one split; another answered."""
    meeting = app.plan_meeting(MTTQ, title="TXCT", scheduled_on=TODAY, place="Hội trường",
                               commune="Tân Phú", deputies=["Nguyễn Văn A"])
    app.mark_meeting_held(MTTQ, meeting.id, held_on=TODAY, attendance=40)
    one = app.record_petition(MTTQ, text="Sửa đường 864", channel="meeting",
                              meeting_id=meeting.id, deputy="Nguyễn Văn A")
    two = app.record_petition(UBND, text="Sửa đường tỉnh 864", channel="mail",
                              commune="Mỹ Phong")
    merged = app.consolidate(HDND, [one.id, two.id], "Sửa chữa đường tỉnh 864")
    app.split(HDND, merged.id, "Khác đoạn đường")
    app.classify(HDND, one.id, field=PolicyField.TRANSPORT, level=JurisdictionLevel.PROVINCE,
                 agency=Agency.UBND, unit="Sở GTVT")
    app.forward(HDND, one.id)
    app.reforward(MTTQ, one.id, to_agency=Agency.UBND, to_unit="Sở Xây dựng", level=None,
                  reason="Thuộc Sở Xây dựng")
    app.answer(principal(Agency.UBND, unit="Sở Xây dựng"), one.id, "Đã bố trí vốn")
    app.publish_answer(MTTQ, one.id)
    app.update_resolution(HDND, one.id, status=ResolutionStatus.IN_PROGRESS,
                          roadmap_date=TODAY + timedelta(days=60), note="Quý I")
    return meeting.id, one.id, merged.id


def stored_events(app: Petitions) -> list[Any]:
    notifications = app.recorder.select_notifications(start=None, limit=1000)
    return [app.mapper.to_domain_event(n) for n in notifications]


def published(app: Petitions) -> list[IntegrationEvent]:
    return [e for e in map(translate, stored_events(app)) if e is not None]


def test_the_journey_publishes_these_events_in_order(petitions: Petitions) -> None:
    journey(petitions)
    assert [type(e).__name__ for e in published(petitions)] == [
        "VoterContactMeetingPlanned", "VoterContactMeetingHeld", "PetitionRecorded",
        "PetitionRecorded", "PetitionsConsolidated", "PetitionConsolidationSplit",
        "PetitionClassified", "PetitionForwarded", "PetitionForwarded", "PetitionAnswered",
        "PetitionAnswerPublished", "PetitionResolutionUpdated",
    ]


def test_private_events_translate_to_nothing(petitions: Petitions) -> None:
    journey(petitions)
    keyed = IdempotentRequest.of(scope="ubnd:staff", key="k", method="POST", path="/petitions",
                                 body=None)
    execute_idempotently(petitions, keyed, lambda: petitions.record_petition(
        UBND, text="x", channel="mail", commune="y"), lambda p: {"id": str(p.id)})
    private = [type(e).__name__ for e in stored_events(petitions) if translate(e) is None]
    assert sorted(set(private)) == ["MergedInto", "Restored", "Stored"]  # Stored: idempotency
    assert translate(object()) is None


def test_the_published_fields(petitions: Petitions) -> None:
    meeting_id, one_id, merged_id = journey(petitions)
    by_type: dict[str, list[Any]] = {}
    for event in published(petitions):
        by_type.setdefault(type(event).__name__, []).append(event)
    planned, held = by_type["VoterContactMeetingPlanned"][0], by_type["VoterContactMeetingHeld"][0]
    assert (planned.organised_by, held.attendance, held.commune) == (Agency.MTTQ, 40, "Tân Phú")
    recorded = by_type["PetitionRecorded"][0]
    assert (recorded.meeting_id, recorded.commune, recorded.deputy) == (
        meeting_id, "Tân Phú", "Nguyễn Văn A")
    consolidated: v1.PetitionsConsolidated = by_type["PetitionsConsolidated"][0]
    assert consolidated.petition_id == merged_id
    assert (consolidated.meeting_count, consolidated.commune_count) == (1, 2)
    assert [s.commune for s in consolidated.sources] == ["Tân Phú", "Mỹ Phong"]
    first, again = by_type["PetitionForwarded"]
    assert (first.to_unit, first.rule_id, first.due_date) == (
        "Sở GTVT", "petition.answer.local", TODAY + timedelta(days=30))
    assert (again.reforwarded, again.reason, again.to_unit) == (
        True, "Thuộc Sở Xây dựng", "Sở Xây dựng")
    answered: v1.PetitionAnswered = by_type["PetitionAnswered"][0]
    assert (answered.agency, answered.on_time, answered.petition_id) == (Agency.UBND, True, one_id)
    notice: v1.PetitionAnswerPublished = by_type["PetitionAnswerPublished"][0]
    assert (notice.answered_by, notice.communes) == (Agency.UBND, ["Tân Phú"])
    resolution = by_type["PetitionResolutionUpdated"][0]
    assert resolution.roadmap_date == TODAY + timedelta(days=60)


def test_translation_is_the_same_for_live_and_stored_events(petitions: Petitions) -> None:
    petition = petitions.record_petition(UBND, text="Nạo vét kênh", channel="online",
                                         commune="Mỹ Tho")
    petitions.classify(HDND, petition.id, field=PolicyField.ENVIRONMENT,
                       level=JurisdictionLevel.COMMUNE, agency=Agency.UBND)
    live = petitions.petition(petition.id)  # rebuilt from the store
    stored = [translate(e) for e in petitions.petition_history(live.id)]
    again = [translate(e) for e in petitions.petition_history(live.id)]
    assert stored == again and all(e is not None for e in stored)
    assert stored[0] is not None and stored[0].model_dump()["channel"] == "online"
