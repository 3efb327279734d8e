"""A supervision (đợt giám sát) of one programme topic: who went, when, which units were
visited; then its report (findings, causes, responsibility) issuing recommendations.

The stored events' topics are ``oversight.domain.supervision:<Name>``: never rename or
move them without ``register_topic``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Self
from uuid import UUID

from eventsourcing.domain import Aggregate

from contracts.vocabulary import PolicyField
from kernel.actor import Actor, actor_ref
from kernel.clock import day_in_vietnam
from oversight.domain import errors
from oversight.domain.policy import check_runs_body
from oversight.domain.programme import Programme
from oversight.domain.units import checked_units
from oversight.domain.values import (
    SupervisingBody,
    Window,
    check_occurred,
    check_positive_text,
    follows,
)

MAX_MEMBERS = 100


class SupervisionConducted(Aggregate.Created):
    occurred_field = "ended_on"  # the day the supervision's visits ended
    programme_id: UUID
    item_id: UUID
    body: str
    body_name: str
    topic: str
    field: str
    members: list[str]
    started_on: date
    ended_on: date
    units_visited: list[str]
    by: str

    def apply(self, supervision: Supervision) -> None:
        supervision.programme_id, supervision.item_id = self.programme_id, self.item_id
        supervision.body, supervision.body_name = SupervisingBody(self.body), self.body_name
        supervision.topic, supervision.field = self.topic, PolicyField(self.field)
        supervision.members, supervision.units_visited = list(self.members), \
            list(self.units_visited)
        supervision.dates = Window(self.started_on, self.ended_on)
        supervision.report = None


class Report:
    """What the supervision found, why, and who is responsible."""

    def __init__(self, reported_on: date, findings: str, causes: str, responsibility: str,
                 recommendation_ids: list[UUID]) -> None:
        self.reported_on, self.findings, self.causes = reported_on, findings, causes
        self.responsibility, self.recommendation_ids = responsibility, recommendation_ids


class SupervisionReported(Aggregate.Event):
    occurred_field = "reported_on"
    reported_on: date
    findings: str
    causes: str
    responsibility: str
    recommendation_ids: list[UUID]
    by: str

    def apply(self, supervision: Supervision) -> None:
        supervision.report = Report(self.reported_on, self.findings, self.causes,
                                    self.responsibility, list(self.recommendation_ids))


class Supervision(Aggregate):
    """One supervision of a programme's topic, by the programme's body."""

    if TYPE_CHECKING:
        programme_id: UUID
        item_id: UUID
        body: SupervisingBody
        body_name: str
        topic: str
        field: PolicyField
        members: list[str]
        units_visited: list[str]
        dates: Window
        report: Report | None

    @classmethod
    def conduct(cls, actor: Actor, *, id: UUID, programme: Programme, item_id: UUID,
                members: list[str], started_on: date, ended_on: date,
                units_visited: list[str], at: datetime) -> Self:
        check_runs_body(actor, programme.body, programme.body_name, "record supervisions")
        item = programme.item(item_id)
        dates = Window.of(started_on, ended_on, "supervision")
        today = day_in_vietnam(at)
        check_occurred(started_on, today, "started_on")
        check_occurred(ended_on, today, "ended_on")
        if dates.start.year != programme.year:
            raise errors.InvalidCommandError(
                f"the supervision starts in {dates.start.year}, not in the programme's year "
                f"{programme.year}")
        people = [check_positive_text(m, "a member") for m in members]
        if not people or len(people) > MAX_MEMBERS:
            raise errors.InvalidCommandError(f"name 1 to {MAX_MEMBERS} members")
        return cls._create(
            SupervisionConducted, id=id, timestamp=at, programme_id=programme.id,
            item_id=item.item_id, body=programme.body.value, body_name=programme.body_name,
            topic=item.topic, field=item.field.value, members=people, started_on=dates.start,
            ended_on=dates.end, units_visited=list(checked_units(units_visited, "units visited")),
            by=actor_ref(actor),
        )

    def record_report(self, actor: Actor, *, reported_on: date, findings: str, causes: str,
                      responsibility: str, recommendation_ids: list[UUID], at: datetime
                      ) -> None:
        check_runs_body(actor, self.body, self.body_name, "report supervisions")
        if self.report is not None:
            raise errors.IllegalTransitionError(
                f"the supervision was reported on {self.report.reported_on}")
        check_occurred(reported_on, day_in_vietnam(at), "reported_on", follows(
            self.dates.end, "the supervision's last day", "ngày kết thúc đợt giám sát"))
        self.trigger_event(
            SupervisionReported, timestamp=at, reported_on=reported_on,
            findings=check_positive_text(findings, "findings"),
            causes=check_positive_text(causes, "causes"),
            responsibility=check_positive_text(responsibility, "responsibility"),
            recommendation_ids=list(recommendation_ids), by=actor_ref(actor),
        )
