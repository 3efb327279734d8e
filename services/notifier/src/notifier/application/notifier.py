"""The notifier application: other services' events in, notifications and deliveries out.

Its ``policy`` runs for each integration event the tracked consumers apply (exactly once,
in one transaction with the tracking record): the rule table says who is told and how,
reminders start and stop. The rest are its commands (subscriptions, contacts, requeues)
and the two workers' writes (delivery attempts, reminder stages).
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from eventsourcing.application import ProcessingEvent
from eventsourcing.domain import Aggregate, DomainEventProtocol

from chassis.envelope import KeyedHash, MasterKeys
from chassis.messaging.consuming_application import ConsumingApplication
from chassis.web.idempotency import IdempotentCommands
from contracts import ReceivedEvent
from kernel.actor import Actor, actor_ref
from kernel.clock import Clock, SystemClock, today_in_vietnam
from kernel.rulebook import Rulebook
from notifier.application.digests import Digests
from notifier.application.following import Following, choose_cadence
from notifier.application.planning import Cause, Planner, context_of, event_record
from notifier.application.readmodel import NotifierReadModel
from notifier.application.reminders import ReminderBook
from notifier.domain.contact import Contact
from notifier.domain.delivery import PENDING, Backoff, Delivery, Outcome
from notifier.domain.errors import (
    DuplicateContactError,
    InvalidSubscriptionError,
    NotPermittedError,
    RecordNotFoundError,
)
from notifier.domain.notification import Notification
from notifier.domain.policy import (
    check_may_manage_contact,
    check_may_read_notifications_of,
    check_operator,
    check_owner_or_operator,
    may_read_notifications_of,
    may_read_reminder,
    may_see_contact,
    owner_filter,
)
from notifier.domain.recipients import Recipient
from notifier.domain.subscription import Audience, Subscription, check_url, new_secret
from notifier.egress import EgressGuard, RefusedDestination, Resolver, system_resolver
from notifier.rules import RuleTable, Templates, default_rules, default_templates
from notifier.sealing import DEVELOPMENT_WEBHOOK_SECRET_KEY, SecretSealer
from notifier.settings import DEVELOPMENT_FOLLOWER_HASH_KEY, DEVELOPMENT_FOLLOWER_MASTER_KEY

log = logging.getLogger(__name__)


class Notifier(IdempotentCommands, ConsumingApplication):
    """Notifications, deliveries, subscriptions, contacts and reminders of one jurisdiction."""

    name = "Notifier"
    record_not_found = RecordNotFoundError

    def __init__(
        self, env: dict[str, str] | None = None, *, rules: RuleTable | None = None,
        templates: Templates | None = None, rulebook: Rulebook | None = None,
        clock: Clock | None = None, email_enabled: bool = False,
        message_domain: str = "notifier.phoihop.local", backoff: Backoff | None = None,
        max_attempts: int = 8, sealer: SecretSealer | None = None,
        resolver: Resolver = system_resolver, follower_keys: MasterKeys | None = None,
        follower_hash: KeyedHash | None = None, portal_url: str = "http://127.0.0.1:8000",
        digest_grace: timedelta = timedelta(seconds=30),
    ) -> None:
        super().__init__(env)
        self.sealer = sealer or SecretSealer(DEVELOPMENT_WEBHOOK_SECRET_KEY)
        self.resolver = resolver
        self.rules = rules or default_rules()
        self.templates = templates or default_templates()
        self.clock: Clock = clock or SystemClock()
        self.backoff = backoff or Backoff()
        self.max_attempts = max_attempts
        self.read_model = NotifierReadModel(self)
        self.planner = Planner(self.read_model, self.exists, email_enabled=email_enabled,
                               message_domain=message_domain, clock=self.clock)
        self.following = Following(
            self, self.read_model, self.planner, rules=self.rules, templates=self.templates,
            clock=self.clock, portal_url=portal_url, message_domain=message_domain,
            keys=follower_keys or MasterKeys(DEVELOPMENT_FOLLOWER_MASTER_KEY),
            hasher=follower_hash or KeyedHash(DEVELOPMENT_FOLLOWER_HASH_KEY))
        self.digests = Digests(self, self.read_model, self.planner, templates=self.templates,
                               clock=self.clock, grace=digest_grace)
        self.reminders = ReminderBook(self, self.read_model, self.planner, rules=self.rules,
                                      templates=self.templates, clock=self.clock,
                                      rulebook=rulebook, following=self.following)

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
        made += self.following.told_of(received, served)
        made += self.reminders.started_or_stopped_by(received)
        processing_event.collect_events(*made)

    # -- subscriptions, contacts and deliveries, as a caller asks (who may: domain/policy) --

    def register_subscription(
        self, actor: Actor, *, url: str, event_types: list[str], secret: str | None,
        audience: Audience, unit: str | None, description: str | None, allow_http: bool,
        allow_private: bool = True,
    ) -> Subscription:
        """A webhook of the caller's agency (of ``unit``, by default the caller's unit)."""
        if audience == "all":
            check_operator(actor, "subscribe to every notification")
        check_url(url, allow_http, allow_private)
        if not allow_private:
            self._check_resolves_to_public(url)
        subscription = Subscription.register(
            url=url, event_types=event_types, secret=secret or new_secret(),
            audience=audience, owner_agency=actor.agency.value, owner_unit=unit or actor.unit,
            owner_subject=actor_ref(actor), description=description, seal=self.sealer.seal,
        )
        self.save(subscription)
        return subscription

    def _check_resolves_to_public(self, url: str) -> None:
        # One answer whether the name is unknown or internal: the caller learns nothing
        # about the notifier's network from it. The reason goes to the log.
        try:
            EgressGuard(allow_internal=False, resolver=self.resolver).check_url(url)
        except RefusedDestination as refused:
            log.info("webhook URL refused at registration: %s", refused)
            raise InvalidSubscriptionError(
                "the URL's host must resolve to public addresses only") from None

    def webhook_secret(self, subscription_id: UUID) -> str:
        """The subscription's signing secret, opened: for its owner's replayed registration."""
        subscription = self.load(Subscription, subscription_id, "subscription")
        return self.sealer.open(subscription.secret)

    def subscriptions_seen_by(self, actor: Actor) -> list[dict[str, Any]]:
        return self.read_model.subscriptions(owner_filter(actor))

    def subscription_seen_by(self, actor: Actor, subscription_id: UUID) -> dict[str, Any]:
        found = self.read_model.subscription(subscription_id)
        check_owner_or_operator(actor, found["owner_agency"], "see this subscription")
        return found

    def cancel_subscription(self, actor: Actor, subscription_id: UUID) -> Subscription:
        subscription = self.load(Subscription, subscription_id, "subscription")
        check_owner_or_operator(actor, subscription.owner_agency, "cancel this subscription")
        if subscription.active:
            subscription.cancel(actor_ref(actor))
            self.save(subscription)
        return subscription

    def add_contact(self, actor: Actor, recipient: Recipient, email: str,
                    name: str | None) -> Contact:
        check_may_manage_contact(actor, recipient)
        address = email.strip().casefold()
        if any(c["email"].casefold() == address for c in self.read_model.contacts(recipient)):
            raise DuplicateContactError(f"{email} is already a contact of {recipient.key}")
        contact = Contact.add(recipient=recipient, email=email, name=name,
                              by=actor_ref(actor))
        self.save(contact)
        return contact

    def choose_cadence(self, actor: Actor, recipient: Recipient, cadence: str) -> str:
        """An agency, unit or person chooses immediate, daily or weekly e-mail; their
        inbox keeps every item whatever they choose."""
        check_may_manage_contact(actor, recipient)
        self.save(choose_cadence(self, recipient.key, cadence, self.clock))
        return self.read_model.cadence(recipient)

    def cadence_of(self, actor: Actor, recipient: Recipient) -> str:
        check_may_manage_contact(actor, recipient)
        return self.read_model.cadence(recipient)

    def contacts_seen_by(self, actor: Actor) -> list[dict[str, Any]]:
        return [c for c in self.read_model.contacts() if may_see_contact(actor, c["recipient"])]

    def remove_contact(self, actor: Actor, contact_id: UUID) -> Contact:
        contact = self.load(Contact, contact_id, "contact")
        check_may_manage_contact(actor, Recipient.parse(contact.recipient))
        if contact.active:
            contact.remove(actor_ref(actor))
            self.save(contact)
        return contact

    def notifications_seen_by(self, actor: Actor, *, recipient: str | None,
                              **filters: Any) -> list[dict[str, Any]]:
        check_may_read_notifications_of(actor, recipient)
        return self.read_model.notifications(recipient=recipient, **filters)

    def notification_seen_by(self, actor: Actor, notification_id: UUID) -> dict[str, Any]:
        found = self.read_model.notification(notification_id)
        self._check_may_read(actor, found["recipient"])
        return found

    def notification_history(self, actor: Actor, notification_id: UUID
                             ) -> list[DomainEventProtocol[UUID]]:
        notification = self.load(Notification, notification_id, "notification")
        self._check_may_read(actor, notification.recipient)
        return self.history(notification_id)

    def reminders_seen_by(self, actor: Actor, active: bool | None) -> list[dict[str, Any]]:
        return [reminder for reminder in self.read_model.reminders(active)
                if may_read_reminder(actor, reminder["recipients"])]

    @staticmethod
    def _check_may_read(actor: Actor, recipient_key: str) -> None:
        if not may_read_notifications_of(actor, recipient_key):
            raise NotPermittedError(f"this notification is for {recipient_key}: only it or "
                                    "an operator may read it")

    def deliveries_seen_by(self, actor: Actor, **filters: Any) -> list[dict[str, Any]]:
        return self.read_model.deliveries(owner_agency=owner_filter(actor), **filters)

    def delivery_seen_by(self, actor: Actor, delivery_id: UUID) -> dict[str, Any]:
        found = self.read_model.delivery(delivery_id)
        check_owner_or_operator(actor, found["owner_agency"], "see this delivery")
        return found

    def delivery_history(self, actor: Actor, delivery_id: UUID
                         ) -> list[DomainEventProtocol[UUID]]:
        delivery = self.load(Delivery, delivery_id, "delivery")
        check_owner_or_operator(actor, delivery.owner_agency, "see this delivery")
        return self.history(delivery_id)

    def requeue_delivery(self, actor: Actor, delivery_id: UUID) -> Delivery:
        delivery = self.load(Delivery, delivery_id, "delivery")
        check_owner_or_operator(actor, delivery.owner_agency, "retry this delivery")
        delivery.requeue(actor_ref(actor))
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
        """Today in Vietnam on the injected clock: the day reminders are due on."""
        return today_in_vietnam(self.clock)
