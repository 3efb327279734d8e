"""A contact (địa chỉ nhận thư): the e-mail address where a recipient's notifications go."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from uuid import uuid4

from eventsourcing.domain import Aggregate, event

from notifier.domain.errors import InvalidContactError
from notifier.domain.recipients import Recipient

# Deliberately loose: the SMTP server is the judge; this only refuses what cannot be one.
EMAIL = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$")


class Contact(Aggregate):
    """One e-mail address for one recipient (an agency, a unit, a role, a person)."""

    if TYPE_CHECKING:  # declared for type checkers only: runtime annotations become fields
        recipient: str
        email: str
        name: str | None
        added_by: str
        active: bool

    class Added(Aggregate.Created):
        recipient: str
        email: str
        name: str | None
        added_by: str

        def apply(self, contact: Contact) -> None:
            contact.recipient = self.recipient
            contact.email = self.email
            contact.name = self.name
            contact.added_by = self.added_by
            contact.active = True

    @classmethod
    def add(cls, *, recipient: Recipient, email: str, name: str | None, by: str) -> Contact:
        if recipient.is_public:
            raise InvalidContactError("the public has no e-mail address: it reads the feed")
        if recipient.kind == "follower":
            raise InvalidContactError("a follower's address is given when following, never "
                                      "as a contact")
        address = email.strip()
        if not EMAIL.match(address):
            raise InvalidContactError(f"{email!r} is not an e-mail address")
        return cls._create(cls.Added, id=uuid4(), recipient=recipient.key, email=address,
                           name=name, added_by=by)

    @event("Removed")
    def remove(self, by: str) -> None:
        self.active = False

    def summary(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "recipient": self.recipient,
            "email": self.email,
            "name": self.name,
            "added_by": self.added_by,
            "active": self.active,
            "created_at": self.created_on.isoformat(),
        }
