"""Who a notification is for: an agency (or one of its units), a role within an agency, a
named person, or the public. Stored as a key string, e.g. ``agency:ubnd/Sở Xây dựng``.

Units and names arrive in events, tokens and queries as people type them: in either
Unicode form, any case, any spacing. They are compared as every identifier in the system
is, by ``kernel.text.identifier_key`` (accents kept: "Tân Phú" is not "Tấn Phú"); a key is
compared by its ``canonical_key``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal
from uuid import UUID

from contracts.vocabulary import Agency
from kernel.actor import Actor
from kernel.text import identifier_key, same_identifier
from notifier.domain.errors import InvalidRecipientError

Kind = Literal["agency", "role", "person", "public", "follower"]
PUBLIC = "public"


@dataclass(frozen=True)
class Recipient:
    """One addressee of a notification."""

    kind: Kind
    agency: Agency | None = None
    unit: str | None = None
    role: str | None = None
    person: str | None = None
    follower: UUID | None = None

    @classmethod
    def of_agency(cls, agency: str, unit: str | None = None) -> Recipient:
        return cls("agency", agency=_agency(agency),
                   unit=unit if unit and unit.strip() else None)

    @classmethod
    def of_role(cls, agency: str, role: str) -> Recipient:
        if not role.strip():
            raise InvalidRecipientError("a role recipient needs a role")
        return cls("role", agency=_agency(agency), role=role.strip())

    @classmethod
    def of_person(cls, name: str) -> Recipient:
        if not name.strip():
            raise InvalidRecipientError("a person recipient needs a name")
        return cls("person", person=name.strip())

    @classmethod
    def of_follower(cls, follower_id: UUID | str) -> Recipient:
        """Someone following an item by e-mail, known only by an opaque id
        (``domain/follower.py``): no inbox, no name, the address sealed apart."""
        try:
            return cls("follower", follower=UUID(str(follower_id)))
        except ValueError:
            raise InvalidRecipientError("a follower recipient needs a follower id") from None

    @classmethod
    def public(cls) -> Recipient:
        return cls("public")

    @property
    def key(self) -> str:
        """The stored form: ``agency:ubnd``, ``agency:ubnd/Sở Xây dựng``, ``role:hdnd/deputy``,
        ``person:Nguyễn Văn An`` or ``public``."""
        if self.kind == "agency":
            assert self.agency is not None
            return f"agency:{self.agency.value}" + (f"/{self.unit}" if self.unit else "")
        if self.kind == "role":
            assert self.agency is not None
            return f"role:{self.agency.value}/{self.role}"
        if self.kind == "person":
            return f"person:{self.person}"
        if self.kind == "follower":
            return f"follower:{self.follower}"
        return PUBLIC

    @property
    def canonical_key(self) -> str:
        """What two keys of one recipient are compared by (a stored one, one in a query):
        the agency and the role as they are (codes), the unit and the person by
        ``identifier_key``. ``agency:ubnd/SỞ XÂY  DỰNG`` (in NFD too) gives
        ``agency:ubnd/sở xây dựng``."""
        if self.kind == "agency" and self.unit:
            return replace(self, unit=identifier_key(self.unit) or None).key
        if self.kind == "person":
            return replace(self, person=identifier_key(self.person or "")).key
        return self.key

    @classmethod
    def parse(cls, key: str) -> Recipient:
        """The inverse of ``key``; raises ``InvalidRecipientError``."""
        if key == PUBLIC:
            return cls.public()
        kind, _, rest = key.partition(":")
        if kind == "agency":
            agency, _, unit = rest.partition("/")
            return cls.of_agency(agency, unit or None)
        if kind == "role":
            agency, _, role = rest.partition("/")
            return cls.of_role(agency, role)
        if kind == "person":
            return cls.of_person(rest)
        if kind == "follower":
            return cls.of_follower(rest)
        raise InvalidRecipientError(
            f"unknown recipient {key!r}: use agency:<code>[/<unit>], role:<code>/<role>, "
            "person:<name> or public"
        )

    @property
    def is_public(self) -> bool:
        return self.kind == "public"

    @property
    def owner_agency(self) -> Agency | None:
        """The agency whose inbox (and deliveries) this belongs to, if any."""
        return self.agency

    def reaches(self, principal: Actor) -> bool:
        """True when ``principal`` finds it in their inbox."""
        if self.kind == "agency":
            return principal.agency == self.agency and unit_matches(self.unit, principal.unit)
        if self.kind == "role":
            return principal.agency == self.agency and principal.role == self.role
        if self.kind == "person":
            return self.names(principal.subject)
        return False

    def names(self, subject: str) -> bool:
        """True when this is the person ``subject`` (a token's subject) names."""
        return self.kind == "person" and same_identifier(self.person, subject)

    @property
    def is_personal(self) -> bool:
        """Addressed to someone (a person, or everyone holding a role) rather than a body."""
        return self.kind in ("person", "role")


def unit_matches(addressed: str | None, held: str | None) -> bool:
    """An item for a unit reaches that unit and the agency's staff without a unit; an item
    for the whole agency reaches every unit of it."""
    if addressed is None or held is None:
        return True
    return same_identifier(addressed, held)


def canonical_key(key: str) -> str:
    """``Recipient.canonical_key`` of a key string; raises ``InvalidRecipientError``."""
    return Recipient.parse(key).canonical_key


def _agency(code: str) -> Agency:
    try:
        return Agency(code.strip())
    except ValueError as error:
        known = ", ".join(a.value for a in Agency)
        raise InvalidRecipientError(f"unknown agency {code!r}: one of {known}") from error
