"""Following without an account: double opt-in, one-click unsubscribe, erasure, and the
followers of a petition kept through its consolidation and split.

Where the address lives (decision 17): sealed in the notifier's own database, one row per
follower in ``notifier_follower_addresses`` (``chassis.envelope``: its own AES-256-GCM
data key, wrapped by ``PHOIHOP_FOLLOWER_MASTER_KEYS``). Events, read-model rows, deliveries
and logs know a follower only by an opaque random id and a keyed hash of the address
(HMAC under ``PHOIHOP_FOLLOWER_HASH_KEY``, for "already following"). The mail channel
opens the address at the moment it sends. Erasure shreds the row: the events stay, and
name no one.

Links carry a token, an HMAC of the follow's or follower's id under the same hash key:
whoever holds the e-mail holds the link, and nobody can make one for another id.
"""

from __future__ import annotations

import hmac
import logging
from dataclasses import dataclass, replace
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate

from chassis.envelope import KeyedHash, MasterKeys, SealedRows
from chassis.projection import ProjectionTables
from contracts import IntegrationEvent, ReceivedEvent
from contracts.petitions.v1 import PetitionConsolidationSplit, PetitionsConsolidated
from kernel.clock import Clock
from kernel.errors import Wording
from notifier.application.planning import Cause, Planner, context_of, event_record
from notifier.application.readmodel import NotifierReadModel
from notifier.domain.contact import EMAIL as EMAIL_ADDRESS
from notifier.domain.delivery import Delivery
from notifier.domain.errors import (
    FollowLinkError,
    InvalidFollowError,
    RecordNotFoundError,
    TooManyUnconfirmedFollowsError,
)
from notifier.domain.follower import (
    CONFIRMED,
    ENDED,
    PENDING,
    Follow,
    Follower,
    Preference,
    item_key,
)
from notifier.domain.notification import EMAIL, Notification
from notifier.domain.recipients import Recipient
from notifier.rules import RuleTable, Templates

log = logging.getLogger(__name__)
ADDRESS = "follower-address"
ITEM_LABELS = {"petition": ("kiến nghị", "the petition"), "resolution": ("nghị quyết",
               "the resolution"), "session": ("kỳ họp", "the session"),
               "topic": ("nội dung giám sát", "the supervision topic")}
ITEM_PAGES = {"petition": "kien-nghi", "resolution": "nghi-quyet", "session": "ky-hop",
              "topic": "giam-sat"}


@dataclass(frozen=True)
class FollowerMail:
    """What the mail channel needs to write to one follower, opened at sending time."""

    address: str
    language: str
    unsubscribe_url: str
    confirm_url: str | None


MAX_UNCONFIRMED = 5  # follows waiting for confirmation, per address


class Links:
    """The portal's pages a follower's messages link to, each with its token."""

    def __init__(self, hasher: KeyedHash, portal_url: str) -> None:
        self.hasher = hasher
        self.portal_url = portal_url.rstrip("/")

    def token(self, purpose: str, record_id: UUID) -> str:
        return self.hasher.of(f"link:{purpose}", str(record_id))[:40]

    def check(self, purpose: str, record_id: UUID, token: str) -> None:
        if not hmac.compare_digest(token.encode(), self.token(purpose, record_id).encode()):
            raise FollowLinkError(Wording(
                en="this link is not valid (altered, or not one we sent)",
                vi="đường dẫn không hợp lệ (đã bị sửa, hoặc không phải do hệ thống gửi)"))

    def confirm_url(self, follow_id: UUID) -> str:
        token = self.token("confirm", follow_id)
        return f"{self.portal_url}/theo-doi/xac-nhan/{follow_id}?t={token}"

    def unsubscribe_url(self, follower_id: UUID) -> str:
        token = self.token("follower", follower_id)
        return f"{self.portal_url}/theo-doi/huy/{follower_id}?t={token}"

    def item_url(self, item: str) -> str:
        kind, _, item_id = item.partition(":")
        page = ITEM_PAGES[kind]
        return f"{self.portal_url}/{page}" + (f"/{item_id}" if kind != "topic" else "")


class Following:
    """The followers' commands (by link, no account) and what they are told."""

    def __init__(self, app: Any, read_model: NotifierReadModel, planner: Planner, *,
                 rules: RuleTable, templates: Templates, clock: Clock, keys: MasterKeys,
                 hasher: KeyedHash, portal_url: str, message_domain: str) -> None:
        self.app = app  # the Notifier: save, load, current, exists
        self.read_model = read_model
        self.planner = planner
        self.rules = rules
        self.templates = templates
        self.clock = clock
        self.keys = keys
        self.hasher = hasher
        self.links = Links(hasher, portal_url)
        self.message_domain = message_domain
        self.addresses = SealedRows(ProjectionTables.of(app), "follower_addresses")

    # -- by the follower, through the portal's pages --------------------------------------

    def follow(self, address: str, kind: str, item_id: UUID | str, *, language: str = "vi",
               clerk: str | None = None) -> UUID:
        """Asks to follow; sends the confirmation (nothing else until it is used). The
        same answer whether the address follows already or not: it tells nobody who does."""
        item = item_key(kind, item_id)
        normal = address.strip().casefold()
        if not EMAIL_ADDRESS.match(normal) or len(normal) > 254:
            raise InvalidFollowError(Wording(en="this is not an e-mail address",
                                             vi="đây không phải là địa chỉ thư điện tử"))
        made: list[Aggregate] = []
        address_hash = self.hasher.of(ADDRESS, normal)
        follower, erased_before = self._follower_of(address_hash)
        new = follower is None
        if follower is None:
            follower = Follower.register(address_hash=address_hash, language=language,
                                         incarnation=erased_before)
            made.append(follower)
        follow_id = Follow.create_id(follower.id, item)
        consent = {"via": "clerk" if clerk else "portal", "by": clerk,
                   "at": self.clock.now().isoformat()}
        if self.app.exists(follow_id):
            follow: Follow = self.app.repository.get(follow_id)
            if follow.status == CONFIRMED and follower.active:
                return follow_id  # already following: nothing to send
            if follow.status == PENDING:
                return follow_id  # its confirmation went: one per request, not a mail bomb
            follow.renew()
        else:
            self._check_unconfirmed(follower)
            follow = Follow.request(follower_id=follower.id, item=item, consent=consent)
        made += [follow, *self._confirmation(follower, follow)]
        if new:
            self.addresses.put(follower.id, self.keys.seal(follower.id, {"address": normal}))
        self.app.save(*made)
        return follow_id

    def _check_unconfirmed(self, follower: Follower) -> None:
        """At most ``MAX_UNCONFIRMED`` follows waiting for their confirmation per address:
        the confirmations a stranger can have sent to someone are bounded."""
        waiting = self.read_model.follows(follower_id=follower.id, status=PENDING)
        if len(waiting) >= MAX_UNCONFIRMED:
            raise TooManyUnconfirmedFollowsError(Wording(
                en=f"this address has {len(waiting)} follows not yet confirmed: confirm them "
                   "from their e-mails first",
                vi=f"địa chỉ này có {len(waiting)} yêu cầu theo dõi chưa xác nhận: xin xác "
                   "nhận từ thư đã gửi trước"))

    def _follower_of(self, address_hash: str) -> tuple[Follower | None, int]:
        """The address's follower not erased, if any; and how many were erased before (the
        next one's ``incarnation``: two first follows at once make the same id, and the
        second save conflicts rather than registering the address twice)."""
        found = self.read_model.followers_by_hash(address_hash)
        erased = sum(1 for summary in found if summary["erased"])
        for summary in found:
            if not summary["erased"]:
                follower: Follower = self.app.repository.get(UUID(summary["id"]))
                if not follower.erased:
                    return follower, erased
        return None, erased

    def _confirmation(self, follower: Follower, follow: Follow) -> list[Aggregate]:
        kind = follow.item.partition(":")[0]
        vi, en = ITEM_LABELS[kind]
        title, body = self.templates.get("follow_confirm").render(
            {"item_label": vi, "item_label_en": en})
        recipient = Recipient.of_follower(follower.id)
        notification = Notification.create(
            type="follow.confirm", rule_id="follow.confirm", recipient=recipient,
            subject_id=str(follow.id), cause=f"{follow.id}:{follow.version}",
            occurred_at=self.clock.now(), title=title, body=body, channels=[EMAIL],
            source_event={}, at=self.clock.now())
        if not self.planner.email_enabled:  # no SMTP server configured: nothing can go
            return [notification]
        # Scheduled here, not by the planner: a follower who unsubscribed and asks again
        # is inactive until confirmed, and this is the one message they must get.
        delivery = Delivery.schedule(notification_id=notification.id, channel=EMAIL,
                                     target=recipient.key, message_id_domain=self.message_domain)
        return [notification, delivery]

    def confirm(self, follow_id: UUID, token: str) -> dict[str, Any]:
        self.links.check("confirm", follow_id, token)
        follow = self._load_follow(follow_id)
        follower: Follower = self.app.repository.get(follow.follower_id)
        if follower.erased:
            raise FollowLinkError(Wording(en="this address was erased",
                                          vi="địa chỉ này đã được xóa"))
        if follow.status == ENDED:
            follow.renew()
        follow.confirm()
        if not follower.active:
            follower.resubscribe()
        self.app.save(follow, follower)
        return {**follow.summary(), "item_url": self.links.item_url(follow.item)}

    def unsubscribe(self, follower_id: UUID, token: str) -> None:
        """Everything this address follows stops: one click, no sign-in."""
        self.links.check("follower", follower_id, token)
        follower = self._load_follower(follower_id)
        self.app.save(*self._stop(follower))

    def erase(self, follower_id: UUID, token: str) -> None:
        """Crypto-shredding: the sealed address is destroyed; the events stay, naming no one."""
        self.links.check("follower", follower_id, token)
        follower = self._load_follower(follower_id)
        if follower.erased:
            return
        stopped = self._stop(follower)
        self.addresses.shred(follower.id)
        follower.erase()
        self.app.save(*stopped, follower)

    def _stop(self, follower: Follower) -> list[Aggregate]:
        follows: list[Aggregate] = []
        for row in self.read_model.follows(follower_id=follower.id):
            follow: Follow = self.app.repository.get(UUID(row["id"]))
            if follow.status != ENDED:
                follow.end("unsubscribed")
                follows.append(follow)
        if follower.active:
            follower.unsubscribe()
        return [follower, *follows]

    def settings(self, follower_id: UUID, token: str) -> dict[str, Any]:
        """What the follower's page shows: what they follow, how often, in which language."""
        self.links.check("follower", follower_id, token)
        follower = self._load_follower(follower_id)
        recipient = Recipient.of_follower(follower_id)
        return {"id": str(follower_id), "language": follower.language,
                "active": follower.active, "erased": follower.erased,
                "cadence": self.read_model.cadence(recipient),
                "follows": [{**row, "item_url": self.links.item_url(row["item"])}
                            for row in self.read_model.follows(follower_id=follower_id)
                            if row["status"] != ENDED]}

    def choose(self, follower_id: UUID, token: str, *, cadence: str | None,
               language: str | None) -> None:
        self.links.check("follower", follower_id, token)
        follower = self._load_follower(follower_id)
        made: list[Aggregate] = []
        if language is not None:
            follower.choose_language(language)
            made.append(follower)
        if cadence is not None:
            made.append(choose_cadence(self.app, Recipient.of_follower(follower_id).key,
                                       cadence, self.clock))
        self.app.save(*made)

    def _load_follow(self, follow_id: UUID) -> Follow:
        follow: Follow = self.app.load(Follow, follow_id, "follow")
        return follow

    def _load_follower(self, follower_id: UUID) -> Follower:
        follower: Follower = self.app.load(Follower, follower_id, "follower")
        return follower

    # -- for the mail channel ------------------------------------------------------------

    def mail_for(self, follower_id: UUID, notification: dict[str, Any]) -> FollowerMail | None:
        """The opened address and links; None when erased or unsubscribed (but a
        confirmation still goes to a follower that unsubscribed before)."""
        sealed = self.addresses.get(follower_id)
        if sealed is None:
            return None
        try:
            follower: Follower = self.app.repository.get(follower_id)
        except AggregateNotFoundError:  # sealed, then its save failed: it never followed
            return None
        confirming = notification["rule_id"] == "follow.confirm"
        if follower.erased or not (follower.active or confirming):
            return None
        address = self.keys.open(follower_id, sealed)["address"]
        assert address is not None
        confirm_url = (self.links.confirm_url(UUID(notification["subject_id"]))
                       if confirming else None)
        return FollowerMail(address, follower.language,
                            self.links.unsubscribe_url(follower_id), confirm_url)

    # -- what followers are told (the notifier's policy) ---------------------------------

    def told_of(self, received: ReceivedEvent, served: set[UUID]) -> list[Aggregate]:
        data = received.data
        made: list[Aggregate] = []
        if isinstance(data, PetitionsConsolidated):
            made += self._consolidated(received, data)
        elif isinstance(data, PetitionConsolidationSplit):
            made += self._split(received, data)
        for rule in self.rules.follows_for(data):
            item = rule.item_of(data)
            made += self.tell(received, rule.id, item, rule.template,
                              self.read_model.followers_of(item), served)
        return made

    def tell(self, received: ReceivedEvent, rule_id: str, item: str, template: str,
             followers: list[UUID], served: set[UUID], **extras: Any) -> list[Aggregate]:
        if not followers:
            return []
        cause = Cause(id=received.id, type=received.type, rule_id=rule_id,
                      subject_id=item.partition(":")[2], occurred_at=received.time,
                      source_event=event_record(received))
        context = context_of(received.data, item_url=self.links.item_url(item), **extras)
        return self.planner.notify(cause, [Recipient.of_follower(f) for f in followers],
                                   self.templates.get(template), (EMAIL,), context, served)

    def overdue(self, event: IntegrationEvent, cause: Cause, context: dict[str, Any]
                ) -> list[Aggregate]:
        """A reminder's overdue stage (the agency is late): the item's followers are told,
        with the due date, once per stage."""
        made: list[Aggregate] = []
        for rule in self.rules.follows_for(event):
            item = rule.item_of(event)
            followers = self.read_model.followers_of(item)
            if followers:
                made += self.planner.notify(
                    replace(cause, rule_id="follow.overdue"),
                    [Recipient.of_follower(f) for f in followers],
                    self.templates.get("follow_petition_overdue"), (EMAIL,),
                    {**context, "item_url": self.links.item_url(item)}, set())
        return made

    def _consolidated(self, received: ReceivedEvent, data: PetitionsConsolidated
                      ) -> list[Aggregate]:
        """Every follower of a merged petition follows the consolidated one, told once."""
        target = f"petition:{data.petition_id}"
        moved: dict[UUID, Follow] = {}
        told: set[UUID] = set()
        for merged in data.merged_petition_ids:
            for row in self.read_model.follows(item=f"petition:{merged}"):
                follow: Follow = self.app.current(UUID(row["id"]))
                if follow.status == ENDED or follow.item != f"petition:{merged}":
                    continue
                follow.move_to(target, received.id)
                moved[follow.id] = follow
                if follow.status == CONFIRMED:
                    told.add(follow.follower_id)
        notices = self.tell(received, "follow.consolidated", target, "follow_consolidated",
                            sorted(told), set())
        return [*moved.values(), *notices]

    def _split(self, received: ReceivedEvent, data: PetitionConsolidationSplit
               ) -> list[Aggregate]:
        """Each follower moved by the consolidation gets their own petition back."""
        made: list[Aggregate] = []
        restored = {f"petition:{p}" for p in data.restored_petition_ids}
        told: dict[UUID, str] = {}  # follower -> the (first) petition given back
        for row in self.read_model.follows(item=f"petition:{data.petition_id}"):
            follow: Follow = self.app.current(UUID(row["id"]))
            if follow.original_item not in restored or follow.item == follow.original_item:
                continue
            follow.restore(received.id)
            made.append(follow)
            if follow.status == CONFIRMED:
                told.setdefault(follow.follower_id, follow.item)
        for follower_id, item in told.items():
            made += self.tell(received, "follow.split", item, "follow_split", [follower_id],
                              set())
        return made


def choose_cadence(app: Any, recipient_key: str, cadence: str, clock: Clock) -> Preference:
    """The recipient's preference, chosen or changed (not saved)."""
    key = Recipient.parse(recipient_key).canonical_key
    preference_id = Preference.create_id(key)
    if app.exists(preference_id):
        preference: Preference = app.repository.get(preference_id)
        preference.change(cadence, clock.now())
        return preference
    return Preference.choose(key, cadence, clock.now())


__all__ = ["PENDING", "FollowerMail", "Following", "Links", "RecordNotFoundError",
           "choose_cadence"]
