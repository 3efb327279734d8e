"""Followers (người theo dõi): anyone who follows a petition, a resolution, a session or a
supervision topic by e-mail, without an account.

A follower is known by an opaque random id and a keyed hash of their address (to find
"already following" without the address); the address itself is sealed apart
(``application/following.py``, ``chassis.envelope``), never in an event. A follow is
pending until its confirmation link is used (double opt-in): nothing but the confirmation
is sent to a pending follow. Consolidation moves a follow to the consolidated petition;
a split gives it back its own.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from notifier.domain.errors import InvalidFollowError

ITEM_KINDS = ("petition", "resolution", "session", "topic")
UUID_TEXT = r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}"
ITEM = re.compile(rf"^(petition|resolution|session|topic):{UUID_TEXT}$")
PENDING, CONFIRMED, ENDED = "pending", "confirmed", "ended"
MAX_STRETCHES = 8  # closed digest stretches kept (a digest looks back 4 weeks at most)
Cadence = Literal["immediate", "daily", "weekly"]
CADENCES: tuple[Cadence, ...] = ("immediate", "daily", "weekly")
LANGUAGES = ("vi", "en")


def item_key(kind: str, item_id: UUID | str) -> str:
    """``petition:<uuid>``: what a follow is of; ``InvalidFollowError`` if not one."""
    key = f"{kind}:{str(item_id).lower()}"
    if not ITEM.match(key):
        raise InvalidFollowError(f"{kind!r} is not one of {', '.join(ITEM_KINDS)}, or the id "
                                 "is not a UUID")
    return key


class Follower(Aggregate):
    """One address that follows something: its keyed hash, its language, whether erased."""

    if TYPE_CHECKING:
        address_hash: str
        language: str
        active: bool
        erased: bool

    class Registered(Aggregate.Created):
        address_hash: str
        language: str

        def apply(self, follower: Follower) -> None:
            follower.address_hash = self.address_hash
            follower.language = self.language
            follower.active, follower.erased = True, False

    @classmethod
    def register(cls, *, address_hash: str, language: str, incarnation: int = 0) -> Follower:
        """``incarnation``: how many followers of this address were erased before. The id
        follows from the keyed hash and it, so one address has one follower at a time."""
        if language not in LANGUAGES:
            raise InvalidFollowError(f"language {language!r}: vi or en")
        follower_id = uuid5(NAMESPACE_URL, f"urn:phoihop:follower:{address_hash}:{incarnation}")
        return cls._create(cls.Registered, id=follower_id, address_hash=address_hash,
                           language=language)

    def choose_language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise InvalidFollowError(f"language {language!r}: vi or en")
        if language != self.language:
            self._language_chosen(language=language)

    @event("LanguageChosen")
    def _language_chosen(self, language: str) -> None:
        self.language = language

    @event("Unsubscribed")
    def unsubscribe(self) -> None:
        """Everything this address follows stops (the one-click link)."""
        self.active = False

    @event("Resubscribed")
    def resubscribe(self) -> None:
        self.active = True

    @event("Erased")
    def erase(self) -> None:
        """The sealed address was shredded: nothing can be sent to it any more."""
        self.active, self.erased = False, True

    @property
    def recipient_key(self) -> str:
        return f"follower:{self.id}"

    def summary(self) -> dict[str, Any]:
        return {"id": str(self.id), "address_hash": self.address_hash,
                "language": self.language, "active": self.active, "erased": self.erased,
                "created_at": self.created_on.isoformat()}


class Follow(Aggregate):
    """One follower following one item (``item`` now; ``original_item`` as asked)."""

    if TYPE_CHECKING:
        follower_id: UUID
        item: str
        original_item: str
        status: str
        consent: dict[str, Any]
        moved_by: str | None

    class Requested(Aggregate.Created):
        follower_id: UUID
        item: str
        consent: dict[str, Any]  # {"via": "portal" | "clerk", "by": actor or None}

        def apply(self, follow: Follow) -> None:
            follow.follower_id = self.follower_id
            follow.item = follow.original_item = self.item
            follow.consent = dict(self.consent)
            follow.status = PENDING
            follow.moved_by = None

    @staticmethod
    def create_id(follower_id: UUID, item: str) -> UUID:
        return uuid5(NAMESPACE_URL, f"phoihop:follow:{follower_id}:{item}")

    @classmethod
    def request(cls, *, follower_id: UUID, item: str, consent: dict[str, Any]) -> Follow:
        return cls._create(cls.Requested, id=cls.create_id(follower_id, item),
                           follower_id=follower_id, item=item, consent=consent)

    @property
    def confirmed(self) -> bool:
        return self.status == CONFIRMED

    def confirm(self) -> None:
        if self.status == PENDING:
            self._confirmed()

    @event("Confirmed")
    def _confirmed(self) -> None:
        self.status = CONFIRMED

    def end(self, reason: str) -> None:
        if self.status != ENDED:
            self._ended(reason=reason)

    @event("Ended")
    def _ended(self, reason: str) -> None:
        self.status = ENDED

    def renew(self) -> None:
        """Asked again after it ended: pending until confirmed again."""
        if self.status == ENDED:
            self._renewed()

    @event("Renewed")
    def _renewed(self) -> None:
        self.status = PENDING

    def move_to(self, item: str, cause: str) -> None:
        """Its petition was consolidated into ``item`` (by the event ``cause``)."""
        if item != self.item:
            self._moved(to=item, cause=cause)

    @event("Moved")
    def _moved(self, to: str, cause: str) -> None:
        self.item, self.moved_by = to, cause

    def restore(self, cause: str) -> None:
        """The consolidation was split: it follows its own petition again."""
        if self.item != self.original_item:
            self._restored(cause=cause)

    @event("Restored")
    def _restored(self, cause: str) -> None:
        self.item, self.moved_by = self.original_item, None

    def summary(self) -> dict[str, Any]:
        return {"id": str(self.id), "follower_id": str(self.follower_id), "item": self.item,
                "original_item": self.original_item, "status": self.status,
                "consent": dict(self.consent), "created_at": self.created_on.isoformat()}


class Preference(Aggregate):
    """How often one recipient (a follower, an agency or unit, a person) is e-mailed:
    each notification at once, or a digest a day or a week. Its events carry the
    notifier's clock (a digest counts only what was recorded after the choice).

    A change closes the digest cadence it leaves as a ``stretch`` (its cadence, from when,
    until the change): what was recorded then was not e-mailed at once, so the digest of
    each period that stretch overlaps is still built, for that stretch alone."""

    if TYPE_CHECKING:
        recipient: str
        cadence: str
        since: datetime
        stretches: list[dict[str, str]]

    class Chosen(Aggregate.Created):
        recipient: str
        cadence: str

        def apply(self, preference: Preference) -> None:
            preference.recipient = self.recipient
            preference.cadence = self.cadence
            preference.since = self.timestamp
            preference.stretches = []

    class Changed(Aggregate.Event):
        cadence: str

        def apply(self, preference: Preference) -> None:
            if preference.cadence != "immediate":
                preference.stretches = [*preference.stretches[-(MAX_STRETCHES - 1):], {
                    "cadence": preference.cadence, "since": preference.since.isoformat(),
                    "until": self.timestamp.isoformat()}]
            preference.cadence = self.cadence
            preference.since = self.timestamp

    @staticmethod
    def create_id(recipient_key: str) -> UUID:
        return uuid5(NAMESPACE_URL, f"phoihop:preference:{recipient_key}")

    @classmethod
    def choose(cls, recipient_key: str, cadence: str, at: datetime) -> Preference:
        check_cadence(cadence)
        return cls._create(cls.Chosen, id=cls.create_id(recipient_key), timestamp=at,
                           recipient=recipient_key, cadence=cadence)

    def change(self, cadence: str, at: datetime) -> None:
        check_cadence(cadence)
        if cadence != self.cadence:
            self.trigger_event(self.Changed, timestamp=at, cadence=cadence)

    def summary(self) -> dict[str, Any]:
        return {"id": str(self.id), "recipient": self.recipient, "cadence": self.cadence,
                "since": self.since.isoformat(), "stretches": list(self.stretches)}


def check_cadence(cadence: str) -> None:
    if cadence not in CADENCES:
        raise InvalidFollowError(f"cadence {cadence!r}: one of {', '.join(CADENCES)}")
