"""Who may do what with petitions (Quy chế phối hợp): rules on the acting agency."""

from __future__ import annotations

from contracts.vocabulary import Agency
from kernel.actor import Actor, is_operator
from kernel.text import same_identifier
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


def acts_for(actor: Actor, agency: Agency, unit: str | None) -> bool:
    """Whether ``actor`` acts for ``agency`` and, when one is named, its ``unit``: units
    are compared as identifiers (Unicode form, case and spacing aside), so a token's
    "Sở Giao thông  vận tải" is the unit a petition was forwarded to as "Sở Giao thông vận
    tải"."""
    return actor.agency == agency and (unit is None or same_identifier(actor.unit, unit))


def may_read_unpublished_answer(actor: Actor | None, answering_agency: Agency,
                                answering_unit: str | None) -> bool:
    """An answer becomes public when MTTQ publishes it (thông báo kết quả trả lời). Until
    then it is read by the agencies concerned: the coordinators (who follow petitions up,
    and MTTQ, which publishes), the agency (and unit) that answered, and operators; not
    by the public, nor by other units."""
    if actor is None:
        return False
    return (is_operator(actor) or actor.agency in COORDINATORS
            or acts_for(actor, answering_agency, answering_unit))
