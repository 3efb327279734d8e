"""Who a notification is for: an agency (or one of its units), a role within an agency, a
named person, or the public. Stored as a key string, e.g. ``agency:ubnd/so-xay-dung``.

Units and names arrive in events as people write them ("Sở Xây dựng") and in tokens as
slugs ("so-xay-dung"): both are compared by their slug, without accents or case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from contracts.vocabulary import Agency
from kernel.actor import Actor
from kernel.text import fold
from notifier.domain.errors import InvalidRecipientError

Kind = Literal["agency", "role", "person", "public"]
PUBLIC = "public"


def slug(text: str) -> str:
    """``"Sở Xây dựng"`` → ``"so-xay-dung"``: what units and names are compared by."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


@dataclass(frozen=True)
class Recipient:
    """One addressee of a notification."""

    kind: Kind
    agency: Agency | None = None
    unit: str | None = None
    role: str | None = None
    person: str | None = None

    @classmethod
    def of_agency(cls, agency: str, unit: str | None = None) -> Recipient:
        return cls("agency", agency=_agency(agency), unit=unit or None)

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
        return PUBLIC

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
            return slug(principal.subject) == slug(self.person or "")
        return False

    @property
    def is_personal(self) -> bool:
        """Addressed to someone (a person, or everyone holding a role) rather than a body."""
        return self.kind in ("person", "role")


def unit_matches(addressed: str | None, held: str | None) -> bool:
    """An item for a unit reaches that unit and the agency's staff without a unit; an item
    for the whole agency reaches every unit of it."""
    if addressed is None or held is None:
        return True
    return slug(addressed) == slug(held)


def _agency(code: str) -> Agency:
    try:
        return Agency(code.strip())
    except ValueError as error:
        known = ", ".join(a.value for a in Agency)
        raise InvalidRecipientError(f"unknown agency {code!r}: one of {known}") from error
