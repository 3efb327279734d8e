"""Domain: voter-contact meetings, and recording petitions (no I/O)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from petitions_testkit import DBQH, MTTQ, TODAY, UBND, held_meeting, new_events

from chassis.web.problems import domain_problem
from kernel.errors import Invalid
from petitions.domain import errors
from petitions.domain.meeting import VoterContactMeeting
from petitions.domain.petition import Petition
from petitions.domain.values import PetitionStatus


def plan(actor: object = MTTQ) -> VoterContactMeeting:
    meeting = VoterContactMeeting.plan(
        actor,  # type: ignore[arg-type]
        title="TXCT sau kỳ họp", scheduled_on=TODAY, place="Nhà văn hóa ấp 3",
        commune="Mỹ Phong", deputies=["Nguyễn Văn A"],
    )
    return meeting


def test_mttq_plans_a_meeting() -> None:
    meeting = plan()
    [planned] = new_events(meeting)
    assert isinstance(planned, VoterContactMeeting.Planned)
    assert (planned.commune, planned.organised_by, planned.deputies) == (
        "Mỹ Phong", "mttq", ["Nguyễn Văn A"])
    assert planned.by == "mttq/mttq-staff"
    assert not meeting.is_held


def test_the_delegation_office_may_plan_a_meeting_too() -> None:
    assert plan(DBQH).organised_by.value == "dbqh"


def test_ubnd_does_not_organise_voter_contact() -> None:
    with pytest.raises(errors.NotPermittedError) as caught:
        plan(UBND)
    assert domain_problem(caught.value)[0] == 403


def test_marking_held_records_attendance_place_and_deputies_present() -> None:
    meeting = plan()
    new_events(meeting)
    meeting.mark_held(MTTQ, held_on=TODAY, attendance=85, today=TODAY,
                      deputies_present=["Nguyễn Văn A", "Lê C"])
    [held] = new_events(meeting)
    assert isinstance(held, VoterContactMeeting.Held)
    assert (held.attendance, held.place, held.commune) == (85, "Nhà văn hóa ấp 3", "Mỹ Phong")
    assert held.deputies == ["Nguyễn Văn A", "Lê C"]
    assert meeting.is_held and meeting.attendance == 85


def test_a_meeting_is_held_once() -> None:
    meeting = held_meeting()
    with pytest.raises(errors.MeetingAlreadyHeldError) as caught:
        meeting.mark_held(MTTQ, held_on=TODAY, attendance=1, today=TODAY)
    assert domain_problem(caught.value)[0] == 409
    assert new_events(meeting) == []


@pytest.mark.parametrize(("days", "attendance"), [(1, 10), (0, -1)])
def test_a_meeting_is_not_held_in_the_future_nor_by_negative_voters(
    days: int, attendance: int
) -> None:
    meeting = plan()
    new_events(meeting)
    with pytest.raises(Invalid) as caught:  # the kernel's OccurredOnError, or the domain's own
        meeting.mark_held(MTTQ, held_on=TODAY + timedelta(days=days), attendance=attendance,
                          today=TODAY)
    assert domain_problem(caught.value)[0] == 422
    assert new_events(meeting) == []


def test_a_petition_recorded_at_a_held_meeting_takes_its_commune() -> None:
    meeting = held_meeting(commune="Tân Phú")
    petition = Petition.record(UBND, today=TODAY, text="Đề nghị nạo vét kênh", commune=None,
                               channel="meeting", meeting=meeting)
    [recorded] = new_events(petition)
    assert isinstance(recorded, Petition.Recorded)
    assert (recorded.meeting_id, recorded.commune, recorded.channel) == (
        meeting.id, "Tân Phú", "meeting")
    assert petition.status == PetitionStatus.RECORDED
    assert petition.meeting_ids == [meeting.id] and petition.communes == ["Tân Phú"]


def test_petitions_are_recorded_only_against_a_held_meeting() -> None:
    meeting = plan()
    with pytest.raises(errors.MeetingNotHeldError) as caught:
        Petition.record(MTTQ, today=TODAY, text="x", commune="Mỹ Phong", channel="meeting",
                        meeting=meeting)
    assert domain_problem(caught.value)[0] == 409


def test_a_petition_raised_at_a_meeting_names_it() -> None:
    with pytest.raises(errors.InvalidPetitionError):
        Petition.record(MTTQ, today=TODAY, text="x", commune="Mỹ Phong", channel="meeting")


def test_a_petition_without_a_meeting_names_its_commune() -> None:
    with pytest.raises(errors.InvalidPetitionError):
        Petition.record(MTTQ, today=TODAY, text="x", commune=None, channel="mail")


def test_a_petition_by_mail_has_no_meeting() -> None:
    petition = Petition.record(UBND, today=TODAY, text="Thư phản ánh ô nhiễm", commune="Mỹ Tho",
                               channel="mail", deputy=None)
    [recorded] = new_events(petition)
    assert recorded.meeting_id is None and petition.meeting_ids == []
