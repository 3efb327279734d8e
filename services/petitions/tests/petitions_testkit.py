"""Shared helpers of the petitions tests: who acts, and petitions in a given state."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from chassis.web.auth import Principal
from contracts.vocabulary import VIETNAM, Agency, JurisdictionLevel, PolicyField
from kernel.clock import ManualClock, today_in_vietnam
from kernel.rulebook import Deadline
from petitions.domain.meeting import VoterContactMeeting
from petitions.domain.petition import Petition

TODAY = date(2025, 9, 15)
Auth = Callable[..., dict[str, str]]  # headers with a bearer token for an agency
MEMORY = {"PERSISTENCE_MODULE": "eventsourcing.popo"}


class SettableClock(ManualClock):
    """The kernel's manual clock, standing at noon in Vietnam on the day the test wants."""

    def __init__(self, today: date = TODAY) -> None:
        super().__init__(noon_in_vietnam(today))

    @property
    def today(self) -> date:
        return today_in_vietnam(self)

    @today.setter
    def today(self, day: date) -> None:
        self.set(noon_in_vietnam(day))


def noon_in_vietnam(day: date) -> datetime:
    return datetime.combine(day, time(12), VIETNAM)


def principal(agency: Agency, unit: str | None = None, subject: str | None = None) -> Principal:
    return Principal(subject=subject or f"{agency.value}-staff", agency=agency, role="staff",
                     jurisdiction="tien-giang", unit=unit)


MTTQ, HDND, DBQH, UBND = (principal(a) for a in (Agency.MTTQ, Agency.HDND, Agency.DBQH,
                                                 Agency.UBND))
TRANSPORT_DEPT = "Sở Giao thông vận tải"
UBND_TRANSPORT = principal(Agency.UBND, unit=TRANSPORT_DEPT, subject="sgtvt-staff")
UBND_HEALTH = principal(Agency.UBND, unit="Sở Y tế", subject="syt-staff")


def fixed_deadlines(rule_id: str, start: date) -> Deadline:
    """A deadline policy for domain tests: 40 days central, 30 days local."""
    days = 40 if rule_id == "petition.answer.central" else 30
    return Deadline(start + timedelta(days=days), rule_id, f"source of {rule_id}")



def new_events(aggregate: Any) -> list[Any]:
    """The events a command just triggered (and forget them, as a save would)."""
    return list(aggregate.collect_events())


def held_meeting(commune: str = "Tân Phú", held_on: date = TODAY) -> VoterContactMeeting:
    meeting = VoterContactMeeting.plan(
        MTTQ, title="TXCT trước kỳ họp thứ 5", scheduled_on=held_on, place="Hội trường UBND xã",
        commune=commune, deputies=["Nguyễn Văn A", "Trần Thị B"],
    )
    meeting.mark_held(MTTQ, held_on=held_on, attendance=120, today=TODAY)
    new_events(meeting)
    return meeting


def recorded(
    text: str = "Đề nghị sửa chữa đường tỉnh 864 đoạn qua xã Tân Phú bị xuống cấp",
    commune: str = "Tân Phú", meeting: VoterContactMeeting | None = None,
    on: date | None = None,
) -> Petition:
    """Received ``on`` (by default the meeting's day, or a month before TODAY: the acts
    that follow may then be dated any day since)."""
    if on is None and meeting is None:
        on = TODAY - timedelta(days=30)
    petition = Petition.record(MTTQ, occurred_on=on, today=TODAY, text=text, commune=commune,
                               channel="meeting" if meeting else "deputy", meeting=meeting)
    new_events(petition)
    return petition


def classified(
    petition: Petition | None = None, *, agency: Agency = Agency.UBND, unit: str | None = None,
    level: JurisdictionLevel = JurisdictionLevel.PROVINCE,
) -> Petition:
    petition = petition or recorded()
    petition.classify(HDND, field=PolicyField.TRANSPORT, level=level, agency=agency, unit=unit,
                      committee="Ban Kinh tế - Ngân sách", occurred_on=petition.received_on,
                      today=TODAY)
    new_events(petition)
    return petition


def forwarded(petition: Petition | None = None, *, on: date = TODAY, **classify: Any) -> Petition:
    petition = petition or classified(**classify)
    petition.forward(HDND, forwarded_on=on, today=max(on, TODAY), deadlines=fixed_deadlines)
    new_events(petition)
    return petition


def answered(petition: Petition | None = None, *, on: date = TODAY) -> Petition:
    petition = petition or forwarded()
    petition.give_answer(UBND, text="Sở GTVT đã bố trí vốn sửa chữa trong quý IV.",
                         answered_on=on, today=max(on, TODAY))
    new_events(petition)
    return petition
