"""Application: the use cases on the in-memory store, with the real rulebook."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest
from petitions_testkit import (
    DBQH,
    HDND,
    MEMORY,
    MTTQ,
    TODAY,
    UBND,
    UBND_TRANSPORT,
    SettableClock,
)

from chassis.web.problems import domain_problem
from contracts.vocabulary import Agency, JurisdictionLevel, PolicyField, ResolutionStatus
from kernel.rulebook import load_rulebook
from petitions.application import Petitions
from petitions.domain import errors
from petitions.domain.petition import Petition
from petitions.domain.values import PetitionStatus


def held_meeting_id(app: Petitions, commune: str = "Tân Phú") -> UUID:
    meeting = app.plan_meeting(MTTQ, title="TXCT", scheduled_on=TODAY, place="Hội trường",
                               commune=commune, deputies=["Nguyễn Văn A"])
    app.mark_meeting_held(MTTQ, meeting.id, held_on=TODAY, attendance=90)
    return meeting.id


def record(app: Petitions, text: str = "Đề nghị sửa đường tỉnh 864 bị xuống cấp",
           commune: str = "Tân Phú") -> Petition:
    return app.record_petition(UBND, text=text, channel="deputy", commune=commune)


def test_a_petition_goes_from_a_held_meeting_to_a_published_resolved_answer(
    petitions: Petitions, clock: SettableClock
) -> None:
    meeting_id = held_meeting_id(petitions)
    petition = petitions.record_petition(MTTQ, text="Đề nghị lắp đèn đường ấp 3",
                                         channel="meeting", meeting_id=meeting_id)
    assert petition.communes == ["Tân Phú"]
    petitions.classify(HDND, petition.id, field=PolicyField.TRANSPORT,
                       level=JurisdictionLevel.PROVINCE, agency=Agency.UBND,
                       unit=UBND_TRANSPORT.unit)
    forwarded = petitions.forward(HDND, petition.id)
    assert forwarded.forwarding is not None
    deadline = forwarded.forwarding.deadline
    assert (deadline.due_date, deadline.rule_id) == (TODAY + timedelta(days=30),
                                                      "petition.answer.local")
    assert "Quy chế" in deadline.legal_source
    clock.advance(timedelta(days=12))
    petitions.answer(UBND_TRANSPORT, petition.id, "Đã lắp trong tháng 10")
    petitions.publish_answer(MTTQ, petition.id)
    petitions.update_resolution(UBND_TRANSPORT, petition.id, status=ResolutionStatus.RESOLVED)
    stored = petitions.petition(petition.id)
    assert stored.status == PetitionStatus.PUBLISHED
    assert stored.answer is not None and stored.answer.on_time
    assert stored.answer.answered_on == TODAY + timedelta(days=12)
    assert stored.published_on == TODAY + timedelta(days=12)
    assert stored.resolution is not None
    assert stored.resolution.status == ResolutionStatus.RESOLVED


def test_central_petitions_are_due_in_40_days_under_qd_33(petitions: Petitions) -> None:
    petition = record(petitions)
    petitions.classify(DBQH, petition.id, field=PolicyField.LAND,
                       level=JurisdictionLevel.CENTRAL, agency=Agency.DBQH)
    forwarding = petitions.forward(DBQH, petition.id).forwarding
    assert forwarding is not None
    assert forwarding.deadline.due_date == TODAY + timedelta(days=40)
    assert forwarding.deadline.rule_id == "petition.answer.central"
    assert "33/2017" in forwarding.deadline.legal_source


def test_a_level_without_a_rule_in_force_is_unprocessable(clock: SettableClock) -> None:
    book = load_rulebook('[[rule]]\nid = "petition.answer.local"\ntitle = "t"\nvalue = 30\n'
                         'unit = "days"\nlegal_source = "future"\neffective_from = 2030-01-01\n'
                         'confidence = "L"\n')
    app = Petitions(MEMORY, clock=clock, rulebook=book)
    petition = record(app)
    app.classify(HDND, petition.id, field=PolicyField.LAND, level=JurisdictionLevel.COMMUNE,
                 agency=Agency.UBND)
    before = app.recorder.max_notification_id()
    with pytest.raises(errors.NoDeadlineRuleError) as caught:
        app.forward(HDND, petition.id)
    assert domain_problem(caught.value)[0] == 422
    assert app.recorder.max_notification_id() == before


def test_consolidation_saves_every_aggregate_in_one_transaction(petitions: Petitions) -> None:
    one = record(petitions)
    two = record(petitions, "Sửa chữa đường tỉnh 864 đoạn qua xã Mỹ Phong", "Mỹ Phong")
    saves: list[int] = []
    petitions.add_save_listener(saves.append)
    merged = petitions.consolidate(HDND, [one.id, two.id], "Sửa chữa đường tỉnh 864")
    assert len(saves) == 1
    assert petitions.petition(one.id).merged_into == merged.id
    assert petitions.current_id(one.id) == merged.id
    assert petitions.petition(merged.id).communes == ["Mỹ Phong", "Tân Phú"]


def test_merged_ids_resolve_through_nested_consolidations(petitions: Petitions) -> None:
    one, two, three = (record(petitions, f"Kiến nghị số {n}") for n in range(3))
    inner = petitions.consolidate(HDND, [one.id, two.id], "Gộp lần 1")
    outer = petitions.consolidate(MTTQ, [inner.id, three.id], "Gộp lần 2")
    assert petitions.current_id(one.id) == outer.id
    assert len(petitions.petition(outer.id).sources) == 3
    petitions.split(MTTQ, outer.id, "Tách lại")
    assert petitions.current_id(one.id) == inner.id
    assert petitions.current_id(three.id) == three.id
    assert petitions.petition(outer.id).status == PetitionStatus.WITHDRAWN


def test_unknown_ids_are_not_found(petitions: Petitions) -> None:
    meeting_id = held_meeting_id(petitions)
    with pytest.raises(errors.PetitionNotFoundError):
        petitions.petition(uuid4())
    with pytest.raises(errors.PetitionNotFoundError):
        petitions.forward(HDND, meeting_id)  # a meeting's id is no petition's
    with pytest.raises(errors.MeetingNotFoundError):
        petitions.record_petition(MTTQ, text="x", channel="meeting", meeting_id=uuid4())
    with pytest.raises(errors.PetitionNotFoundError):
        petitions.consolidate(HDND, [record(petitions).id, uuid4()], "x")


def test_history_and_state_as_of_a_past_moment(petitions: Petitions) -> None:
    petition = record(petitions)
    petitions.classify(HDND, petition.id, field=PolicyField.HEALTH,
                       level=JurisdictionLevel.COMMUNE, agency=Agency.UBND)
    history: list[Any] = petitions.petition_history(petition.id)
    assert [type(e).__name__ for e in history] == ["Recorded", "Classified"]
    before_classification = history[0].timestamp
    then = petitions.petition(petition.id, as_of=before_classification)
    assert then.status == PetitionStatus.RECORDED and then.version == 1
    naive = before_classification.replace(tzinfo=None)  # read as UTC
    assert petitions.petition(petition.id, as_of=naive).version == 1
    with pytest.raises(errors.PetitionNotFoundError):
        petitions.petition_history(uuid4())


def test_the_day_comes_from_the_injected_clock(clock: SettableClock) -> None:
    clock.today = date(2026, 2, 2)
    app = Petitions(MEMORY, clock=clock)
    petition = record(app)
    app.classify(HDND, petition.id, field=PolicyField.LAND, level=JurisdictionLevel.PROVINCE,
                 agency=Agency.UBND)
    forwarding = app.forward(HDND, petition.id).forwarding
    assert forwarding is not None and forwarding.forwarded_on == date(2026, 2, 2)
