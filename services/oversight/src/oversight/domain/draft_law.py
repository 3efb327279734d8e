"""Comments on a draft law (góp ý dự thảo luật): the National Assembly delegation (dbqh) or
MTTQ opens a collection for one draft, collects the comments of voters and groups, and
sends them on (to the National Assembly's drafting or vetting body) once. Seed 003 counts
17 draft laws commented in a province's year.

A comment names its source (a voter or a group): it stays in oversight's store, and only
the counts leave the service (``DraftLawCommentsSent``).

The stored events' topics are ``oversight.domain.draft_law:<Name>``: never rename or move
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
from oversight.domain.policy import (
    DRAFT_LAW_COLLECTORS,
    check_collects_comments,
    check_is_party,
)
from oversight.domain.values import check_occurred, check_positive_text, follows

MAX_COMMENTS = 5_000


class CommentSource(StrEnum):
    VOTER = "voter"  # cử tri
    GROUP = "group"  # tổ chức, đoàn thể, hội nghị góp ý


class ConsultationOpened(Aggregate.Created):
    occurred_field = "opened_on"
    law_title: str
    collector: str
    opened_on: date
    by: str

    def apply(self, consultation: DraftLawConsultation) -> None:
        c = consultation
        c.law_title, c.collector, c.opened_on = self.law_title, Agency(self.collector), \
            self.opened_on
        c.comments, c.sending = {}, None


class CommentCollected(Aggregate.Event):
    occurred_field = "received_on"
    comment_id: UUID
    source: str
    source_name: str
    content: str
    received_on: date
    by: str

    def apply(self, consultation: DraftLawConsultation) -> None:
        consultation.comments[self.comment_id] = Comment(
            self.comment_id, CommentSource(self.source), self.source_name, self.content,
            self.received_on)


class CommentsSent(Aggregate.Event):
    occurred_field = "sent_on"
    law_title: str
    collector: str
    sent_on: date
    sent_to: str
    summary: str
    comment_count: int
    from_voters: int
    from_groups: int
    by: str

    def apply(self, consultation: DraftLawConsultation) -> None:
        consultation.sending = Sending(self.sent_on, self.sent_to, self.summary)


class Comment:
    def __init__(self, comment_id: UUID, source: CommentSource, source_name: str, content: str,
                 received_on: date) -> None:
        self.comment_id, self.source, self.source_name = comment_id, source, source_name
        self.content, self.received_on = content, received_on


class Sending:
    def __init__(self, sent_on: date, sent_to: str, summary: str) -> None:
        self.sent_on, self.sent_to, self.summary = sent_on, sent_to, summary


class DraftLawConsultation(Aggregate):
    """The comments collected on one draft law by one collector, until sent on."""

    if TYPE_CHECKING:
        law_title: str
        collector: Agency
        opened_on: date
        comments: dict[UUID, Comment]
        sending: Sending | None

    @classmethod
    def open(cls, actor: Actor, *, id: UUID, law_title: str, opened_on: date, at: datetime
             ) -> Self:
        check_is_party(actor, DRAFT_LAW_COLLECTORS, "collect comments on draft laws")
        day = check_occurred(opened_on, day_in_vietnam(at), "opened_on")
        return cls._create(ConsultationOpened, id=id, timestamp=at,
                           law_title=check_positive_text(law_title, "law_title"),
                           collector=actor.agency.value, opened_on=day, by=actor_ref(actor))

    @property
    def is_sent(self) -> bool:
        return self.sending is not None

    def collect(self, actor: Actor, *, comment_id: UUID, source: CommentSource,
                source_name: str, content: str, received_on: date, at: datetime) -> None:
        check_collects_comments(actor, self.collector, "collect comments on this draft law")
        if self.sending is not None:
            raise errors.IllegalTransitionError(
                f"the comments were sent on {self.sending.sent_on}: collect no more")
        if comment_id in self.comments:
            raise errors.IllegalTransitionError(f"comment {comment_id} is collected already")
        if len(self.comments) >= MAX_COMMENTS:
            raise errors.InvalidCommandError(f"at most {MAX_COMMENTS} comments on a draft")
        day = check_occurred(received_on, day_in_vietnam(at), "received_on", follows(
            self.opened_on, "the collection's opening", "ngày bắt đầu lấy ý kiến"))
        self.trigger_event(CommentCollected, timestamp=at, comment_id=comment_id,
                           source=source.value,
                           source_name=check_positive_text(source_name, "source_name"),
                           content=check_positive_text(content, "content"), received_on=day,
                           by=actor_ref(actor))

    def send(self, actor: Actor, *, sent_on: date, sent_to: str, summary: str, at: datetime
             ) -> None:
        check_collects_comments(actor, self.collector, "send these comments on")
        if self.sending is not None:
            raise errors.IllegalTransitionError(
                f"the comments were sent on {self.sending.sent_on}")
        if not self.comments:
            raise errors.InvalidCommandError("collect at least one comment before sending")
        last = max(c.received_on for c in self.comments.values())
        day = check_occurred(sent_on, day_in_vietnam(at), "sent_on", follows(
            last, "the last comment collected", "ý kiến cuối cùng đã nhận"))
        voters = sum(1 for c in self.comments.values() if c.source is CommentSource.VOTER)
        self.trigger_event(CommentsSent, timestamp=at, law_title=self.law_title,
                           collector=self.collector.value, sent_on=day,
                           sent_to=check_positive_text(sent_to, "sent_to"),
                           summary=check_positive_text(summary, "summary"),
                           comment_count=len(self.comments), from_voters=voters,
                           from_groups=len(self.comments) - voters, by=actor_ref(actor))
