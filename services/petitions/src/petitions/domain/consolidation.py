"""Consolidation (tổng hợp) of duplicate petitions, and its undoing (split).

Consolidating creates a new petition that keeps every source of the merged ones, and marks
each merged one as merged into it; their ids keep resolving. Splitting withdraws the
consolidated petition and lets the merged ones stand again. Both act on several aggregates,
which the application saves together in one transaction.
"""

from __future__ import annotations

from datetime import date

from kernel.actor import Actor
from kernel.errors import Wording
from kernel.occurred import Follows, check_occurred_on
from petitions.domain.errors import InvalidPetitionError
from petitions.domain.petition import Petition
from petitions.domain.policy import check_may_coordinate


def consolidate(actor: Actor, text: str, petitions: list[Petition], *, today: date,
                occurred_on: date | None = None) -> Petition:
    """Merge ``petitions`` into a new consolidated petition worded ``text``, on
    ``occurred_on`` (today by default), not before any of them was received."""
    check_may_coordinate(actor)
    ids = [petition.id for petition in petitions]
    if len(set(ids)) != len(ids) or len(ids) < 2:
        raise InvalidPetitionError("consolidation merges at least two distinct petitions")
    for petition in petitions:
        petition.check_can_be_merged()
    day = check_occurred_on(occurred_on or today, today=today, follows=[
        Follows(max(p.received_on for p in petitions),
                Wording("the last of the petitions it merges was received",
                        "ngày tiếp nhận kiến nghị sau cùng được gộp"))])
    consolidated = Petition.consolidated_from(actor, text, petitions, day)
    for petition in petitions:
        petition.merge_into(actor, consolidated.id)
    return consolidated


def split(actor: Actor, consolidated: Petition, merged: list[Petition], reason: str, *,
          today: date, occurred_on: date | None = None) -> None:
    """Undo a consolidation: ``merged`` are the petitions it merged, in any order."""
    if {p.id for p in merged} != set(consolidated.merged_petition_ids):
        raise InvalidPetitionError("split restores exactly the petitions that were merged")
    consolidated.withdraw(actor, reason, occurred_on=occurred_on or today, today=today)
    for petition in merged:
        petition.restore(actor, consolidated.id, reason)
