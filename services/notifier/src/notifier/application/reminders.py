"""Reminders: started and stopped by events, sent at their stages from the store.

Nothing is held in a timer: a reminder is an aggregate, the read model lists the active
ones, and the reminder worker asks, on each tick, which stage each has reached on the
clock's date. A stage is sent in one transaction with the reminder's ``StageSent``, so a
restart, a second worker or a clock that jumps never sends it twice.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError

from chassis.rulebook import Rulebook, default_rulebook
from contracts import IntegrationEvent, ReceivedEvent, event_class_for_type
from contracts.vocabulary import VIETNAM
from notifier.application.planning import Cause, context_of, event_record
from notifier.domain.notification import Notification
from notifier.domain.recipients import Recipient
from notifier.domain.reminder import Reminder, Stage, current_stage
from notifier.rules import ReminderRule, RulesError

if TYPE_CHECKING:
    from notifier.application.notifier import Notifier

log = logging.getLogger(__name__)


class ReminderBook:
    """The notifier's reminder cases."""

    def __init__(self, app: Notifier, rulebook: Rulebook | None = None) -> None:
        self.app = app
        self.rulebook = rulebook or default_rulebook()

    def started_or_stopped_by(
        self, event: IntegrationEvent, received: ReceivedEvent
    ) -> list[Aggregate]:
        """Reminders this event starts (or moves, for a re-forwarding) or stops."""
        made: list[Aggregate] = []
        for rule in self.app.rules.reminders_started_by(received.type):
            made.append(self._start(rule, event, received))
        for rule in self.app.rules.reminders_stopped_by(received.type):
            reminder_id = Reminder.create_id(rule.id, received.subject)
            if reminder_id in self.app.repository:
                reminder: Reminder = self.app.repository.get(reminder_id)
                if reminder.active:
                    reminder.stop(cause=received.type, on=_day(received))
                    made.append(reminder)
        return made

    def _start(self, rule: ReminderRule, event: IntegrationEvent, received: ReceivedEvent
               ) -> Reminder:
        due: date = getattr(event, rule.due)
        started_on: date = getattr(event, rule.started_on) if rule.started_on else _day(received)
        recipients = [r.key for r in rule.recipients_of(event)]
        reminder_id = Reminder.create_id(rule.id, received.subject)
        if reminder_id in self.app.repository:
            reminder: Reminder = self.app.repository.get(reminder_id)
            reminder.reschedule(due_date=due, started_on=started_on, recipients=recipients,
                                source_event=event_record(received))
            return reminder
        return Reminder.start(rule_id=rule.id, subject_id=received.subject, due_date=due,
                              started_on=started_on, recipients=recipients,
                              source_event=event_record(received))

    def send_due(self, today: date) -> int:
        """Sends the stage each active reminder has reached; returns how many were sent.

        Only a reminder whose stage is reached and not yet sent is loaded from the store:
        the rest cost a look at the read model's copy of their dates. Reminders share due
        dates, so each (rule, due date, start) stage is worked out once per pass.
        """
        sent = 0
        stage_of = functools.cache(self._stage_on(today))
        for schedule in self.app.read_model.active_reminder_schedules():
            try:
                stage = stage_of(schedule.rule_id, schedule.due_date, schedule.started_on)
                if stage is None or stage.key in schedule.sent:
                    continue
                if self.send_stage(schedule.reminder_id, today):
                    sent += 1
            except IntegrityError:
                # Changed meanwhile (answered, re-forwarded, or sent by another worker):
                # the next tick looks again at its new state.
                log.info("reminder %s changed while sending; next tick", schedule.reminder_id)
            except RulesError as error:
                log.error("reminder %s cannot be sent: %s", schedule.reminder_id, error)
        return sent

    def _stage_on(self, today: date) -> Callable[[str, date, date], Stage | None]:
        def stage(rule_id: str, due_date: date, started_on: date) -> Stage | None:
            rule = self.app.rules.reminder(rule_id)
            return current_stage(due_date, started_on, today, self.rulebook,
                                 rule.before_due_rule, rule.overdue_every_rule)
        return stage

    def send_stage(self, reminder_id: UUID, today: date) -> bool:
        """Sends the reminder's current stage unless it was sent; True when it sent it."""
        reminder: Reminder = self.app.repository.get(reminder_id)
        rule = self.app.rules.reminder(reminder.rule_id)
        stage = current_stage(reminder.due_date, reminder.started_on, today, self.rulebook,
                              rule.before_due_rule, rule.overdue_every_rule)
        if stage is None or not reminder.check_may_send(stage):
            return False
        event = _rebuild(reminder.source_event)
        recipients = [Recipient.parse(key) for key in reminder.recipients]
        if stage.name == "overdue":
            recipients += [r for r in rule.overdue_recipients_of(event) if r not in recipients]
        cause = Cause(
            id=f"{reminder.id}:{reminder.due_date.isoformat()}:{stage.key}", type=stage.type,
            rule_id=rule.id, subject_id=reminder.subject_id, occurred_at=self.app.clock.now(),
            source_event=reminder.source_event,
        )
        context = context_of(
            event, days_left=(reminder.due_date - today).days,
            days_overdue=(today - reminder.due_date).days, overdue_number=stage.number,
        )
        template = self.app.templates.get(f"{rule.template}.{stage.name}")
        made = self.app.planner.notify(cause, recipients, template, rule.channels, context,
                                       set())
        reminder.stage_sent(stage=stage.key, on=today,
                            notification_ids=[n.id for n in made if isinstance(n, Notification)])
        self.app.save(reminder, *made)
        return True


def _rebuild(source_event: dict[str, object]) -> IntegrationEvent:
    model = event_class_for_type(str(source_event["type"]))
    if model is None:
        raise RulesError(f"no integration event {source_event['type']} any more")
    return model.model_validate(source_event["data"])


def _day(received: ReceivedEvent) -> date:
    return received.time.astimezone(VIETNAM).date()
