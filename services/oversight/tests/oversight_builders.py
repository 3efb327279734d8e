"""Builders shared by the oversight tests: actors, a stepping clock, programme topics.

The clock stands at 2026-03-02 (Vietnam); the programmes are the year 2026's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from chassis.web.auth import Principal
from contracts.vocabulary import Agency, PolicyField
from oversight.application import ItemDraft

JURISDICTION = "tien-giang"
HDND = Principal("van-phong-hdnd", Agency.HDND, "staff", JURISDICTION)
CULTURE_COMMITTEE = Principal("ban-vhxh", Agency.HDND, "staff", JURISDICTION,
                              unit="Ban Văn hóa - Xã hội")
MTTQ = Principal("ban-thuong-truc", Agency.MTTQ, "staff", JURISDICTION)
UBND = Principal("van-phong", Agency.UBND, "staff", JURISDICTION, unit="Văn phòng UBND tỉnh")
AT = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
YEAR = 2026


@dataclass
class SteppingClock:
    """A clock for applications: starts at ``start`` and moves a minute on every reading."""

    start: datetime = AT
    step: timedelta = timedelta(minutes=1)
    readings: int = field(default=0)

    def now(self) -> datetime:
        self.readings += 1
        return self.start + self.step * self.readings


def topic(text: str = "Việc thực hiện chính sách hỗ trợ học sinh vùng khó khăn",
          units: tuple[str, ...] = ("Trường THPT Tân Phú",), start: date = date(2026, 4, 1),
          end: date = date(2026, 4, 30), field: PolicyField = PolicyField.EDUCATION,
          item_id: UUID | None = None) -> ItemDraft:
    return ItemDraft(topic=text, field=field, units=list(units), window_start=start,
                     window_end=end, item_id=item_id)


def topic_body(**overrides: Any) -> dict[str, Any]:
    """A topic as the API takes it."""
    return {"topic": "Việc thực hiện chính sách hỗ trợ học sinh vùng khó khăn",
            "field": "education", "units": ["Trường THPT Tân Phú"],
            "window_start": "2026-04-01", "window_end": "2026-04-30", **overrides}


def names(events: Any) -> list[str]:
    return [type(event).__name__ for event in events]


Check = Callable[[Any], None]
