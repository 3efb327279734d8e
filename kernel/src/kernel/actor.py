"""Who issues a command, and how an actor is written into events."""

from __future__ import annotations

from typing import Protocol

from contracts.vocabulary import Agency


class Actor(Protocol):
    """A person or system acting for one agency (and maybe a unit of it), with a role.

    The chassis's authenticated principal is one; domains see only these attributes.
    """

    @property
    def subject(self) -> str: ...

    @property
    def agency(self) -> Agency: ...

    @property
    def unit(self) -> str | None: ...

    @property
    def role(self) -> str: ...


OPERATOR_ROLES = ("admin", "system")  # who runs the system, not an agency's business


def is_operator(actor: Actor) -> bool:
    """Operators handle what belongs to the system itself (dead letters, every agency's
    subscriptions and deliveries)."""
    return actor.role in OPERATOR_ROLES


def actor_ref(actor: Actor) -> str:
    """How an actor is written into events, for audit: ``agency/subject``.

    Stored in every event's ``by``: never change the format.
    """
    return f"{actor.agency.value}/{actor.subject}"
