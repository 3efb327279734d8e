"""Use cases of the supervision programmes and their coordination: adopt a programme, add
or reschedule a topic (each time finding the overlaps with the other side's programmes of
the year, saved with the programme in one transaction), resolve an overlap."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate

from contracts.vocabulary import PolicyField
from kernel.actor import Actor
from oversight.application.base import OversightBase
from oversight.domain.errors import InvalidCommandError
from oversight.domain.overlap import (
    FoundOverlap,
    Overlap,
    OverlapResolution,
    PlannedItem,
    find_overlaps,
)
from oversight.domain.programme import Programme, ProgrammeItem
from oversight.domain.values import SupervisingBody, Window


class ItemDraft:
    """A topic as a command gives it, before it is checked against its programme's year."""

    def __init__(self, *, topic: str, field: PolicyField, units: list[str], window_start: date,
                 window_end: date, item_id: UUID | None = None) -> None:
        self.topic, self.field, self.units = topic, field, units
        self.window_start, self.window_end = window_start, window_end
        self.item_id = item_id

    def checked(self, year: int) -> ProgrammeItem:
        return ProgrammeItem.checked(
            year, item_id=self.item_id or uuid4(), topic=self.topic, field=self.field,
            units=self.units, window_start=self.window_start, window_end=self.window_end)


class ProgrammeCases(OversightBase):
    def programme(self, programme_id: UUID) -> Programme:
        return self.load(Programme, programme_id, "programme")

    def adopt_programme(self, actor: Actor, *, year: int, body: SupervisingBody,
                        items: list[ItemDraft], body_name: str | None = None,
                        adopted_on: date | None = None, id: UUID | None = None) -> Programme:
        if (done := self.existing(Programme, id)) is not None:
            return done
        with self.planning_lock:
            programme = Programme.adopt(
                actor, id=id or uuid4(), year=year, body=body, name=body_name,
                adopted_on=adopted_on or self.today(),
                items=[draft.checked(year) for draft in items], at=self.now(),
            )
            overlaps = self._overlaps_of(programme, list(programme.items))
            self.save(programme, *overlaps)
        return programme

    def add_item(self, actor: Actor, programme_id: UUID, draft: ItemDraft) -> Programme:
        with self.planning_lock:
            programme = self.programme(programme_id)
            if draft.item_id is not None and draft.item_id in programme.items:
                return programme  # a retry
            item = draft.checked(programme.year)
            programme.add_item(actor, item, self.now())
            self.save(programme, *self._overlaps_of(programme, [item.item_id]))
        return programme

    def reschedule_item(self, actor: Actor, programme_id: UUID, item_id: UUID, *,
                        window_start: date, window_end: date, reason: str,
                        rescheduled_on: date | None = None) -> Programme:
        """Moves a topic's window. The open overlaps it no longer meets are resolved as
        rescheduled; the ones its new window meets are detected."""
        with self.planning_lock:
            programme = self.programme(programme_id)
            window = Window.of(window_start, window_end)
            programme.reschedule(actor, item_id, window, reason, self.now(), rescheduled_on)
            moved = PlannedItem(programme.id, programme.body, programme.body_name,
                                programme.items[item_id])
            changed: list[Aggregate] = []
            for listed in self.open_overlaps_of(item_id):
                overlap = self.load(Overlap, listed.id, "overlap")  # listed ones are shared
                other_id = next(i for i in overlap.item_ids() if i != item_id)
                other = self._planned_items(programme.year).get(other_id)
                if other is None or not find_overlaps(moved, [other]):
                    overlap.resolve(actor, OverlapResolution.RESCHEDULED, reason, self.now(),
                                    rescheduled_on)
                    changed.append(overlap)
            self.save(programme, *changed, *self._overlaps_of(programme, [item_id]))
        return programme

    def resolve_overlap(self, actor: Actor, overlap_id: UUID, *,
                        resolution: OverlapResolution, reason: str | None = None,
                        resolved_on: date | None = None) -> Overlap:
        overlap = self.load(Overlap, overlap_id, "overlap")
        if resolution is OverlapResolution.RESCHEDULED:
            raise InvalidCommandError(
                "reschedule one of the two topics: the overlap is then resolved by itself")
        if overlap.resolution == resolution:
            return overlap  # a retry
        overlap.resolve(actor, resolution, reason, self.now(), resolved_on)
        self.save(overlap)
        return overlap

    def open_overlaps_of(self, item_id: UUID) -> list[Overlap]:
        """The open overlaps naming the item (shared replicas: read, never change)."""
        return [o for o in self.catalogue.all(Overlap) if o.is_open and item_id in o.item_ids()]

    def _planned_items(self, year: int) -> dict[UUID, PlannedItem]:
        return {
            item.item_id: PlannedItem(p.id, p.body, p.body_name, item)
            for p in self.catalogue.all(Programme) if p.year == year
            for item in p.items.values()
        }

    def _overlaps_of(self, programme: Programme, item_ids: list[UUID]) -> list[Overlap]:
        """New overlaps of the programme's items ``item_ids`` with the other side's items
        of the year (an overlap already named, resolved or not, is not named again)."""
        others = [planned for planned in self._planned_items(programme.year).values()
                  if planned.programme_id != programme.id]
        known = {o.id for o in self.catalogue.all(Overlap)}
        found: dict[UUID, FoundOverlap] = {}
        for item_id in item_ids:
            item = PlannedItem(programme.id, programme.body, programme.body_name,
                               programme.items[item_id])
            for overlap in find_overlaps(item, others):
                if overlap.overlap_id not in known:
                    found.setdefault(overlap.overlap_id, overlap)
        at = self.now()
        return [Overlap.detect(overlap, at) for overlap in found.values()]
