"""Reminders: started and stopped by events, sent at their stages from the store.

Nothing is held in a timer: a reminder is an aggregate, and the reminder worker asks, on
each tick, which reminders have reached a stage on the clock's date. It keeps, in memory,
the day each active reminder's next stage is due, following the read model's changes (a
restart rebuilds it from the log), so a pass loads only the reminders that are due. A
stage is sent in one transaction with the reminder's ``StageSent``, so a
restart, a second worker or a clock that jumps never sends it twice.
"""

from __future__ import annotations

import heapq
import logging
import threading
from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError, PersistenceError

from chassis.messaging.consuming_application import ConsumingApplication
from contracts import IntegrationEvent, ReceivedEvent, event_class_for_type
from kernel.clock import Clock, day_in_vietnam
from kernel.rulebook import Rulebook, default_rulebook
from notifier.application.following import Following
from notifier.application.planning import Cause, Planner, context_of, event_record
from notifier.application.readmodel import NotifierReadModel, ReminderSchedule
from notifier.domain.notification import Notification
from notifier.domain.recipients import Recipient
from notifier.domain.reminder import Reminder, current_stage, next_stage_on
from notifier.metrics import REMINDER_FAILURES
from notifier.rules import ReminderRule, RulesError, RuleTable, Templates

log = logging.getLogger(__name__)
BASE_FIELDS = frozenset(IntegrationEvent.model_fields)  # occurred_on, recorded_at: the start's
CHUNK = 500  # reminders scheduled or sent per step: the worker yields between steps


class ReminderBook:
    """The notifier's reminder cases.

    ``store`` is the application the reminders are kept in: its ``exists`` and ``current``
    see the batch being applied, its ``save`` records a stage with its notifications.
    """

    def __init__(
        self, store: ConsumingApplication, read_model: NotifierReadModel, planner: Planner, *,
        rules: RuleTable, templates: Templates, clock: Clock, rulebook: Rulebook | None = None,
        following: Following | None = None,
    ) -> None:
        self.following = following
        self.store = store
        self.read_model = read_model
        self.planner = planner
        self.rules = rules
        self.templates = templates
        self.clock = clock
        self.rulebook = rulebook or default_rulebook()
        self._schedule_lock = threading.Lock()
        self._wake: dict[UUID, date] = {}  # active reminder -> day its next stage is due
        self._heap: list[tuple[date, UUID]] = []  # the same, soonest first (stale entries
        # are skipped: an entry counts only while it matches _wake)

    def started_or_stopped_by(self, received: ReceivedEvent) -> list[Aggregate]:
        """Reminders this event starts (or moves, for a re-forwarding or an extension) or
        stops."""
        made: list[Aggregate] = []
        for rule in self.rules.reminders_started_by(received.type):
            if getattr(received.data, rule.due) is None:
                continue  # no limit to watch (a letter that is a petition, say)
            made.append(self._start(rule, received))
        for rule in self.rules.reminders_moved_by(received.type):
            moved = self._move(rule, received)
            if moved is not None:
                made.append(moved)
        for rule in self.rules.reminders_stopped_by(received.type):
            reminder_id = Reminder.create_id(rule.id, received.subject)
            if self.store.exists(reminder_id):
                reminder: Reminder = self.store.current(reminder_id)
                if reminder.active:
                    reminder.stop(cause=received.type, on=day_of(received))
                    made.append(reminder)
        return made

    def _start(self, rule: ReminderRule, received: ReceivedEvent) -> Reminder:
        event = received.data
        due: date = getattr(event, rule.due)
        started_on: date = (getattr(event, rule.started_on) if rule.started_on
                            else day_of(received))
        recipients = [r.key for r in rule.recipients_of(event)]
        reminder_id = Reminder.create_id(rule.id, received.subject)
        if self.store.exists(reminder_id):
            reminder: Reminder = self.store.current(reminder_id)
            reminder.reschedule(due_date=due, started_on=started_on, recipients=recipients,
                                source_event=event_record(received))
            return reminder
        return Reminder.start(rule_id=rule.id, subject_id=received.subject, due_date=due,
                              started_on=started_on, recipients=recipients,
                              source_event=event_record(received))

    def _move(self, rule: ReminderRule, received: ReceivedEvent) -> Reminder | None:
        """An active reminder moved to the due date ``received`` sets (an extension).

        Its templates read the event that started it (a letter's ``accepted_on``), so that
        record is kept, with the fields the moving event also has (the new ``due_on``, the
        rule and legal source of the extension) taken from it; the stages start over from
        the day of the move."""
        reminder_id = Reminder.create_id(rule.id, received.subject)
        due = getattr(received.data, rule.due, None)
        if due is None or not self.store.exists(reminder_id):
            return None
        reminder: Reminder = self.store.current(reminder_id)
        if not reminder.active:
            return None
        started = dict(reminder.source_event)
        moving = received.data.model_dump(mode="json", exclude_none=True)
        data = dict(started["data"])
        data.update({name: value for name, value in moving.items()
                     if name in data and name not in BASE_FIELDS})
        reminder.reschedule(due_date=due, started_on=day_of(received),
                            recipients=list(reminder.recipients),
                            source_event={**started, "data": data})
        return reminder

    def send_due(self, today: date) -> int:
        """Sends the stage each active reminder has reached; returns how many were sent."""
        while self.follow_changes(CHUNK):
            pass
        return self.send(self.take_due(today), today)

    def follow_changes(self, limit: int) -> int:
        """Schedules up to ``limit`` reminders changed since the last call; how many it did.

        The schedule is the day each active reminder's next stage is reached: a reminder
        is loaded from the store only on or after that day, and one that is not due costs
        nothing per pass. It lives in memory and is rebuilt from the read model (so from
        the log) at start; a reminder's sent stages are its events, so a rebuilt schedule
        never sends a stage again.
        """
        changed = self.read_model.changed_reminders(limit)
        with self._schedule_lock:
            for reminder in changed:
                self._wake.pop(reminder.reminder_id, None)
                if reminder.active:
                    self._schedule(reminder.reminder_id, self._wake_day(reminder))
        return len(changed)

    def _failed(self, reminder_id: UUID, error: BaseException) -> None:
        """One reminder that cannot be scheduled or sent: logged and counted, the others go on.

        It is tried again on the next pass (a store error can look like its own), so it
        stays visible in the log and the counter until it is fixed or stopped.
        """
        REMINDER_FAILURES.inc()
        log.error("reminder %s cannot be sent: %r", reminder_id, error)

    def take_due(self, today: date) -> list[UUID]:
        """Takes the reminders due by ``today`` off the schedule (``send`` puts back any
        it could not send)."""
        due = []
        with self._schedule_lock:
            while self._heap and self._heap[0][0] <= today:
                day, reminder_id = heapq.heappop(self._heap)
                if self._wake.get(reminder_id) == day:  # else: an entry since moved
                    del self._wake[reminder_id]
                    due.append(reminder_id)
        return due

    def send(self, reminder_ids: list[UUID], today: date) -> int:
        """Sends the due stage of each reminder; returns how many were sent."""
        sent = 0
        for index, reminder_id in enumerate(reminder_ids):
            try:
                if self.send_stage(reminder_id, today):
                    sent += 1
            except IntegrityError:
                # Changed meanwhile (answered, re-forwarded, or sent by another worker):
                # its new state is a change the schedule follows.
                log.info("reminder %s changed while sending; next tick", reminder_id)
                self._put_back(reminder_id, today)
            except RulesError as error:
                log.error("reminder %s cannot be sent: %s", reminder_id, error)
                self._put_back(reminder_id, today)
            except PersistenceError:  # the store failed: the rest wait for the next pass
                for not_sent in reminder_ids[index:]:
                    self._put_back(not_sent, today)
                raise
            except Exception as error:  # this reminder's own (its dates, its data)
                self._failed(reminder_id, error)
                self._put_back(reminder_id, today)
            except BaseException:
                for not_sent in reminder_ids[index:]:
                    self._put_back(not_sent, today)
                raise
        return sent

    def _wake_day(self, reminder: ReminderSchedule) -> date:
        try:
            rule = self.rules.reminder(reminder.rule_id)
            return next_stage_on(reminder.due_date, reminder.started_on, reminder.sent,
                                 self.rulebook, rule.before_due_rule, rule.overdue_every_rule)
        except Exception as error:  # its rule or its dates (OverflowError near the
            # calendar's ends): counted, and due at once, so sending it says what is wrong
            self._failed(reminder.reminder_id, error)
            return date.min

    def _schedule(self, reminder_id: UUID, day: date) -> None:
        self._wake[reminder_id] = day
        heapq.heappush(self._heap, (day, reminder_id))

    def _put_back(self, reminder_id: UUID, today: date) -> None:
        with self._schedule_lock:
            if reminder_id not in self._wake:  # a change followed meanwhile decides instead
                self._schedule(reminder_id, today)

    def send_stage(self, reminder_id: UUID, today: date) -> bool:
        """Sends the reminder's current stage unless it was sent; True when it sent it."""
        reminder: Reminder = self.store.repository.get(reminder_id)
        rule = self.rules.reminder(reminder.rule_id)
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
            rule_id=rule.id, subject_id=reminder.subject_id, occurred_at=self.clock.now(),
            source_event=reminder.source_event,
        )
        context = context_of(
            event, days_left=(reminder.due_date - today).days,
            days_overdue=(today - reminder.due_date).days, overdue_number=stage.number,
        )
        template = self.templates.get(f"{rule.template}.{stage.name}")
        made = self.planner.notify(cause, recipients, template, rule.channels, context,
                                       set())
        if stage.name == "overdue" and self.following is not None:
            made += self.following.overdue(event, cause, context)  # its followers too
        reminder.stage_sent(stage=stage.key, on=today,
                            notification_ids=[n.id for n in made if isinstance(n, Notification)])
        self.store.save(reminder, *made)
        return True


def _rebuild(source_event: dict[str, object]) -> IntegrationEvent:
    model = event_class_for_type(str(source_event["type"]))
    if model is None:
        raise RulesError(f"no integration event {source_event['type']} any more")
    return model.model_validate(source_event["data"])


def day_of(received: ReceivedEvent) -> date:
    """The day the act behind ``received`` happened (its ``occurred_on``, kernel.occurred);
    for an event published before it carried one, the day it was recorded."""
    return received.data.occurred_on or day_in_vietnam(received.time)
