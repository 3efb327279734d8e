"""The service's read model: a replica of every aggregate, following the notification log.

Before each query it catches up with the log under a lock, so a client reads its own
writes; a restart rebuilds it from the log. A province holds a few thousand records, so
lists filter the replicas in memory. Queries only read what it returns.
"""

from __future__ import annotations

import threading
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate

from chassis.notification_log import BATCH, pages_after

A = TypeVar("A", bound=Aggregate)


class Catalogue:
    """Every aggregate of one application, kept current from its notification log."""

    def __init__(self, app: Application[UUID]) -> None:
        self._app = app
        self._lock = threading.Lock()
        self._position = 0
        self._aggregates: dict[UUID, Any] = {}

    def catch_up(self) -> None:
        with self._lock:
            for page in pages_after(self._app.recorder, self._position, BATCH):
                for notification in page:
                    event: Any = self._app.mapper.to_domain_event(notification)
                    current = self._aggregates.get(event.originator_id)
                    self._aggregates[event.originator_id] = event.mutate(current)
                    self._position = notification.id

    def all(self, kind: type[A]) -> list[A]:
        """Every record of ``kind``, in the order they were created."""
        self.catch_up()
        with self._lock:
            return [a for a in self._aggregates.values() if isinstance(a, kind)]

    def get(self, kind: type[A], aggregate_id: UUID) -> A | None:
        self.catch_up()
        with self._lock:
            found = self._aggregates.get(aggregate_id)
        return found if isinstance(found, kind) else None
