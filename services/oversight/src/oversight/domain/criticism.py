"""Social criticism (phản biện xã hội) by MTTQ of a draft (Law on MTTQ 2015 art. 32-35,
NQLT 403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN): a draft is received from the body drafting
it, MTTQ holds a criticism conference, sends its written criticism, and the drafting body
replies (taken in, partly, or explained). The acts come in that order: each one's day is
checked by ``kernel.occurred`` not to come before the act it follows.

The stored events' topics are ``oversight.domain.criticism:<Name>``: never rename or move
them without ``register_topic``.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Self
from uuid import UUID

from eventsourcing.domain import Aggregate

from contracts.vocabulary import Agency
from kernel.actor import Actor, actor_ref
from kernel.clock import day_in_vietnam
from oversight.domain import errors
from oversight.domain.policy import check_may_record_reply, check_runs_criticism
from oversight.domain.values import check_occurred, check_positive_text, follows

MAX_PARTICIPANTS = 10_000


class CriticismStage(StrEnum):
    RECEIVED = "received"  # đã nhận dự thảo
    CONFERENCE_HELD = "conference_held"  # đã tổ chức hội nghị phản biện
    SENT = "sent"  # đã gửi văn bản phản biện
    REPLIED = "replied"  # cơ quan soạn thảo đã phản hồi


class Uptake(StrEnum):
    """What the drafting body did with the criticism."""

    TAKEN_IN = "taken_in"  # tiếp thu
    PARTLY = "partly"  # tiếp thu một phần
    EXPLAINED = "explained"  # giải trình, không tiếp thu


class DraftReceived(Aggregate.Created):
    occurred_field = "received_on"
    draft_title: str
    drafting_agency: str
    drafting_unit: str | None
    received_on: date
    by: str

    def apply(self, criticism: SocialCriticism) -> None:
        c = criticism
        c.draft_title, c.drafting_agency = self.draft_title, Agency(self.drafting_agency)
        c.drafting_unit, c.received_on = self.drafting_unit, self.received_on
        c.stage, c.conference, c.sent, c.reply = CriticismStage.RECEIVED, None, None, None


class ConferenceHeld(Aggregate.Event):
    occurred_field = "held_on"
    held_on: date
    participants: int
    summary: str
    by: str

    def apply(self, criticism: SocialCriticism) -> None:
        criticism.stage = CriticismStage.CONFERENCE_HELD
        criticism.conference = Conference(self.held_on, self.participants, self.summary)


class CriticismSent(Aggregate.Event):
    occurred_field = "sent_on"
    draft_title: str
    drafting_agency: str
    drafting_unit: str | None
    sent_on: date
    document_number: str | None
    content: str
    by: str

    def apply(self, criticism: SocialCriticism) -> None:
        criticism.stage = CriticismStage.SENT
        criticism.sent = Sent(self.sent_on, self.document_number, self.content)


class CriticismReplied(Aggregate.Event):
    occurred_field = "replied_on"
    replied_on: date
    uptake: str
    reply: str
    by: str

    def apply(self, criticism: SocialCriticism) -> None:
        criticism.stage = CriticismStage.REPLIED
        criticism.reply = Reply(self.replied_on, Uptake(self.uptake), self.reply)


class Conference:
    def __init__(self, held_on: date, participants: int, summary: str) -> None:
        self.held_on, self.participants, self.summary = held_on, participants, summary


class Sent:
    def __init__(self, sent_on: date, document_number: str | None, content: str) -> None:
        self.sent_on, self.document_number, self.content = sent_on, document_number, content


class Reply:
    def __init__(self, replied_on: date, uptake: Uptake, text: str) -> None:
        self.replied_on, self.uptake, self.text = replied_on, uptake, text


class SocialCriticism(Aggregate):
    """MTTQ's social criticism of one draft, from its receipt to the drafting body's reply."""

    if TYPE_CHECKING:
        draft_title: str
        drafting_agency: Agency
        drafting_unit: str | None
        received_on: date
        stage: CriticismStage
        conference: Conference | None
        sent: Sent | None
        reply: Reply | None

    @classmethod
    def receive(cls, actor: Actor, *, id: UUID, draft_title: str, drafting_agency: Agency,
                drafting_unit: str | None, received_on: date, at: datetime) -> Self:
        check_runs_criticism(actor, "receive drafts for social criticism")
        day = check_occurred(received_on, day_in_vietnam(at), "received_on")
        unit = " ".join((drafting_unit or "").split()) or None
        return cls._create(
            DraftReceived, id=id, timestamp=at,
            draft_title=check_positive_text(draft_title, "draft_title"),
            drafting_agency=drafting_agency.value, drafting_unit=unit, received_on=day,
            by=actor_ref(actor))

    def hold_conference(self, actor: Actor, *, held_on: date, participants: int, summary: str,
                        at: datetime) -> None:
        check_runs_criticism(actor, "hold social criticism conferences")
        self._check_stage(CriticismStage.RECEIVED, "a conference is held on a draft received")
        day = check_occurred(held_on, day_in_vietnam(at), "held_on", follows(
            self.received_on, "the draft's receipt", "ngày nhận dự thảo"))
        if not 1 <= participants <= MAX_PARTICIPANTS:
            raise errors.InvalidCommandError(f"participants: 1 to {MAX_PARTICIPANTS}")
        self.trigger_event(ConferenceHeld, timestamp=at, held_on=day, participants=participants,
                           summary=check_positive_text(summary, "summary"), by=actor_ref(actor))

    def send(self, actor: Actor, *, sent_on: date, document_number: str | None, content: str,
             at: datetime) -> None:
        check_runs_criticism(actor, "send social criticism")
        self._check_stage(CriticismStage.CONFERENCE_HELD,
                          "the written criticism is sent after its conference")
        assert self.conference is not None
        day = check_occurred(sent_on, day_in_vietnam(at), "sent_on", follows(
            self.conference.held_on, "the criticism conference", "hội nghị phản biện"))
        self.trigger_event(CriticismSent, timestamp=at, draft_title=self.draft_title,
                           drafting_agency=self.drafting_agency.value,
                           drafting_unit=self.drafting_unit, sent_on=day,
                           document_number=(document_number or "").strip() or None,
                           content=check_positive_text(content, "content"), by=actor_ref(actor))

    def record_reply(self, actor: Actor, *, replied_on: date, uptake: Uptake, reply: str,
                     at: datetime) -> None:
        check_may_record_reply(actor, self.drafting_agency, self.drafting_unit)
        self._check_stage(CriticismStage.SENT, "the drafting body replies to criticism sent")
        assert self.sent is not None
        day = check_occurred(replied_on, day_in_vietnam(at), "replied_on", follows(
            self.sent.sent_on, "the written criticism", "văn bản phản biện"))
        self.trigger_event(CriticismReplied, timestamp=at, replied_on=day, uptake=uptake.value,
                           reply=check_positive_text(reply, "reply"), by=actor_ref(actor))

    def _check_stage(self, expected: CriticismStage, rule: str) -> None:
        if self.stage is not expected:
            raise errors.IllegalTransitionError(f"{rule}; this one is {self.stage.value}")
