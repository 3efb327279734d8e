"""The stored events of a Petition: what the store keeps, and what ``translate`` reads.

Their topics are ``petitions.domain.petition:Petition.<Name>`` (the aggregate redefines
each as its own subclass): never rename or move them without ``register_topic``. Enum
values are stored as plain strings, so a live event and a replayed one look the same.

Each event of an act names the day it happened (``kernel.occurred``): its own date field
(``occurred_field``) or ``occurred_on``, which events stored before it existed lack (they
read as None, and the day they were recorded stands in).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from kernel.clock import day_in_vietnam
from petitions.domain.values import Source

if TYPE_CHECKING:
    from petitions.domain.petition import Petition


class Recorded(Aggregate.Created):
    text: str
    meeting_id: UUID | None
    commune: str
    channel: str
    deputy: str | None
    by: str
    occurred_on: date | None = None  # the day it was received; None in stores before it

    def apply(self, petition: Petition) -> None:
        petition._start(self.text, [Source(petition.id, self.meeting_id, self.commune)],
                        self.occurred_on or day_in_vietnam(self.timestamp))
        petition.channel, petition.deputy = self.channel, self.deputy

class Consolidated(Aggregate.Created):
    text: str
    merged_petition_ids: list[UUID]
    sources: list[dict[str, Any]]
    by: str
    occurred_on: date | None = None

    def apply(self, petition: Petition) -> None:
        petition._start(self.text, [Source.from_record(s) for s in self.sources],
                        self.occurred_on or day_in_vietnam(self.timestamp))
        petition.merged_petition_ids = list(self.merged_petition_ids)

class MergedInto(Aggregate.Event):
    into: UUID
    by: str

class Restored(Aggregate.Event):
    split_from: UUID
    reason: str
    by: str

class Split(Aggregate.Event):
    restored_petition_ids: list[UUID]
    reason: str
    by: str
    occurred_on: date | None = None

class Classified(Aggregate.Event):
    field: str
    level: str
    competent_agency: str
    competent_unit: str | None
    committee: str | None
    by: str
    occurred_on: date | None = None

class Forwarded(Aggregate.Event):
    text: str
    to_agency: str
    to_unit: str | None
    level: str
    forwarded_on: date
    due_date: date
    rule_id: str
    legal_source: str
    reforwarded: bool
    reason: str | None
    by: str
    occurred_field = "forwarded_on"

class Answered(Aggregate.Event):
    agency: str
    unit: str | None
    answer: str
    answered_on: date
    due_date: date
    by: str
    occurred_field = "answered_on"

class AnswerPublished(Aggregate.Event):
    text: str
    answer: str
    answered_by: str
    published_on: date
    communes: list[str]
    by: str
    occurred_field = "published_on"

class ResolutionUpdated(Aggregate.Event):
    status: str
    roadmap_date: date | None
    note: str | None
    updated_on: date
    by: str
    occurred_field = "updated_on"
