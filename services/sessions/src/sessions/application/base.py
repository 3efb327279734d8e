"""What every use case of the sessions service shares: the store, the clock, the rulebook."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate

from chassis.application import ServiceApplication
from chassis.rulebook import Rulebook, default_rulebook
from chassis.web.idempotency import IdempotentCommands
from sessions.application.catalogue import Catalogue
from sessions.domain.errors import IllegalTransitionError, RecordNotFoundError
from sessions.domain.values import local_day

Clock = Callable[[], datetime]
A = TypeVar("A", bound=Aggregate)


def system_clock() -> datetime:
    return datetime.now(UTC)



class SessionsBase(IdempotentCommands, ServiceApplication):
    """The application's infrastructure side; use cases live in its subclasses.

    Commands return the aggregate they changed, never read back what they saved: a keyed
    command's save is held back until it returns (chassis.web.idempotency).
    """

    record_not_found = RecordNotFoundError

    def __init__(
        self, env: dict[str, str] | None = None, *, clock: Clock = system_clock,
        rulebook: Rulebook | None = None,
    ) -> None:
        super().__init__(env)
        self.clock = clock
        self.rulebook = rulebook or default_rulebook()
        self.catalogue = Catalogue(self)
        # One process serves a deployment: held from reading the calendar until the save,
        # it keeps two meetings scheduled at once from missing each other's clash.
        self.calendar_lock = threading.RLock()

    def now(self) -> datetime:
        moment = self.clock()
        if moment.tzinfo is None:
            raise ValueError("the clock must give timezone-aware datetimes")
        return moment

    def today(self) -> date:
        return local_day(self.now())

    def existing(self, kind: type[A], aggregate_id: UUID | None) -> A | None:
        """The record an idempotent retry already created, if any."""
        if aggregate_id is None:
            return None
        try:
            found: Any = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return None
        if not isinstance(found, kind):
            raise IllegalTransitionError(f"id {aggregate_id} belongs to another kind of record")
        return found
