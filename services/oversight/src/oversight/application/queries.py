"""What the oversight service answers: lists with filters, details, and states as of a time.

Lists read the catalogue; ``as_of`` replays each record's events up to that moment.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate

from contracts.vocabulary import Agency, PolicyField
from kernel.clock import day_in_vietnam
from kernel.errors import NotFound
from kernel.text import identifier_key
from oversight.application.base import OversightBase
from oversight.domain.overlap import Overlap
from oversight.domain.programme import Programme
from oversight.domain.recommendation import FollowUp, Recommendation
from oversight.domain.supervision import Supervision
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

    def list_supervisions(self, *, year: int | None = None, body: SupervisingBody | None = None,
                          programme_id: UUID | None = None, reported: bool | None = None,
                          as_of: datetime | None = None) -> list[Supervision]:
        found = [
            s for s in self.records(Supervision, as_of)
            if (year is None or s.dates.start.year == year) and (body is None or s.body == body)
            and (programme_id is None or s.programme_id == programme_id)
            and (reported is None or (s.report is not None) == reported)
        ]
        return sorted(found, key=lambda s: (s.dates.start, s.topic))

    def list_recommendations(
        self, *, status: FollowUp | None = None, addressee_agency: Agency | None = None,
        addressee_unit: str | None = None, supervision_id: UUID | None = None,
        overdue: bool | None = None, as_of: datetime | None = None,
    ) -> list[Recommendation]:
        today = day_in_vietnam(as_of) if as_of is not None else self.today()
        unit = identifier_key(addressee_unit) if addressee_unit else None
        found = [
            r for r in self.records(Recommendation, as_of)
            if (status is None or r.status == status)
            and (addressee_agency is None or r.addressee_agency == addressee_agency)
            and (unit is None or identifier_key(r.addressee_unit or "") == unit)
            and (supervision_id is None or r.supervision_id == supervision_id)
            and (overdue is None or r.is_overdue(today) == overdue)
        ]
        return sorted(found, key=lambda r: (r.due_on, r.action))
