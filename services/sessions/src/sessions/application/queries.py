"""What the sessions service answers: lists with filters, details, and states as of a time.

Lists read the catalogue; ``as_of`` replays each record's events up to that moment.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate

from contracts.vocabulary import PolicyField
from kernel.clock import day_in_vietnam
from kernel.errors import NotFound
from sessions.application.base import SessionsBase
from sessions.domain.calendar import CalendarEntry, Clash
from sessions.domain.confidence import ConfidenceRating
from sessions.domain.council import BetweenSessionMatter, ExplanationSession
from sessions.domain.resolution import Resolution
from sessions.domain.session import Session
from sessions.domain.values import ConfidenceOutcome, SessionKind, SessionStatus

A = TypeVar("A", bound=Aggregate)


@dataclass(frozen=True)
class GuidanceLag:
    """How long resolutions waited for UBND's implementation guidance (seed 000)."""

    as_of: date
    resolutions: int
    guided: int
    awaiting: int
    average_lag_days: float | None
    median_lag_days: float | None
    max_lag_days: int | None
    longest_waiting_days: int | None


@dataclass(frozen=True)
class ClashView:
    """One clash between two meetings; active while neither was cancelled."""

    entry: CalendarEntry
    clash: Clash
    active: bool


class SessionsQueries(SessionsBase):
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

    def list_sessions(
        self, *, kind: SessionKind | None = None, status: SessionStatus | None = None,
        year: int | None = None, as_of: datetime | None = None,
    ) -> list[Session]:
        found = [
            s for s in self.records(Session, as_of)
            if (kind is None or s.kind == kind) and (status is None or s.status == status)
            and (year is None or s.opening_on.year == year)
        ]
        return sorted(found, key=lambda s: (s.opening_on, s.number))

    def list_resolutions(
        self, *, session_id: UUID | None = None, field: PolicyField | None = None,
        year: int | None = None, awaiting_guidance: bool | None = None,
        as_of: datetime | None = None,
    ) -> list[Resolution]:
        found = [
            r for r in self.records(Resolution, as_of)
            if (session_id is None or r.session_id == session_id)
            and (field is None or r.field == field)
            and (year is None or r.passed_on.year == year)
            and (awaiting_guidance is None or (not r.guidance) == awaiting_guidance)
        ]
        return sorted(found, key=lambda r: (r.passed_on, r.number))

    def guidance_lag(self, *, year: int | None = None, as_of: datetime | None = None
                     ) -> GuidanceLag:
        today = day_in_vietnam(as_of) if as_of is not None else self.today()
        resolutions = self.list_resolutions(year=year, as_of=as_of)
        lags = [r.guidance_lag_days for r in resolutions if r.guidance_lag_days is not None]
        waiting = [d for r in resolutions if (d := r.days_waiting(today)) is not None]
        return GuidanceLag(
            as_of=today, resolutions=len(resolutions), guided=len(lags), awaiting=len(waiting),
            average_lag_days=round(statistics.fmean(lags), 1) if lags else None,
            median_lag_days=statistics.median(lags) if lags else None,
            max_lag_days=max(lags, default=None), longest_waiting_days=max(waiting, default=None),
        )

    def list_explanations(self, *, year: int | None = None, held: bool | None = None,
                          as_of: datetime | None = None) -> list[ExplanationSession]:
        found = [
            e for e in self.records(ExplanationSession, as_of)
            if (year is None or e.scheduled_on.year == year)
            and (held is None or (e.held_on is not None) == held)
        ]
        return sorted(found, key=lambda e: e.scheduled_on)

    def list_matters(self, *, year: int | None = None, reported: bool | None = None,
                     as_of: datetime | None = None) -> list[BetweenSessionMatter]:
        found = [
            m for m in self.records(BetweenSessionMatter, as_of)
            if (year is None or m.decided_on.year == year)
            and (reported is None or (m.reported_to is not None) == reported)
        ]
        return sorted(found, key=lambda m: m.decided_on)

    def list_ratings(self, *, session_id: UUID | None = None,
                     outcome: ConfidenceOutcome | None = None,
                     as_of: datetime | None = None) -> list[ConfidenceRating]:
        found = [
            r for r in self.records(ConfidenceRating, as_of)
            if (session_id is None or r.session_id == session_id)
            and (outcome is None or r.outcome == outcome)
        ]
        return sorted(found, key=lambda r: (r.rated_on, r.official))

    def list_calendar(
        self, *, starts_from: datetime | None = None, until: datetime | None = None,
        organiser: str | None = None, include_cancelled: bool = False,
        as_of: datetime | None = None,
    ) -> list[CalendarEntry]:
        found = [
            e for e in self.records(CalendarEntry, as_of)
            if (include_cancelled or e.is_active)
            and (starts_from is None or e.ends_at > starts_from)
            and (until is None or e.starts_at < until)
            and (organiser is None or e.organiser.casefold() == organiser.casefold())
        ]
        return sorted(found, key=lambda e: e.starts_at)

    def clashes(self, *, include_resolved: bool = False, as_of: datetime | None = None
                ) -> list[ClashView]:
        """Each clash once (from the entry that caused it), active ones unless asked."""
        entries = {e.id: e for e in self.records(CalendarEntry, as_of)}
        views = []
        for entry in entries.values():
            for clash in entry.clashes:
                if not clash.caused_here:
                    continue
                other = entries.get(clash.other_entry_id)
                active = entry.is_active and other is not None and other.is_active
                if active or include_resolved:
                    views.append(ClashView(entry, clash, active))
        return sorted(views, key=lambda v: v.clash.overlap_start)
