"""Consolidation (tổng hợp) of duplicate petitions, and its undoing (split).

Consolidating creates a new petition that keeps every source of the merged ones, and marks
each merged one as merged into it; their ids keep resolving. Splitting withdraws the
consolidated petition and lets the merged ones stand again. Both act on several aggregates,
which the application saves together in one transaction.
"""

from __future__ import annotations

from kernel.actor import Actor
from petitions.domain.errors import InvalidPetitionError
from petitions.domain.petition import Petition
from petitions.domain.policy import check_may_coordinate


def consolidate(actor: Actor, text: str, petitions: list[Petition]) -> Petition:
    """Merge ``petitions`` into a new consolidated petition worded ``text``."""
    check_may_coordinate(actor)
    ids = [petition.id for petition in petitions]
    if len(set(ids)) != len(ids) or len(ids) < 2:
        raise InvalidPetitionError("consolidation merges at least two distinct petitions")
    for petition in petitions:
        petition.check_can_be_merged()
    consolidated = Petition.consolidated_from(actor, text, petitions)
    for petition in petitions:
        petition.merge_into(actor, consolidated.id)
    return consolidated


def split(actor: Actor, consolidated: Petition, merged: list[Petition], reason: str) -> None:
    """Undo a consolidation: ``merged`` are the petitions it merged, in any order."""
    if {p.id for p in merged} != set(consolidated.merged_petition_ids):
        raise InvalidPetitionError("split restores exactly the petitions that were merged")
    consolidated.withdraw(actor, reason)
    for petition in merged:
        petition.restore(actor, consolidated.id, reason)
