"""What the oversight service answers: lists with filters, details, and states as of a time.

Lists read the catalogue; ``as_of`` replays each record's events up to that moment.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

from eventsourcing.domain import Aggregate

from contracts.vocabulary import PolicyField
from kernel.errors import NotFound
from kernel.text import identifier_key
from oversight.application.base import OversightBase
from oversight.domain.overlap import Overlap
from oversight.domain.programme import Programme
from oversight.domain.units import unit_key
from oversight.domain.values import SupervisingBody

A = TypeVar("A", bound=Aggregate)


class OversightQueries(OversightBase):
    def records(self, kind: type[A], as_of: datetime | None = None) -> list[A]:
        """Every record of ``kind``: as it is now, or as it stood at ``as_of``."""
        current = self.catalogue.all(kind)
        if as_of is None:
            return current
        past: list[A] = []
        for record in current:
            try:
                state: Any = self.state_as_of(record.id, as_of)
            except NotFound:
                continue  # created after as_of
            past.append(state)
        return past

    def list_programmes(
        self, *, year: int | None = None, body: SupervisingBody | None = None,
        body_name: str | None = None, field: PolicyField | None = None,
        unit: str | None = None, as_of: datetime | None = None,
    ) -> list[Programme]:
        name_key = identifier_key(body_name) if body_name else None
        wanted_unit = unit_key(unit) if unit else None
        found = [
            p for p in self.records(Programme, as_of)
            if (year is None or p.year == year) and (body is None or p.body == body)
            and (name_key is None or identifier_key(p.body_name) == name_key)
            and (field is None or any(i.field == field for i in p.items.values()))
            and (wanted_unit is None or any(unit_key(u) == wanted_unit
                                            for i in p.items.values() for u in i.units))
        ]
        return sorted(found, key=lambda p: (p.year, p.body.value, p.body_name))

    def list_overlaps(self, *, open_only: bool | None = None, year: int | None = None,
                      as_of: datetime | None = None) -> list[Overlap]:
        found = [
            o for o in self.records(Overlap, as_of)
            if (open_only is None or o.is_open == open_only)
            and (year is None or o.period.start.year == year)
        ]
        return sorted(found, key=lambda o: (o.period.start, str(o.id)))
