"""Who may do what with petitions (Quy chế phối hợp): rules on the acting agency."""

from __future__ import annotations

from contracts.vocabulary import Agency
from kernel.actor import Actor
from petitions.domain.errors import NotPermittedError

# Deputy groups, the HĐND Standing Committee and MTTQ consolidate jointly; the delegation's
# office does it for central-level items. They also organise voter contact (MTTQ leads).
COORDINATORS = frozenset({Agency.HDND, Agency.DBQH, Agency.MTTQ})
PUBLISHER = Agency.MTTQ


def _names(agencies: frozenset[Agency]) -> str:
    return ", ".join(sorted(a.value for a in agencies))


def check_may_coordinate(actor: Actor) -> None:
    """Consolidate, split, classify, forward: hdnd, dbqh or mttq."""
    if actor.agency not in COORDINATORS:
        raise NotPermittedError(
            f"only {_names(COORDINATORS)} may do this; you act for {actor.agency.value}"
        )


def check_may_organise_voter_contact(actor: Actor) -> None:
    """Plan and hold voter-contact meetings: MTTQ, or the deputies' offices."""
    check_may_coordinate(actor)


def check_may_publish(actor: Actor) -> None:
    """Only MTTQ makes answers known to the people."""
    if actor.agency != PUBLISHER:
        raise NotPermittedError(
            f"only {PUBLISHER.value} publishes answers; you act for {actor.agency.value}"
        )
