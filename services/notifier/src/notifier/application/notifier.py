"""The notifier application: other services' events in, notifications and deliveries out.

Its ``policy`` runs for each integration event the tracked consumers apply (exactly once,
in one transaction with the tracking record): the rule table says who is told and how,
reminders start and stop. The rest are its commands (subscriptions, contacts, requeues)
and the two workers' writes (delivery attempts, reminder stages).
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from eventsourcing.application import ProcessingEvent
from eventsourcing.domain import Aggregate

from chassis.consuming import ConsumingApplication
from chassis.idempotency import IdempotentCommands
from chassis.rulebook import Rulebook
from contracts import ReceivedEvent
from contracts.vocabulary import VIETNAM
from notifier.application.planning import Cause, Planner, context_of, event_record
from notifier.application.readmodel import NotifierReadModel
from notifier.application.reminders import ReminderBook
from notifier.clock import Clock, SystemClock
from notifier.domain.contact import Contact
from notifier.domain.delivery import PENDING, Backoff, Delivery, Outcome
from notifier.domain.errors import DuplicateContactError
from notifier.domain.recipients import Recipient
from notifier.domain.subscription import Audience, Subscription, check_url, new_secret
from notifier.rules import RuleTable, Templates, default_rules, default_templates


class Notifier(IdempotentCommands, ConsumingApplication):
    """Notifications, deliveries, subscriptions, contacts and reminders of one jurisdiction."""

    name = "Notifier"

    def __init__(
        self, env: dict[str, str] | None = None, *, rules: RuleTable | None = None,
        templates: Templates | None = None, rulebook: Rulebook | None = None,
        clock: Clock | None = None, email_enabled: bool = False,
        message_domain: str = "notifier.phoihop.local", backoff: Backoff | None = None,
        max_attempts: int = 8,
    ) -> None:
        super().__init__(env)
        self.rules = rules or default_rules()
        self.templates = templates or default_templates()
        self.clock: Clock = clock or SystemClock()
        self.backoff = backoff or Backoff()
        self.max_attempts = max_attempts
        self.read_model = NotifierReadModel(self)
        self.planner = Planner(self.read_model, self.exists, email_enabled=email_enabled,
                               message_domain=message_domain)
        self.reminders = ReminderBook(self, self.read_model, self.planner, rules=self.rules,
                                      templates=self.templates, clock=self.clock,
                                      rulebook=rulebook)

    # -- consuming (decision 5) -------------------------------------------------------------

    def policy(self, received: ReceivedEvent, processing_event: ProcessingEvent[UUID]) -> None:
        """Tells whoever the rules name, and starts or stops reminders.

        Notification ids and times come from the envelope (its id, subject and time), so
        a redelivery or a retried dead letter makes the same ones, never new ones.
        """
        made: list[Aggregate] = []
        served: set[UUID] = set()
        for rule in self.rules.rules_for(received.data):
            cause = Cause(
                id=received.id, type=received.type, rule_id=rule.id,
                subject_id=received.subject, occurred_at=received.time,
                source_event=event_record(received),
            )
            made += self.planner.notify(
                cause, rule.recipients_of(received.data), self.templates.get(rule.template),
                rule.channels, context_of(received.data), served,
            )
        made += self.reminders.started_or_stopped_by(received)
        processing_event.collect_events(*made)

    # -- subscriptions and contacts ----------------------------------------------------------

    def register_subscription(
        self, *, url: str, event_types: list[str], secret: str | None, audience: Audience,
        owner_agency: str, owner_unit: str | None, owner_subject: str,
        description: str | None, allow_http: bool, allow_private: bool = True,
    ) -> Subscription:
        subscription = Subscription.register(
            url=check_url(url, allow_http, allow_private), event_types=event_types,
            secret=secret or new_secret(), audience=audience, owner_agency=owner_agency,
            owner_unit=owner_unit, owner_subject=owner_subject, description=description,
        )
        self.save(subscription)
        return subscription

    def subscription(self, subscription_id: UUID) -> Subscription:
        self.read_model.subscription(subscription_id)  # 404 for an unknown or other id
        found: Subscription = self.repository.get(subscription_id)
        return found

    def cancel_subscription(self, subscription_id: UUID, by: str) -> Subscription:
        subscription = self.subscription(subscription_id)
        if subscription.active:
            subscription.cancel(by)
            self.save(subscription)
        return subscription

    def add_contact(self, recipient: Recipient, email: str, name: str | None, by: str
                    ) -> Contact:
        address = email.strip().casefold()
        if any(c["recipient"] == recipient.key and c["email"].casefold() == address
               for c in self.read_model.contacts()):
            raise DuplicateContactError(f"{email} is already a contact of {recipient.key}")
        contact = Contact.add(recipient=recipient, email=email, name=name, by=by)
        self.save(contact)
        return contact

    def remove_contact(self, contact_id: UUID, by: str) -> Contact:
        self.read_model.contact(contact_id)
        contact: Contact = self.repository.get(contact_id)
        if contact.active:
            contact.remove(by)
            self.save(contact)
        return contact

    # -- deliveries -------------------------------------------------------------------------

    def delivery(self, delivery_id: UUID) -> Delivery:
        self.read_model.delivery(delivery_id)
        found: Delivery = self.repository.get(delivery_id)
        return found

    def requeue_delivery(self, delivery_id: UUID, by: str) -> Delivery:
        delivery = self.delivery(delivery_id)
        delivery.requeue(by)
        self.save(delivery)
        return delivery

    def record_attempt(
        self, delivery_id: UUID, outcome: Outcome, at: datetime, duration_ms: int
    ) -> Delivery:
        """Records one attempt's outcome (the delivery worker's write)."""
        delivery: Delivery = self.repository.get(delivery_id)
        if delivery.status != PENDING:
            return delivery  # cancelled or requeued meanwhile: this attempt changes nothing
        if outcome.cancelled:
            delivery.cancel(outcome.error or "cancelled")
        elif outcome.ok:
            delivery.succeed(at=at, duration_ms=duration_ms, status_code=outcome.status_code)
        else:
            delivery.fail(at=at, duration_ms=duration_ms, status_code=outcome.status_code,
                          error=outcome.error or "failed", max_attempts=self.max_attempts,
                          backoff=self.backoff)
        self.save(delivery)
        return delivery

    def today(self) -> date:
        return self.clock.now().astimezone(VIETNAM).date()
