"""Domain: classify, forward, re-forward, answer, publish, follow up (no I/O)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from petitions_testkit import (
    DBQH,
    HDND,
    MTTQ,
    TODAY,
    TRANSPORT_DEPT,
    UBND,
    UBND_HEALTH,
    UBND_TRANSPORT,
    answered,
    classified,
    fixed_deadlines,
    forwarded,
    new_events,
    recorded,
)

from chassis.web.problems import domain_problem
from contracts.vocabulary import Agency, JurisdictionLevel, PolicyField, ResolutionStatus
from petitions.domain import errors
from petitions.domain.petition import Petition
from petitions.domain.values import PetitionStatus


def test_classification_names_field_level_agency_unit_and_committee() -> None:
    petition = recorded()
    petition.classify(MTTQ, today=TODAY, field=PolicyField.TRANSPORT,
                      level=JurisdictionLevel.PROVINCE,
                      agency=Agency.UBND, unit=TRANSPORT_DEPT, committee="Ban Đô thị")
    [event] = new_events(petition)
    assert isinstance(event, Petition.Classified)
    assert (event.field, event.level, event.competent_agency, event.competent_unit) == (
        "transport", "province", "ubnd", TRANSPORT_DEPT)
    assert petition.status == PetitionStatus.CLASSIFIED


def test_ubnd_does_not_classify() -> None:
    with pytest.raises(errors.NotPermittedError):
        recorded().classify(UBND, today=TODAY, field=PolicyField.LAND,
                 level=JurisdictionLevel.COMMUNE,
                            agency=Agency.UBND)


def test_forwarding_needs_a_classification() -> None:
    petition = recorded()
    with pytest.raises(errors.NotClassifiedError) as caught:
        petition.forward(HDND, forwarded_on=TODAY,
                         today=TODAY, deadlines=fixed_deadlines)
    assert domain_problem(caught.value)[0] == 409
    assert new_events(petition) == []


@pytest.mark.parametrize(("level", "rule_id", "days"), [
    (JurisdictionLevel.CENTRAL, "petition.answer.central", 40),
    (JurisdictionLevel.PROVINCE, "petition.answer.local", 30),
    (JurisdictionLevel.COMMUNE, "petition.answer.local", 30),
])
def test_forwarding_sets_the_due_date_from_the_rule_of_its_level(
    level: JurisdictionLevel, rule_id: str, days: int
) -> None:
    petition = classified(agency=Agency.DBQH, level=level)
    petition.forward(DBQH, forwarded_on=TODAY,
                     today=TODAY, deadlines=fixed_deadlines)
    [event] = new_events(petition)
    assert isinstance(event, Petition.Forwarded)
    assert (event.to_agency, event.level, event.rule_id) == ("dbqh", level.value, rule_id)
    assert event.due_date == TODAY + timedelta(days=days)
    assert event.text == petition.text and event.reforwarded is False
    assert petition.status == PetitionStatus.FORWARDED


def test_a_forwarded_petition_is_neither_forwarded_again_nor_reclassified() -> None:
    petition = forwarded()
    with pytest.raises(errors.AlreadyForwardedError):
        petition.forward(HDND, forwarded_on=TODAY,
                         today=TODAY, deadlines=fixed_deadlines)
    with pytest.raises(errors.AlreadyForwardedError):
        classified(petition)


def test_a_misrouted_petition_is_reforwarded_with_the_reason_and_a_new_due_date() -> None:
    petition = forwarded(on=TODAY - timedelta(days=10))
    petition.reforward(MTTQ, to_agency=Agency.UBND, to_unit="Sở Y tế", level=None,
                       reason="Thuộc thẩm quyền Sở Y tế", forwarded_on=TODAY,
                       today=TODAY, deadlines=fixed_deadlines)
    [event] = new_events(petition)
    assert (event.reforwarded, event.reason, event.to_unit) == (
        True, "Thuộc thẩm quyền Sở Y tế", "Sở Y tế")
    assert event.due_date == TODAY + timedelta(days=30)
    assert petition.classification is not None and petition.classification.unit == "Sở Y tế"
    assert petition.reforward_count == 1


def test_reforwarding_needs_a_forwarding_and_another_recipient_and_no_answer() -> None:
    with pytest.raises(errors.NotForwardedError):
        classified().reforward(HDND, to_agency=Agency.UBND, to_unit="x", level=None,
                               reason="r", forwarded_on=TODAY,
                today=TODAY, deadlines=fixed_deadlines)
    with pytest.raises(errors.InvalidPetitionError):
        forwarded().reforward(HDND, to_agency=Agency.UBND, to_unit=None, level=None,
                              reason="r", forwarded_on=TODAY,
                today=TODAY, deadlines=fixed_deadlines)
    with pytest.raises(errors.AlreadyAnsweredError):
        answered().reforward(HDND, to_agency=Agency.HDND, to_unit=None, level=None,
                             reason="r", forwarded_on=TODAY,
                today=TODAY, deadlines=fixed_deadlines)


def test_an_answer_before_forwarding_is_a_conflict() -> None:
    petition = classified()
    with pytest.raises(errors.NotForwardedError) as caught:
        petition.give_answer(UBND, text="a", answered_on=TODAY, today=TODAY)
    assert domain_problem(caught.value)[0] == 409


def test_only_the_agency_forwarded_to_answers() -> None:
    petition = forwarded()
    for other in (HDND, MTTQ, DBQH):
        with pytest.raises(errors.WrongAgencyError) as caught:
            petition.give_answer(other, text="a", answered_on=TODAY, today=TODAY)
        assert domain_problem(caught.value)[0] == 403
    assert new_events(petition) == []


def test_when_a_unit_is_named_only_that_unit_answers() -> None:
    petition = forwarded(unit=TRANSPORT_DEPT)
    for wrong in (UBND, UBND_HEALTH):
        with pytest.raises(errors.WrongAgencyError):
            petition.give_answer(wrong, text="a", answered_on=TODAY, today=TODAY)
    petition.give_answer(UBND_TRANSPORT, text="Đã bố trí vốn", answered_on=TODAY, today=TODAY)
    [event] = new_events(petition)
    assert (event.agency, event.unit) == ("ubnd", TRANSPORT_DEPT)


@pytest.mark.parametrize(("late_by", "on_time"), [(0, True), (1, False)])
def test_the_answer_records_whether_it_was_on_time(late_by: int, on_time: bool) -> None:
    petition = forwarded()
    assert petition.forwarding is not None
    due = petition.forwarding.deadline.due_date
    petition.give_answer(UBND, text="a", answered_on=due + timedelta(days=late_by),
                         today=due + timedelta(days=late_by))
    [event] = new_events(petition)
    assert isinstance(event, Petition.Answered) and event.due_date == due
    assert petition.answer is not None and petition.answer.on_time is on_time
    assert petition.status == PetitionStatus.ANSWERED


def test_a_petition_is_answered_once() -> None:
    with pytest.raises(errors.AlreadyAnsweredError):
        answered().give_answer(UBND, text="again", answered_on=TODAY, today=TODAY)


def test_overdue_means_forwarded_past_its_due_date_and_unanswered() -> None:
    petition = forwarded()
    assert petition.forwarding is not None
    due = petition.forwarding.deadline.due_date
    assert not petition.is_overdue(due)
    assert petition.is_overdue(due + timedelta(days=1))
    answered(petition, on=due + timedelta(days=2))
    assert not petition.is_overdue(due + timedelta(days=3))


def test_only_mttq_publishes_even_before_an_answer() -> None:
    for petition in (forwarded(), answered()):
        for other in (HDND, DBQH, UBND):
            with pytest.raises(errors.NotPermittedError) as caught:
                petition.publish_answer(other, published_on=TODAY, today=TODAY)
            assert domain_problem(caught.value)[0] == 403


def test_mttq_publishes_only_after_an_answer_and_once() -> None:
    with pytest.raises(errors.NotAnsweredError):
        forwarded().publish_answer(MTTQ, published_on=TODAY, today=TODAY)
    petition = answered()
    petition.publish_answer(MTTQ, published_on=TODAY, today=TODAY)
    [event] = new_events(petition)
    assert isinstance(event, Petition.AnswerPublished)
    assert (event.answered_by, event.communes, event.text) == ("ubnd", ["Tân Phú"], petition.text)
    assert petition.status == PetitionStatus.PUBLISHED
    with pytest.raises(errors.AlreadyPublishedError):
        petition.publish_answer(MTTQ, published_on=TODAY, today=TODAY)


def test_resolution_follow_up_after_the_answer() -> None:
    with pytest.raises(errors.NotAnsweredError):
        forwarded().update_resolution(HDND, status=ResolutionStatus.RESOLVED, updated_on=TODAY,
                  today=TODAY)
    petition = answered()
    later = TODAY + timedelta(days=90)
    petition.update_resolution(UBND, status=ResolutionStatus.IN_PROGRESS, roadmap_date=later,
                               note="Khởi công quý I", updated_on=TODAY, today=TODAY)
    petition.update_resolution(MTTQ, status=ResolutionStatus.RESOLVED, updated_on=later,
                               today=later)
    first, second = new_events(petition)
    assert (first.status, first.roadmap_date) == ("in_progress", later)
    assert (second.status, second.roadmap_date) == ("resolved", None)
    assert petition.resolution is not None
    assert petition.resolution.status == ResolutionStatus.RESOLVED


@pytest.mark.parametrize(("status", "roadmap_days"), [
    (ResolutionStatus.IN_PROGRESS, None),  # in progress needs a roadmap date
    (ResolutionStatus.RESOLVED, 30),  # a roadmap date goes only with in progress
    (ResolutionStatus.IN_PROGRESS, -1),  # a roadmap date in the past
])
def test_resolution_content_rules(status: ResolutionStatus, roadmap_days: int | None) -> None:
    roadmap = TODAY + timedelta(days=roadmap_days) if roadmap_days is not None else None
    with pytest.raises(errors.InvalidPetitionError) as caught:
        answered().update_resolution(HDND, status=status, roadmap_date=roadmap,
                                     updated_on=TODAY, today=TODAY)
    assert domain_problem(caught.value)[0] == 422


def test_an_unrelated_agency_does_not_update_the_resolution() -> None:
    petition = forwarded(agency=Agency.HDND)
    petition.give_answer(HDND, text="Thường trực HĐND trả lời", answered_on=TODAY, today=TODAY)
    with pytest.raises(errors.NotPermittedError):
        petition.update_resolution(UBND, status=ResolutionStatus.EXPLAINED, updated_on=TODAY,
                                   today=TODAY)


def test_replaying_the_events_rebuilds_the_same_petition() -> None:
    petition = Petition.record(MTTQ, today=TODAY, text="Đề nghị xây cầu", commune="Tân Phú",
                               channel="online")
    petition.classify(HDND, today=TODAY, field=PolicyField.HEALTH, level=JurisdictionLevel.COMMUNE,
                      agency=Agency.UBND)
    petition.forward(HDND, forwarded_on=TODAY,
                     today=TODAY, deadlines=fixed_deadlines)
    petition.give_answer(UBND, text="Đã đưa vào kế hoạch", answered_on=TODAY, today=TODAY)
    events = new_events(petition)
    rebuilt = None
    for event in events:
        rebuilt = event.mutate(rebuilt)
    assert [type(e).__name__ for e in events] == [
        "Recorded", "Classified", "Forwarded", "Answered"]
    assert rebuilt == petition
