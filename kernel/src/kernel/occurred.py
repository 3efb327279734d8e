"""The day an act happened, as opposed to the moment it was typed: one rule for every service.

Offices record acts after they happen (a meeting held last Tuesday, an answer that came by
post). Every command that records an act takes the day it happened (``occurred_on``, or the
field's own name where the act has one: ``held_on``, ``answered_on``) and its domain checks
it here, with ``check_occurred_on``:

- not in the future (Vietnamese calendar day, ``kernel.clock.today_in_vietnam``);
- within the days the system accepts (``kernel.clock.plausible_days``);
- not before the acts it follows (an answer not before its forwarding, a vote not before
  its session opened), each given as a ``Follows``.

A refusal is an ``OccurredOnError`` (``kernel.errors.Invalid``: 422, worded in English and
Vietnamese) naming the field and the day it may not precede. The event's timestamp stays
the moment it was recorded; due dates, on-time figures and the rule in force
(``kernel.rulebook``) are taken from the day it happened.

Stored domain events name that day in a field: ``occurred_on`` by default, or the field a
class names in ``occurred_field`` (``occurred_field = "held_on"``). ``occurred_on_of`` reads
it (``None`` for an event stored before it had one), and ``stamp`` copies it and the
recording time onto the integration event a service publishes, where both are optional
fields (``contracts.base.IntegrationEvent``), so the contracts keep their major version.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar, overload

from contracts.base import IntegrationEvent
from kernel.clock import plausible_days
from kernel.errors import Invalid, Wording

DEFAULT_FIELD = "occurred_on"

E = TypeVar("E", bound=IntegrationEvent)


class OccurredOnError(Invalid):
    """The day given for an act cannot be the day it happened."""

    title = Wording("Date of the act not accepted", "Ngày xảy ra không hợp lệ")
    type_slug = "invalid-occurred-on"


@dataclass(frozen=True)
class Follows:
    """An earlier act the new one comes after: its day (None: not happened, nothing to
    check) and what it is, in English and Vietnamese ("its forwarding", "việc chuyển")."""

    day: date | None
    what: Wording


def check_occurred_on(day: date, *, today: date, field: str = DEFAULT_FIELD,
                      follows: Iterable[Follows] = ()) -> date:
    """``day``, if an act can have happened on it: not after ``today``, within the
    plausible days around it, not before any act it ``follows``; else ``OccurredOnError``."""
    shown = _vietnamese(day)
    if day > today:
        raise OccurredOnError(
            Wording(f"{field} {day.isoformat()} is in the future (today is {today.isoformat()})",
                    f"{field}: ngày {shown} chưa đến (hôm nay là {_vietnamese(today)})"),
            field=field, occurred_on=day.isoformat(), today=today.isoformat(),
        )
    first, _ = plausible_days(today)
    if day < first:
        raise OccurredOnError(
            Wording(f"{field} {day.isoformat()} is before {first.isoformat()}, the earliest "
                    "day the system accepts",
                    f"{field}: ngày {shown} trước {_vietnamese(first)}, ngày sớm nhất hệ thống "
                    "nhận"),
            field=field, occurred_on=day.isoformat(), earliest=first.isoformat(),
        )
    for earlier in follows:
        if earlier.day is not None and day < earlier.day:
            raise OccurredOnError(
                Wording(f"{field} {day.isoformat()} is before {earlier.what.en} "
                        f"({earlier.day.isoformat()}): it cannot have happened earlier",
                        f"{field}: ngày {shown} trước {earlier.what.vi} "
                        f"({_vietnamese(earlier.day)}), không thể xảy ra sớm hơn"),
                field=field, occurred_on=day.isoformat(), not_before=earlier.day.isoformat(),
            )
    return day


def occurred_on_of(domain_event: object) -> date | None:
    """The day the act a stored event records happened, or None (an event stored before
    it named one, or one that records no act: a plan, a correction)."""
    field = getattr(type(domain_event), "occurred_field", DEFAULT_FIELD)
    day = getattr(domain_event, field, None)
    return day if isinstance(day, date) and not isinstance(day, datetime) else None


@overload
def stamp(integration: E, domain_event: object) -> E: ...
@overload
def stamp(integration: None, domain_event: object) -> None: ...
def stamp(integration: E | None, domain_event: object) -> E | None:
    """``integration`` with the day the act happened and the moment it was recorded (the
    stored event's timestamp), unless it already carries them; None (an event a service
    keeps private) stays None."""
    if integration is None:
        return None
    update: dict[str, object] = {}
    if integration.occurred_on is None and (day := occurred_on_of(domain_event)) is not None:
        update["occurred_on"] = day
    recorded = getattr(domain_event, "timestamp", None)
    if integration.recorded_at is None and isinstance(recorded, datetime):
        update["recorded_at"] = recorded
    return integration.model_copy(update=update) if update else integration


def _vietnamese(day: date) -> str:
    return day.strftime("%d/%m/%Y")
