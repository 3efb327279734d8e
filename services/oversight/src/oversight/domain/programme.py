"""A supervision programme (chương trình giám sát): one body's topics for one year, each
with its field, the units to visit and its planned window.

The stored events' topics are ``oversight.domain.programme:<Name>``: never rename or move
them without ``register_topic``. Items are stored as plain records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Self
from uuid import UUID

from eventsourcing.domain import Aggregate

from contracts.vocabulary import PolicyField
from kernel.actor import Actor, actor_ref
from kernel.clock import day_in_vietnam
from oversight.domain import errors
from oversight.domain.policy import check_runs_body
from oversight.domain.units import checked_units
from oversight.domain.values import (
    SupervisingBody,
    Window,
    body_name,
    check_occurred,
    check_positive_text,
    follows,
)

MAX_ITEMS = 100  # a province's year had 16 topics


@dataclass(frozen=True)
class ProgrammeItem:
    """One topic (chuyên đề) of a programme."""

    item_id: UUID
    topic: str
    field: PolicyField
    units: tuple[str, ...]
    window: Window

    def to_record(self) -> dict[str, Any]:
        return {"item_id": str(self.item_id), "topic": self.topic, "field": self.field.value,
                "units": list(self.units), "window_start": self.window.start.isoformat(),
                "window_end": self.window.end.isoformat()}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> ProgrammeItem:
        return cls(UUID(record["item_id"]), record["topic"], PolicyField(record["field"]),
                   tuple(record["units"]), Window(date.fromisoformat(record["window_start"]),
                                                  date.fromisoformat(record["window_end"])))

    @classmethod
    def checked(cls, year: int, *, item_id: UUID, topic: str, field: PolicyField,
                units: list[str], window_start: date, window_end: date) -> ProgrammeItem:
        window = Window.of(window_start, window_end, f"window of '{topic.strip()}'")
        if window.start.year != year or window.end.year != year:
            raise errors.InvalidCommandError(
                f"the window {window.start}–{window.end} lies outside the programme's "
                f"year {year}")
        return cls(item_id, check_positive_text(topic, "topic"), field,
                   checked_units(units), window)


class ProgrammeAdopted(Aggregate.Created):
    occurred_field = "adopted_on"
    year: int
    body: str
    body_name: str
    adopted_on: date
    items: list[dict[str, Any]]
    by: str

    def apply(self, programme: Programme) -> None:
        programme.year, programme.body = self.year, SupervisingBody(self.body)
        programme.body_name, programme.adopted_on = self.body_name, self.adopted_on
        programme.items = {}
        for record in self.items:
            item = ProgrammeItem.from_record(record)
            programme.items[item.item_id] = item


class ItemAdded(Aggregate.Event):
    item: dict[str, Any]
    by: str

    def apply(self, programme: Programme) -> None:
        item = ProgrammeItem.from_record(self.item)
        programme.items[item.item_id] = item


class ItemRescheduled(Aggregate.Event):
    item_id: UUID
    topic: str
    window_start: date
    window_end: date
    previous_start: date
    previous_end: date
    reason: str
    by: str
    occurred_on: date | None = None  # the day it was moved; None: stored before it was

    def apply(self, programme: Programme) -> None:
        item = programme.items[self.item_id]
        programme.items[self.item_id] = ProgrammeItem(
            item.item_id, item.topic, item.field, item.units,
            Window(self.window_start, self.window_end))


class Programme(Aggregate):
    """One supervising body's programme for one year."""

    if TYPE_CHECKING:
        year: int
        body: SupervisingBody
        body_name: str
        adopted_on: date
        items: dict[UUID, ProgrammeItem]

    @classmethod
    def adopt(cls, actor: Actor, *, id: UUID, year: int, body: SupervisingBody,
              name: str | None, adopted_on: date, items: list[ProgrammeItem], at: datetime
              ) -> Self:
        named = body_name(body, name)
        check_runs_body(actor, body, named, "adopt the supervision programme")
        if not items:
            raise errors.InvalidCommandError("a programme has at least one topic")
        if len(items) > MAX_ITEMS:
            raise errors.InvalidCommandError(f"a programme has at most {MAX_ITEMS} topics")
        if len({item.item_id for item in items}) != len(items):
            raise errors.InvalidCommandError("two topics share one item_id")
        check_occurred(adopted_on, day_in_vietnam(at), "adopted_on")
        if not year - 1 <= adopted_on.year <= year:
            raise errors.InvalidCommandError(
                f"a programme for {year} is adopted in {year - 1} or {year}, not on {adopted_on}")
        return cls._create(
            ProgrammeAdopted, id=id, timestamp=at, year=year, body=body.value, body_name=named,
            adopted_on=adopted_on, items=[item.to_record() for item in items],
            by=actor_ref(actor),
        )

    def add_item(self, actor: Actor, item: ProgrammeItem, at: datetime) -> None:
        check_runs_body(actor, self.body, self.body_name, "change the supervision programme")
        if item.item_id in self.items:
            raise errors.IllegalTransitionError(f"the programme has item {item.item_id}")
        if len(self.items) >= MAX_ITEMS:
            raise errors.InvalidCommandError(f"a programme has at most {MAX_ITEMS} topics")
        self.trigger_event(ItemAdded, timestamp=at, item=item.to_record(), by=actor_ref(actor))

    def item(self, item_id: UUID) -> ProgrammeItem:
        found = self.items.get(item_id)
        if found is None:
            raise errors.RecordNotFoundError(f"no item {item_id} in programme {self.id}")
        return found

    def reschedule(self, actor: Actor, item_id: UUID, window: Window, reason: str,
                   at: datetime, rescheduled_on: date | None = None) -> None:
        check_runs_body(actor, self.body, self.body_name, "reschedule topics")
        item = self.item(item_id)
        today = day_in_vietnam(at)
        day = check_occurred(rescheduled_on or today, today, "rescheduled_on", follows(
            self.adopted_on, "the programme's adoption", "ngày thông qua chương trình"))
        if window.start.year != self.year or window.end.year != self.year:
            raise errors.InvalidCommandError(
                f"the window {window.start}–{window.end} lies outside the year {self.year}")
        if window == item.window:
            raise errors.InvalidCommandError("the new window is the one planned")
        self.trigger_event(
            ItemRescheduled, timestamp=at, item_id=item_id, topic=item.topic,
            window_start=window.start, window_end=window.end,
            previous_start=item.window.start, previous_end=item.window.end,
            reason=check_positive_text(reason, "reason"), by=actor_ref(actor), occurred_on=day,
        )
