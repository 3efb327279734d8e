"""A webhook subscription (đăng ký webhook): another system's URL, the notification types it
wants, and the secret its deliveries are signed with (Standard Webhooks).

Which notifications reach it is its ``audience``: ``agency`` (those addressed to the
subscriber's agency, or to its unit when the subscription names one, and the public ones),
``public`` (only the public ones), or ``all`` (every notification; operators only).
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit
from uuid import uuid4

from eventsourcing.domain import Aggregate, event

from notifier.domain.errors import InvalidSubscriptionError
from notifier.domain.recipients import Recipient, unit_matches

Audience = Literal["agency", "public", "all"]
SECRET_PREFIX = "whsec_"
SECRET_BYTES = (24, 64)  # the Standard Webhooks bounds


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


def secret_key(secret: str) -> bytes:
    """The HMAC key a ``whsec_`` secret stands for; raises ``InvalidSubscriptionError``."""
    if not secret.startswith(SECRET_PREFIX):
        raise InvalidSubscriptionError(f"a secret starts with {SECRET_PREFIX!r}, then base64")
    try:
        key = base64.b64decode(secret[len(SECRET_PREFIX):], validate=True)
    except (binascii.Error, ValueError) as error:
        raise InvalidSubscriptionError("the secret after whsec_ is not base64") from error
    low, high = SECRET_BYTES
    if not low <= len(key) <= high:
        raise InvalidSubscriptionError(f"the secret must hold {low} to {high} bytes")
    return key


def check_url(url: str, allow_http: bool, allow_private: bool = True) -> str:
    """An absolute http(s) URL; outside development and tests, not a loopback, private or
    link-local address written as such. What a host name resolves to is checked outside
    the domain, at registration and at every connection (``notifier.egress``)."""
    parts = urlsplit(url)
    schemes = ("https", "http") if allow_http else ("https",)
    if parts.scheme not in schemes or not parts.hostname:
        wanted = " or ".join(schemes)
        raise InvalidSubscriptionError(f"the URL must be an absolute {wanted} URL")
    if not allow_private and _is_internal(parts.hostname):
        raise InvalidSubscriptionError("the URL must not point at an internal address")
    return url


def _is_internal(host: str) -> bool:
    if host.casefold() in ("localhost", "localhost.localdomain") or host.endswith(".local"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return (address.is_private or address.is_loopback or address.is_link_local
            or address.is_reserved or address.is_unspecified)


def type_matches(pattern: str, notification_type: str) -> bool:
    """``vn.phoihop.petitions.PetitionForwarded.v1`` exactly, or a prefix ending in ``*``."""
    if pattern.endswith("*"):
        return notification_type.startswith(pattern[:-1])
    return pattern == notification_type


@dataclass(frozen=True)
class Interest:
    """What a subscription asks for: event types, for whom, and whose it is."""

    event_types: tuple[str, ...]
    audience: str
    owner_agency: str
    owner_unit: str | None

    @classmethod
    def of(cls, summary: Mapping[str, Any]) -> Interest:
        """A subscription's interest, from its ``summary()``."""
        return cls(tuple(summary["event_types"]), summary["audience"], summary["owner_agency"],
                   summary["owner_unit"])

    def wants(self, notification_type: str, recipient: Recipient) -> bool:
        """True when a notification of this type for this recipient is of interest."""
        if not any(type_matches(p, notification_type) for p in self.event_types):
            return False
        if self.audience == "all" or recipient.is_public:
            return True
        if self.audience == "public":
            return False
        return (recipient.kind == "agency" and recipient.agency is not None
                and recipient.agency.value == self.owner_agency
                and unit_matches(self.owner_unit, recipient.unit))


class Subscription(Aggregate):
    """Another system's endpoint for signed notifications."""

    if TYPE_CHECKING:  # declared for type checkers only: runtime annotations become fields
        url: str
        event_types: list[str]
        secret: str
        audience: str
        owner_agency: str
        owner_unit: str | None
        owner_subject: str
        description: str | None
        active: bool
        cancelled_by: str | None

    class Registered(Aggregate.Created):
        url: str
        event_types: list[str]
        secret: str  # sealed (notifier.sealing); plain ``whsec_…`` in older stores
        audience: str
        owner_agency: str
        owner_unit: str | None
        owner_subject: str
        description: str | None

        def apply(self, subscription: Subscription) -> None:
            subscription.url = self.url
            subscription.event_types = list(self.event_types)
            subscription.secret = self.secret
            subscription.audience = self.audience
            subscription.owner_agency = self.owner_agency
            subscription.owner_unit = self.owner_unit
            subscription.owner_subject = self.owner_subject
            subscription.description = self.description
            subscription.active = True
            subscription.cancelled_by = None

    @classmethod
    def register(
        cls, *, url: str, event_types: list[str], secret: str, audience: Audience,
        owner_agency: str, owner_unit: str | None, owner_subject: str,
        description: str | None, seal: Callable[[str], str],
    ) -> Subscription:
        """``secret`` is checked, then kept only as ``seal`` makes it: never plain."""
        secret_key(secret)
        if not event_types or any(not t.strip() for t in event_types):
            raise InvalidSubscriptionError("name at least one event type (or '*')")
        return cls._create(
            cls.Registered, id=uuid4(), url=url, event_types=sorted(set(event_types)),
            secret=seal(secret), audience=audience, owner_agency=owner_agency,
            owner_unit=owner_unit, owner_subject=owner_subject, description=description,
        )

    @event("Cancelled")
    def cancel(self, by: str) -> None:
        self.active = False
        self.cancelled_by = by

    def wants(self, notification_type: str, recipient: Recipient) -> bool:
        """True when a notification of this type for this recipient goes to this endpoint."""
        return self.active and Interest.of(self.summary()).wants(notification_type, recipient)

    def summary(self) -> dict[str, Any]:
        """A plain description; never the secret."""
        return {
            "id": str(self.id),
            "url": self.url,
            "event_types": list(self.event_types),
            "audience": self.audience,
            "owner_agency": self.owner_agency,
            "owner_unit": self.owner_unit,
            "owner_subject": self.owner_subject,
            "description": self.description,
            "active": self.active,
            "created_at": self.created_on.isoformat(),
        }
