"""Digests (bản tin tổng hợp): for a recipient who chose daily or weekly e-mail, what
happened in the period, grouped per item, newest first, sent once.

Exactly once per period, across restarts and crashes: a digest is a notification whose id
is derived from the recipient and the period (``digest.daily`` and ``2025-11-28``), saved
with its e-mail deliveries in one transaction; a second build of the same period finds it
and stops. From there it is a delivery like any other: a crash after the SMTP server took
it and before the success was recorded sends it once more with the same Message-ID, and
one success is recorded (``workers/delivery_worker.py``). Periods are Vietnam's days and
weeks (Monday to Sunday) on the injected clock; a period is built once its end is
``grace`` behind (a notification stamped a moment before midnight and committed a moment
after is not left out). A period without notifications sends nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import RecordConflictError

from kernel.clock import Clock, day_in_vietnam
from notifier.application.planning import Planner
from notifier.application.readmodel import NotifierReadModel
from notifier.domain.notification import EMAIL, Notification
from notifier.domain.recipients import Recipient
from notifier.rules import Templates
from notifier.rules.templates import Localized

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
LOOKBACK = {"daily": 7, "weekly": 4}  # periods a notifier that was down catches up on


@dataclass(frozen=True)
class Period:
    cadence: str
    first_day: date
    days: int

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first_day, time(0), VIETNAM)

    @property
    def end(self) -> datetime:
        return datetime.combine(self.first_day + timedelta(days=self.days), time(0), VIETNAM)

    @property
    def key(self) -> str:
        return self.first_day.isoformat()

    def label(self, lang: str) -> str:
        fmt = "%d/%m/%Y" if lang == "vi" else "%Y-%m-%d"
        if self.days == 1:
            return self.first_day.strftime(fmt)
        last = self.first_day + timedelta(days=self.days - 1)
        return f"{self.first_day.strftime(fmt)}–{last.strftime(fmt)}"


def ended_periods(cadence: str, now: datetime, grace: timedelta) -> Iterator[Period]:
    """The periods of ``cadence`` that ended at least ``grace`` ago, the latest
    ``LOOKBACK`` of them, oldest first."""
    today = day_in_vietnam(now - grace)
    if cadence == "daily":
        for back in range(LOOKBACK["daily"], 0, -1):
            yield Period("daily", today - timedelta(days=back), 1)
    elif cadence == "weekly":
        monday = today - timedelta(days=today.weekday())
        for back in range(LOOKBACK["weekly"], 0, -1):
            yield Period("weekly", monday - timedelta(weeks=back), 7)


@dataclass(frozen=True)
class Stretch:
    """A time a recipient had one digest cadence: from ``since`` until ``until`` (None: now)."""

    cadence: str
    since: datetime
    until: datetime | None

    @classmethod
    def of(cls, row: dict[str, str]) -> Stretch:
        return cls(row["cadence"], datetime.fromisoformat(row["since"]),
                   datetime.fromisoformat(row["until"]))

    def covers(self, period: Period) -> bool:
        return period.end > self.since and (self.until is None or period.start < self.until)

    def within(self, period: Period) -> tuple[datetime, datetime]:
        end = period.end if self.until is None else min(period.end, self.until)
        return max(period.start, self.since), end


class Digests:
    """Builds the digests whose period ended; the delivery worker sends them."""

    def __init__(self, app: Any, read_model: NotifierReadModel, planner: Planner, *,
                 templates: Templates, clock: Clock, grace: timedelta) -> None:
        self.app = app
        self.read_model = read_model
        self.planner = planner
        self.templates = templates
        self.clock = clock
        self.grace = grace

    def build_due(self) -> int:
        """Builds every digest due now and not built before; returns how many."""
        built = 0
        now = self.clock.now()
        for preference in self.read_model.digest_preferences():
            recipient = Recipient.parse(preference["recipient"])
            stretches = [Stretch.of(s) for s in preference.get("stretches", [])]
            if preference["cadence"] != "immediate":
                stretches.append(Stretch(preference["cadence"],
                                         datetime.fromisoformat(preference["since"]), None))
            for stretch in stretches:
                for period in ended_periods(stretch.cadence, now, self.grace):
                    if stretch.covers(period):
                        built += self.build(recipient, period, stretch)
        return built

    def build(self, recipient: Recipient, period: Period, stretch: Stretch) -> int:
        rule_id = f"digest.{period.cadence}"
        start, end = stretch.within(period)
        # The period's key, and when the stretch began within it: a stretch that starts
        # in the middle of a period (a cadence changed then) builds a digest of its own.
        key = period.key if start == period.start else f"{period.key}@{start.isoformat()}"
        if self.app.exists(Notification.create_id(rule_id, key, recipient.key)):
            return 0
        items = self.read_model.notifications_recorded(recipient, start, end)
        if not items:
            return 0  # nothing happened: nothing is sent
        title, body = self.templates.get(f"digest_{period.cadence}").render({
            "period": Localized(vi=period.label("vi"), en=period.label("en")),
            "count": len(items), "items": Localized(vi=grouped(items, "vi"),
                                                    en=grouped(items, "en"))})
        notification = Notification.create(
            type=rule_id, rule_id=rule_id, recipient=recipient, subject_id=recipient.key,
            cause=key, occurred_at=period.end, title=title, body=body,
            channels=[EMAIL], source_event={"notifications": [n["id"] for n in items]},
            at=self.clock.now())
        made: list[Aggregate] = [notification,
                                 *self.planner.deliveries(notification, recipient, (EMAIL,),
                                                          set())]
        try:
            self.app.save(*made)
        except RecordConflictError:
            return 0  # built meanwhile (another worker, or a retried pass): sent once
        return 1


def grouped(items: list[dict[str, Any]], lang: str) -> str:
    """Per item (the record a notification is about), the item with the newest news
    first; within one, the newest first."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for item in items:  # newest first already
        groups.setdefault(item["subject_id"], []).append(item)
    blocks = []
    for number, entries in enumerate(groups.values(), start=1):
        lines = [f"{number}. {entries[0]['title'][lang]}"]
        for entry in entries:
            when = datetime.fromisoformat(entry["created_at"]).astimezone(VIETNAM)
            stamp = when.strftime("%H:%M %d/%m" if lang == "vi" else "%d %b %H:%M")
            lines.append(f"   — {stamp}: {entry['title'][lang]}")
            lines += [f"     {line}" for line in entry["body"][lang].splitlines() if line]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


__all__ = ["UUID", "Digests", "Period", "ended_periods", "grouped"]
