"""What every use case of the oversight service shares: the store, the clock, the rulebook,
the reporting obligations, the catalogue of records."""

from __future__ import annotations

import threading
from datetime import date, datetime

from chassis.catalogue import Catalogue
from chassis.messaging.consuming_application import ConsumingApplication
from chassis.web.idempotency import IdempotentCommands
from kernel.clock import Clock, SystemClock, check_aware, today_in_vietnam
from kernel.rulebook import Rulebook, default_rulebook
from oversight.domain.errors import IllegalTransitionError, RecordNotFoundError
from oversight.rules import ObligationTable, default_obligations


class OversightBase(IdempotentCommands, ConsumingApplication):
    """The application's infrastructure side; use cases live in its subclasses.

    Commands return the aggregate they changed, never read back what they saved: a keyed
    command's save is held back until it returns (chassis.web.idempotency).
    """

    record_not_found = RecordNotFoundError
    record_of_another_kind = IllegalTransitionError

    def __init__(
        self, env: dict[str, str] | None = None, *, clock: Clock | None = None,
        rulebook: Rulebook | None = None, obligations: ObligationTable | None = None,
    ) -> None:
        super().__init__(env)
        self.clock: Clock = clock or SystemClock()
        self.rulebook = rulebook or default_rulebook()
        self.obligations = obligations or default_obligations()  # who reports what, when
        self.catalogue = Catalogue(self, name="oversight records", table="records")
        # One process serves a deployment: held from reading the year's programmes until
        # the save, it keeps two programmes adopted at once from missing their overlap.
        self.planning_lock = threading.RLock()

    def now(self) -> datetime:
        """The time on the injected clock, which stamps every event (with its UTC offset)."""
        return check_aware(self.clock.now())

    def today(self) -> date:
        """Today in Vietnam on the injected clock: the day a fact is recorded on by default."""
        return today_in_vietnam(self.clock)
