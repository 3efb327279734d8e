"""The yearly review's side of the oversight application: noting the facts of every
event its consumers apply, and answering the review of a period (decision 17)."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import ProcessingEvent

from chassis.messaging.receipts import content_digest
from contracts import ReceivedEvent
from kernel.clock import plausible_days
from kernel.errors import NotFound, Wording
from oversight.application.base import OversightBase
from oversight.review.figures import BY_KEY
from oversight.review.periods import Period, checked_period
from oversight.review.report import Scope, figure_records_json, review_json
from oversight.review.store import ReviewFacts, ReviewNote

MINIMUM_FOR_RANK = "petition.answer.minimum_for_share"


class UnknownFigureError(NotFound):
    title = Wording("Unknown figure", "Không có chỉ tiêu này")
    type_slug = "unknown-figure"


class ReviewCases(OversightBase):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.review_facts = ReviewFacts(self)

    # -- the consumers' side: one note per message that says something a figure needs ------

    def note_review_facts(self, received: ReceivedEvent,
                          processing_event: ProcessingEvent[UUID]) -> None:
        """Keeps the event, with the message's receipt (decision 17). Every event, not
        only those a figure reads today: a figure added later counts the past too (its
        facts are derived from the notes when the projection's version changes)."""
        digest = content_digest(received)
        if self.exists(ReviewNote.create_id(received.id, digest)):  # noted already
            return
        processing_event.collect_events(ReviewNote(
            cloudevent_id=received.id, digest=digest, type=received.type,
            time=received.time.isoformat(), data=received.data.model_dump(mode="json")))

    # -- queries ----------------------------------------------------------------------------

    def review_period(self, start: date, end: date) -> Period:
        """The period asked for, if the review can cover it and the one before it."""
        period = checked_period(start, end, plausible_days(self.today()))
        checked_period(period.previous().start, period.previous().end,
                       plausible_days(self.today()))
        return period

    def review(self, period: Period, body: str | None, jurisdiction: str) -> dict[str, Any]:
        """The review of ``period`` (and the previous one), in the portal's JSON shape."""
        facts = self.review_facts.until(period.end)
        minimum = int(self.rulebook.rule(MINIMUM_FOR_RANK, period.end).value)
        return review_json(facts, Scope(period, body, jurisdiction),
                           minimum_for_rank=minimum, as_of=self.now())

    def review_figure(self, key: str, period: Period, body: str | None) -> dict[str, Any]:
        """The records behind one figure in ``period``."""
        if key not in BY_KEY:
            raise UnknownFigureError(Wording(f"No figure is called {key!r}.",
                                             f"Không có chỉ tiêu nào tên {key!r}."),
                                     known=sorted(BY_KEY))
        return figure_records_json(key, self.review_facts.until(period.end), period, body)
