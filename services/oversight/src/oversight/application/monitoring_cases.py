"""Monitoring from other services' events (issue 16): petitions forwarded and left
unanswered, resolutions passed and left without UBND guidance.

``policy`` applies the petitions and sessions streams (through the chassis's exactly-once
consumer) to the watches; ``flag_overdue`` (the monitoring worker's pass) turns a passed
due date into a finding, once; the queries list the findings and the per-agency figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import ProcessingEvent
from eventsourcing.domain import Aggregate

from contracts import ReceivedEvent
from contracts.petitions import v1 as petitions
from contracts.sessions import v1 as sessions
from contracts.vocabulary import Agency
from oversight.application.queries import OversightQueries
from oversight.domain.monitoring import PetitionWatch, ResolutionWatch, watch_id
from oversight.domain.sessions import PlannedSession

GUIDANCE_RULE = "oversight.resolution.guidance"


@dataclass
class AgencyFigures:
    """How one agency answers the petitions forwarded to it."""

    agency: Agency
    forwarded: int = 0
    answered_on_time: int = 0
    answered_late: int = 0
    overdue_now: int = 0
    overdue_petition_ids: list[UUID] = field(default_factory=list)


class MonitoringCases(OversightQueries):
    # -- consuming the petitions and sessions streams ----------------------------------------

    def policy(self, received: ReceivedEvent, processing_event: ProcessingEvent[UUID]) -> None:
        """Starts or updates the watch the event concerns; other events only move tracking.

        Event times come from the envelope, so a retried dead letter records the same."""
        made = self._watched(received)
        if made is not None:
            processing_event.collect_events(made)

    def _watched(self, received: ReceivedEvent) -> Aggregate | None:
        data, at = received.data, received.time
        if isinstance(data, petitions.PetitionForwarded):
            petition = self._watch(watch_id("petition", data.petition_id))
            if petition is None:
                return PetitionWatch.start(
                    petition_id=data.petition_id, agency=data.to_agency, unit=data.to_unit,
                    forwarded_on=data.forwarded_on, due_date=data.due_date, at=at)
            petition.reforward(agency=data.to_agency, unit=data.to_unit,
                               forwarded_on=data.forwarded_on, due_date=data.due_date, at=at)
            return petition  # type: ignore[no-any-return]
        if isinstance(data, petitions.PetitionAnswered):
            petition = self._watch(watch_id("petition", data.petition_id))
            if petition is None:
                return None  # forwarded before monitoring began: nothing to compare with
            petition.see_answer(answered_on=data.answered_on, on_time=data.on_time, at=at)
            return petition  # type: ignore[no-any-return]
        if isinstance(data, sessions.SessionPlanned):
            if self._watch(watch_id("session", data.session_id)) is not None:
                return None  # noted already (a redelivery)
            return PlannedSession.note(
                session_id=data.session_id, number=data.number, term=data.term,
                title=data.title, kind=data.kind, planned_opening=data.planned_opening, at=at)
        if isinstance(data, sessions.ResolutionPassed):
            if self._watch(watch_id("resolution", data.resolution_id)) is not None:
                return None
            deadline = self.rulebook.deadline(GUIDANCE_RULE, data.passed_on)
            return ResolutionWatch.start(
                resolution_id=data.resolution_id, number=data.number, title=data.title,
                passed_on=data.passed_on, guidance_due=deadline.due_date,
                rule_id=deadline.rule_id, legal_source=deadline.legal_source, at=at)
        if isinstance(data, sessions.ResolutionGuidanceIssued):
            resolution = self._watch(watch_id("resolution", data.resolution_id))
            if resolution is None:
                return None
            resolution.see_guidance(issued_on=data.issued_on, at=at)
            return resolution  # type: ignore[no-any-return]
        return None

    def _watch(self, aggregate_id: UUID) -> Any:
        return self.current(aggregate_id) if self.exists(aggregate_id) else None

    # -- the worker's pass -----------------------------------------------------------------

    def flag_overdue(self) -> int:
        """Records a finding for every watch whose due date passed on the clock's day, once:
        a watch flagged already is left alone, so a repeated pass records nothing new."""
        today, at = self.today(), self.now()
        flagged: list[Aggregate] = []
        with self.planning_lock:  # one pass at a time: two at once would flag twice
            for petition in self.catalogue.all(PetitionWatch):
                if petition.is_overdue(today) and petition.flagged_due != petition.due_date:
                    fresh: PetitionWatch = self.repository.get(petition.id)
                    if fresh.flag_if_overdue(today, at):
                        flagged.append(fresh)
            for resolution in self.catalogue.all(ResolutionWatch):
                if resolution.is_overdue(today) and not resolution.flagged:
                    latest: ResolutionWatch = self.repository.get(resolution.id)
                    if latest.flag_if_overdue(today, at):
                        flagged.append(latest)
            if flagged:
                self.save(*flagged)
        return len(flagged)

    # -- queries ---------------------------------------------------------------------------

    def overdue_petitions(self, agency: Agency | None = None) -> list[PetitionWatch]:
        """Petitions found unanswered past their due date and still unanswered."""
        today = self.today()
        return sorted(
            (p for p in self.catalogue.all(PetitionWatch)
             if p.flagged_due is not None and p.is_overdue(today)
             and (agency is None or p.agency == agency)),
            key=lambda p: (p.due_date, str(p.petition_id)))

    def petition_figures(self) -> list[AgencyFigures]:
        """Per agency: petitions forwarded, answered on time, answered late, overdue now."""
        today, figures = self.today(), dict[Agency, AgencyFigures]()
        for petition in self.catalogue.all(PetitionWatch):
            row = figures.setdefault(petition.agency, AgencyFigures(petition.agency))
            row.forwarded += 1
            if petition.answered:
                if petition.on_time:
                    row.answered_on_time += 1
                else:
                    row.answered_late += 1
            elif petition.is_overdue(today):
                row.overdue_now += 1
                row.overdue_petition_ids.append(petition.petition_id)
        return [figures[a] for a in sorted(figures, key=lambda a: a.value)]

    def resolutions_without_guidance(self, as_on: date | None = None) -> list[ResolutionWatch]:
        """Passed resolutions found without UBND guidance and still without it."""
        today = as_on or self.today()
        return sorted(
            (r for r in self.catalogue.all(ResolutionWatch)
             if r.flagged and r.is_overdue(today)),
            key=lambda r: (r.passed_on, r.number))
