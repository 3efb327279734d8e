"""What every use case of the sessions service shares: the store, the clock, the rulebook."""

from __future__ import annotations

import threading
from datetime import date, datetime

from chassis.application import ServiceApplication
from chassis.web.idempotency import IdempotentCommands
from kernel.clock import Clock, SystemClock, check_aware, today_in_vietnam
from kernel.rulebook import Rulebook, default_rulebook
from sessions.application.catalogue import Catalogue
from sessions.domain.errors import IllegalTransitionError, RecordNotFoundError


class SessionsBase(IdempotentCommands, ServiceApplication):
    """The application's infrastructure side; use cases live in its subclasses.

    Commands return the aggregate they changed, never read back what they saved: a keyed
    command's save is held back until it returns (chassis.web.idempotency).
    """

    record_not_found = RecordNotFoundError
    record_of_another_kind = IllegalTransitionError

    def __init__(
        self, env: dict[str, str] | None = None, *, clock: Clock | None = None,
        rulebook: Rulebook | None = None,
    ) -> None:
        super().__init__(env)
        self.clock: Clock = clock or SystemClock()
        self.rulebook = rulebook or default_rulebook()
        self.catalogue = Catalogue(self)
        # One process serves a deployment: held from reading the calendar until the save,
        # it keeps two meetings scheduled at once from missing each other's clash.
        self.calendar_lock = threading.RLock()

    def now(self) -> datetime:
        """The time on the injected clock, which stamps every event (with its UTC offset)."""
        return check_aware(self.clock.now())

    def today(self) -> date:
        """Today in Vietnam on the injected clock: the day a fact is recorded on by default."""
        return today_in_vietnam(self.clock)
