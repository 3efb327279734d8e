"""A reminder (nhắc hạn, đôn đốc): something due by a date, and the stages it is reminded at.

An event carrying a due date starts one (``PetitionForwarded.due_date``); another event
stops it (``PetitionAnswered``); a re-forwarding moves it to the new addressee and date.
The stages, from the rulebook in force on the day it started: ``before_due`` (N working
days ahead, rule ``reminder.before_due``), ``due`` (on the day), then ``overdue-1``,
``overdue-2``... (the day after, then every N days, rule ``reminder.overdue_every``).
Only the latest stage reached is sent: a notifier that was down for two weeks sends one
overdue reminder, not three. Sent stages are events of the reminder, so a restart never
sends one again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from kernel.rulebook import Rulebook


@dataclass(frozen=True)
class Stage:
    """One moment a reminder speaks: before the due date, on it, or the n-th time after."""

    name: str  # before_due, due, overdue
    number: int  # 1, 2, ... for overdue; 0 otherwise
    on: date

    @property
    def key(self) -> str:
        return f"{self.name}-{self.number}" if self.name == "overdue" else self.name

    @property
    def type(self) -> str:
        """The notification type of this stage, e.g. ``reminder.overdue``."""
        return f"reminder.{self.name}"


def current_stage(
    due: date, started_on: date, today: date, rulebook: Rulebook,
    before_rule: str = "reminder.before_due", every_rule: str = "reminder.overdue_every",
) -> Stage | None:
    """The latest stage reached by ``today``, or None before the first one."""
    if today > due:
        every = rulebook.rule(every_rule, started_on)
        number = 1
        moment = due + timedelta(days=1)
        while (following := rulebook.shift(moment, every)) <= today:
            number, moment = number + 1, following
        return Stage("overdue", number, moment)
    if today == due:
        return Stage("due", 0, due)
    before = rulebook.shift(due, rulebook.rule(before_rule, started_on), before=True)
    return Stage("before_due", 0, before) if today >= before else None


def stage_rank(key: str) -> int:
    """A stage's place in the sequence: before_due 0, due 1, overdue-n 1 + n."""
    if key == "before_due":
        return 0
    if key == "due":
        return 1
    return 1 + int(key.removeprefix("overdue-"))


def next_stage_on(
    due: date, started_on: date, sent: Iterable[str], rulebook: Rulebook,
    before_rule: str = "reminder.before_due", every_rule: str = "reminder.overdue_every",
) -> date:
    """The day the first stage after the latest one sent is reached (``current_stage``
    names an unsent stage from that day on, and only a sent one, or none, before it)."""
    wanted = max((stage_rank(key) for key in sent), default=-1) + 1
    if wanted == 0:
        return rulebook.shift(due, rulebook.rule(before_rule, started_on), before=True)
    if wanted == 1:
        return due
    every = rulebook.rule(every_rule, started_on)
    moment = due + timedelta(days=1)
    for _ in range(wanted - 2):
        moment = rulebook.shift(moment, every)
    return moment


class Reminder(Aggregate):
    """One due date being watched for one record (e.g. a petition's answer)."""

    if TYPE_CHECKING:  # declared for type checkers only: runtime annotations become fields
        rule_id: str
        subject_id: str
        due_date: date
        started_on: date
        recipients: list[str]
        source_event: dict[str, Any]
        active: bool
        sent: list[str]
        stopped_by: str | None

    class Started(Aggregate.Created):
        rule_id: str
        subject_id: str
        due_date: date
        started_on: date
        recipients: list[str]
        source_event: dict[str, Any]  # the starting event (CloudEvents attributes and data)

        def apply(self, reminder: Reminder) -> None:
            reminder.rule_id = self.rule_id
            reminder.subject_id = self.subject_id
            reminder.due_date = self.due_date
            reminder.started_on = self.started_on
            reminder.recipients = list(self.recipients)
            reminder.source_event = dict(self.source_event)
            reminder.active = True
            reminder.sent = []
            reminder.stopped_by = None

    @staticmethod
    def create_id(rule_id: str, subject_id: str) -> UUID:
        return uuid5(NAMESPACE_URL, f"phoihop:reminder:{rule_id}:{subject_id}")

    @classmethod
    def start(
        cls, *, rule_id: str, subject_id: str, due_date: date, started_on: date,
        recipients: list[str], source_event: dict[str, Any],
    ) -> Reminder:
        return cls._create(
            cls.Started, id=cls.create_id(rule_id, subject_id), rule_id=rule_id,
            subject_id=subject_id, due_date=due_date, started_on=started_on,
            recipients=list(recipients), source_event=source_event,
        )

    @event("Rescheduled")
    def reschedule(
        self, due_date: date, started_on: date, recipients: list[str],
        source_event: dict[str, Any],
    ) -> None:
        """A new due date or addressee (a re-forwarding): the stages start over."""
        self.due_date = due_date
        self.started_on = started_on
        self.recipients = list(recipients)
        self.source_event = dict(source_event)
        self.active = True
        self.sent = []
        self.stopped_by = None

    def check_may_send(self, stage: Stage) -> bool:
        return self.active and stage.key not in self.sent

    @event("StageSent")
    def stage_sent(self, stage: str, on: date, notification_ids: list[UUID]) -> None:
        self.sent.append(stage)

    @event("Stopped")
    def stop(self, cause: str, on: date) -> None:
        """What it waited for happened (e.g. the petition was answered)."""
        self.active = False
        self.stopped_by = cause

    def summary(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "rule_id": self.rule_id,
            "subject_id": self.subject_id,
            "due_date": self.due_date.isoformat(),
            "started_on": self.started_on.isoformat(),
            "recipients": list(self.recipients),
            "active": self.active,
            "sent": list(self.sent),
            "stopped_by": self.stopped_by,
        }
