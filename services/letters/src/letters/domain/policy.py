"""Who may do what with letters (decision 13): the domain's own checks, never a route's."""

from __future__ import annotations

from contracts.vocabulary import Agency
from kernel.actor import Actor
from letters.domain.errors import NotPermittedError

REVEAL_ROLES = frozenset({"leader"})
"""Who may read a denouncer's identity: the leader of the body handling the denunciation
(người giải quyết tố cáo), no one else; staff handle the letter without it."""


def check_handles(actor: Actor, handling_agency: Agency, action: str) -> None:
    """The body the letter is with does the work on it."""
    if actor.agency != handling_agency:
        raise NotPermittedError(
            f"only {handling_agency.value}, which handles this letter, may {action}; "
            f"you act for {actor.agency.value}")


def may_reveal(actor: Actor, handling_agency: Agency) -> bool:
    return actor.agency == handling_agency and actor.role in REVEAL_ROLES


def check_may_reveal(actor: Actor, handling_agency: Agency) -> None:
    if not may_reveal(actor, handling_agency):
        raise NotPermittedError(
            "only the leader of the body handling the denunciation may reveal the "
            "denouncer's identity")
