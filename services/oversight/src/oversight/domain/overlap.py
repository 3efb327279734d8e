"""Coordination, not overlap: an HĐND programme item and an MTTQ one that concern the same
unit within overlapping windows, or the same topic (similar Vietnamese wording,
``kernel.similarity``, the same search petitions use) in the same period, are an
``Overlap``, named once for the pair and resolved by a joint supervision, a rescheduling,
or acceptance with a reason.

``find_overlaps`` is pure: the application hands it an item and the items of the other
side in the same year, and saves what it finds with the programme that caused it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Self
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from contracts.vocabulary import Agency
from kernel.actor import Actor, actor_ref
from kernel.clock import day_in_vietnam
from kernel.similarity import DEFAULT_THRESHOLD, similarity
from oversight.domain import errors
from oversight.domain.policy import check_is_party
from oversight.domain.programme import ProgrammeItem
from oversight.domain.units import unit_key
from oversight.domain.values import (
    SupervisingBody,
    Window,
    check_occurred,
    check_positive_text,
)

TOPIC_THRESHOLD = DEFAULT_THRESHOLD  # the petitions' threshold for "says the same thing"
PARTIES = frozenset({Agency.HDND, Agency.MTTQ})


@dataclass(frozen=True)
class PlannedItem:
    """A programme item with the programme it belongs to: what overlaps are found among."""

    programme_id: UUID
    body: SupervisingBody
    body_name: str
    item: ProgrammeItem

    def to_record(self) -> dict[str, Any]:
        return {"programme_id": str(self.programme_id), "body": self.body.value,
                "body_name": self.body_name, **self.item.to_record()}


@dataclass(frozen=True)
class FoundOverlap:
    first: PlannedItem  # the item already planned
    second: PlannedItem  # the item that met it (new, added or rescheduled)
    shared_units: tuple[str, ...]
    topic_similarity: float | None  # when the topics are alike, how alike
    period: Window

    @property
    def overlap_id(self) -> UUID:
        """One id per pair of items, whichever came first: found again, it is the same."""
        pair = sorted((str(self.first.item.item_id), str(self.second.item.item_id)))
        return uuid5(NAMESPACE_URL, "phoihop:oversight:overlap:" + ":".join(pair))


def find_overlaps(item: PlannedItem, others: Iterable[PlannedItem]) -> list[FoundOverlap]:
    """The items of the other side (HĐND against MTTQ) that ``item`` overlaps."""
    found = []
    for other in others:
        if other.body.agency == item.body.agency:
            continue  # each side coordinates its own bodies; overlap is between HĐND and MTTQ
        period = item.item.window.overlap(other.item.window)
        if period is None:
            continue
        other_keys = {unit_key(u) for u in other.item.units}
        shared = tuple(u for u in item.item.units if unit_key(u) in other_keys)
        score = similarity(item.item.topic, other.item.topic)
        alike = round(score, 3) if score >= TOPIC_THRESHOLD else None
        if shared or alike is not None:
            found.append(FoundOverlap(other, item, shared, alike, period))
    return found


class OverlapResolution(StrEnum):
    JOINT = "joint"  # giám sát liên tịch: each body invites the other
    RESCHEDULED = "rescheduled"  # one item moved to another window
    ACCEPTED = "accepted"  # both go ahead, for a reason


class OverlapDetected(Aggregate.Created):
    first: dict[str, Any]
    second: dict[str, Any]
    shared_units: list[str]
    topic_similarity: float | None
    period_start: date
    period_end: date

    def apply(self, overlap: Overlap) -> None:
        overlap.first, overlap.second = dict(self.first), dict(self.second)
        overlap.shared_units, overlap.topic_similarity = list(self.shared_units), \
            self.topic_similarity
        overlap.period = Window(self.period_start, self.period_end)
        overlap.resolution, overlap.reason, overlap.resolved_by = None, None, None


class OverlapResolved(Aggregate.Event):
    resolution: str
    reason: str | None
    by: str
    occurred_on: date | None = None  # the day it was resolved; None: stored before it was

    def apply(self, overlap: Overlap) -> None:
        overlap.resolution = OverlapResolution(self.resolution)
        overlap.reason, overlap.resolved_by = self.reason, self.by


class Overlap(Aggregate):
    """Two programme items, one of HĐND and one of MTTQ, that would supervise twice."""

    if TYPE_CHECKING:
        first: dict[str, Any]
        second: dict[str, Any]
        shared_units: list[str]
        topic_similarity: float | None
        period: Window
        resolution: OverlapResolution | None
        reason: str | None
        resolved_by: str | None

    @classmethod
    def detect(cls, found: FoundOverlap, at: datetime) -> Self:
        return cls._create(
            OverlapDetected, id=found.overlap_id, timestamp=at, first=found.first.to_record(),
            second=found.second.to_record(), shared_units=list(found.shared_units),
            topic_similarity=found.topic_similarity, period_start=found.period.start,
            period_end=found.period.end,
        )

    @property
    def is_open(self) -> bool:
        return self.resolution is None

    def item_ids(self) -> tuple[UUID, UUID]:
        return UUID(self.first["item_id"]), UUID(self.second["item_id"])

    def resolve(self, actor: Actor, resolution: OverlapResolution, reason: str | None,
                at: datetime, resolved_on: date | None = None) -> None:
        check_is_party(actor, PARTIES, "resolve an overlap between HĐND and MTTQ")
        if self.resolution is not None:
            raise errors.IllegalTransitionError(
                f"the overlap was already resolved ({self.resolution.value})")
        if resolution is OverlapResolution.ACCEPTED:
            reason = check_positive_text(reason or "", "reason")
        today = day_in_vietnam(at)
        day = check_occurred(resolved_on or today, today, "resolved_on")
        self.trigger_event(OverlapResolved, timestamp=at, resolution=resolution.value,
                           reason=(reason or "").strip() or None, by=actor_ref(actor),
                           occurred_on=day)
