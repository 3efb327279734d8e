"""The eventsourcing Application base every service's application extends.

It records with a process recorder (the event table plus tracking), so the outbox relay
can store its position in the same store; it tells listeners when events were saved, so
the relay wakes at once; and it gives every aggregate its history and its past states.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate, DomainEventProtocol
from eventsourcing.persistence import (
    JSONTranscoder,
    Mapper,
    ProcessRecorder,
    Recording,
    Transcoding,
)

from kernel.errors import Conflict, NotFound

SaveListener = Callable[[int], None]  # called with the highest notification id saved
MissingRecord = Callable[[str], Exception]  # the service's "not found" error, from its detail
A = TypeVar("A", bound=Aggregate)


class DateAsISO(Transcoding):
    """Stores calendar days (due dates, meeting days) as ISO strings."""

    type = date
    name = "date_iso"  # written into stored events: never rename

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class ServiceApplication(Application[UUID]):
    """Base of each service's Application: outbox-ready store, history and ``as_of``."""

    def __init__(self, env: dict[str, str] | None = None) -> None:
        super().__init__(env)
        self.recorder: ProcessRecorder
        self._save_listeners: list[SaveListener] = []
        self._listeners_lock = threading.Lock()

    def construct_recorder(self) -> ProcessRecorder:
        return self.factory.process_recorder()

    def construct_mapper(self) -> Mapper[UUID]:
        from chassis.tracing import TracingMapper  # the trace context stored with events

        return self.factory.mapper(transcoder=self.construct_transcoder(),
                                   mapper_class=TracingMapper)

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())

    def add_save_listener(self, listener: SaveListener) -> None:
        with self._listeners_lock:
            self._save_listeners.append(listener)

    def _notify(self, recordings: list[Recording[UUID]]) -> None:
        if not recordings:
            return
        highest = max(r.notification.id for r in recordings)
        for listener in list(self._save_listeners):
            listener(highest)

    # The error ``load`` raises for a missing record: each service names its own 404.
    record_not_found: MissingRecord = NotFound
    record_of_another_kind: MissingRecord = Conflict

    def load(self, kind: type[A], aggregate_id: UUID, label: str, as_of: datetime | None = None,
             *, missing: MissingRecord | None = None) -> A:
        """One record of ``kind``: as it is now, or as it stood at ``as_of``.

        The one way a use case or a query finds a record by id. When there is none, or
        the id is a record of another kind, it raises the service's ``record_not_found``
        (or ``missing``) with "no <label> with id …"; a record created after ``as_of``
        did not exist then (404 too).
        """
        try:
            found: object = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            found = None
        if not isinstance(found, kind):
            raise (missing or self.record_not_found)(f"no {label} with id {aggregate_id}")
        if as_of is None:
            return found
        then = self.state_as_of(aggregate_id, as_of)
        assert isinstance(then, kind)  # a record never changes kind
        return then

    def existing(self, kind: type[A], aggregate_id: UUID | None) -> A | None:
        """The record an idempotent retry already created, if any; an id of another kind
        of record raises the service's ``record_of_another_kind``."""
        if aggregate_id is None:
            return None
        try:
            found: object = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return None
        if not isinstance(found, kind):
            raise self.record_of_another_kind(
                f"id {aggregate_id} belongs to another kind of record")
        return found

    def history_of(self, kind: type[Aggregate], aggregate_id: UUID, label: str, *,
                   missing: MissingRecord | None = None) -> list[DomainEventProtocol[UUID]]:
        """Every stored event of one record of ``kind``, oldest first (404 as ``load``)."""
        self.load(kind, aggregate_id, label, missing=missing)
        return self.history(aggregate_id)

    def history(self, aggregate_id: UUID) -> list[DomainEventProtocol[UUID]]:
        """Every stored event of one aggregate, oldest first."""
        events = list(self.events.get(aggregate_id))
        if not events:
            raise NotFound(f"no record with id {aggregate_id}")
        return events

    def state_as_of(self, aggregate_id: UUID, moment: datetime) -> Aggregate:
        """The aggregate as it stood at ``moment``: its events up to then, replayed."""
        aggregate: Any = None
        for event in self.history(aggregate_id):
            if event.timestamp > moment:  # type: ignore[attr-defined]
                break
            aggregate = event.mutate(aggregate)  # type: ignore[attr-defined]
        if aggregate is None:
            raise NotFound(f"{aggregate_id} did not exist at {moment.isoformat()}")
        return aggregate  # type: ignore[no-any-return]


def store_readiness(app: ServiceApplication) -> Callable[[], Awaitable[str | None]]:
    """A ``/readyz`` check: the store answers a read."""

    async def check() -> str | None:
        try:
            await asyncio.to_thread(app.recorder.max_notification_id)
        except Exception as error:  # any failure means not ready; say which
            return f"store unreachable: {error}"
        return None

    return check
