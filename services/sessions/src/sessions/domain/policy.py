"""Who may do what with sessions and resolutions (Quy chế phối hợp): rules on the agency."""

from __future__ import annotations

from contracts.vocabulary import Agency
from kernel.actor import Actor
from sessions.domain.errors import NotPermittedError
from sessions.domain.values import OrganiserKind

COUNCIL = frozenset({Agency.HDND})  # runs sessions, votes, and the Standing Committee's work
SUBMITTERS = frozenset({Agency.UBND, Agency.HDND})  # UBND's drafts; the Standing Committee's
JOINT_MEETING_PARTNERS = frozenset({Agency.UBND, Agency.MTTQ})  # confirm the liên tịch record
ANSWERERS = frozenset({Agency.UBND, Agency.HDND})  # officials answer; the secretariat records
IMPLEMENTERS = frozenset({Agency.UBND})  # guidance and deployment of resolutions
JOINT_MEETING_BODIES = frozenset({Agency.HDND, Agency.UBND, Agency.MTTQ})

ORGANISER_AGENCY = {
    OrganiserKind.STANDING_COMMITTEE: Agency.HDND,
    OrganiserKind.COMMITTEE: Agency.HDND,
    OrganiserKind.UBND: Agency.UBND,
}


def check_agency(actor: Actor, allowed: frozenset[Agency], action: str) -> None:
    if actor.agency not in allowed:
        names = ", ".join(sorted(a.value for a in allowed))
        raise NotPermittedError(
            f"only {names} may {action}; you act for {actor.agency.value}"
        )


def check_may_run_session(actor: Actor, action: str) -> None:
    check_agency(actor, COUNCIL, action)


def check_may_organise(actor: Actor, organiser: OrganiserKind) -> None:
    """Each body keeps its own meetings in the shared calendar."""
    owner = ORGANISER_AGENCY[organiser]
    if actor.agency != owner:
        raise NotPermittedError(
            f"meetings of {organiser.value} are scheduled by {owner.value}; "
            f"you act for {actor.agency.value}"
        )
