"""Confidence ratings (lấy phiếu tín nhiệm) of officials the council elected, with the
thresholds and consequences of NQ 96/2023/QH15 taken from the rulebook."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Self
from uuid import UUID

from eventsourcing.domain import Aggregate

from kernel.actor import Actor, actor_ref
from kernel.rulebook import Rulebook
from sessions.domain import errors
from sessions.domain.policy import check_may_run_session
from sessions.domain.rules import NO_CONFIDENCE_SHARE, confidence_outcome, share_met
from sessions.domain.values import (
    ConfidenceOutcome,
    check_occurred,
    check_positive_text,
    follows,
)


class Rated(Aggregate.Created):
    session_id: UUID
    official: str
    position: str
    rated_on: date
    high: int
    confidence: int
    low: int
    total_deputies: int
    outcome: str
    rule_id: str | None
    legal_source: str | None
    by: str
    occurred_field = "rated_on"

    def apply(self, rating: ConfidenceRating) -> None:
        rating.session_id, rating.official, rating.position = (
            self.session_id, self.official, self.position
        )
        rating.rated_on, rating.total_deputies = self.rated_on, self.total_deputies
        rating.high, rating.confidence, rating.low = self.high, self.confidence, self.low
        rating.outcome, rating.rule_id = ConfidenceOutcome(self.outcome), self.rule_id
        rating.vote_failed, rating.resigned_on = None, None


class ConfidenceVoteHeld(Aggregate.Event):
    official: str
    voted_on: date
    no_confidence: int
    total_deputies: int
    failed: bool
    rule_id: str
    legal_source: str
    by: str
    occurred_field = "voted_on"

    def apply(self, rating: ConfidenceRating) -> None:
        rating.vote_failed = self.failed
        if self.failed:
            rating.outcome = ConfidenceOutcome.DISMISSAL_REQUIRED


class Resigned(Aggregate.Event):
    official: str
    resigned_on: date
    by: str
    occurred_field = "resigned_on"

    def apply(self, rating: ConfidenceRating) -> None:
        rating.resigned_on = self.resigned_on


class ConfidenceRating(Aggregate):
    """One official's rating: high / confidence / low ballots of all deputies, and outcome."""

    if TYPE_CHECKING:
        session_id: UUID
        official: str
        position: str
        rated_on: date
        total_deputies: int
        high: int
        confidence: int
        low: int
        outcome: ConfidenceOutcome
        rule_id: str | None
        vote_failed: bool | None
        resigned_on: date | None

    @classmethod
    def rate(
        cls, actor: Actor, *, id: UUID, session_id: UUID, official: str, position: str,
        rated_on: date, high: int, confidence: int, low: int, total_deputies: int,
        at: datetime, rulebook: Rulebook,
    ) -> Self:
        check_may_run_session(actor, "record confidence ratings")
        check_occurred(rated_on, at, "rated_on")
        if total_deputies < 1 or min(high, confidence, low) < 0:
            raise errors.InvalidCommandError("ballot counts are not negative; deputies at least 1")
        if high + confidence + low > total_deputies:
            raise errors.InvalidCommandError(
                f"{high + confidence + low} ballots exceed the {total_deputies} deputies"
            )
        decision = confidence_outcome(rulebook, rated_on, low, total_deputies)
        return cls._create(
            Rated, id=id, timestamp=at, session_id=session_id,
            official=check_positive_text(official, "official"),
            position=check_positive_text(position, "position"), rated_on=rated_on, high=high,
            confidence=confidence, low=low, total_deputies=total_deputies,
            outcome=decision.outcome.value, rule_id=decision.rule_id,
            legal_source=decision.legal_source, by=actor_ref(actor),
        )

    def hold_confidence_vote(self, actor: Actor, *, voted_on: date, no_confidence: int,
                             total_deputies: int, at: datetime, rulebook: Rulebook) -> None:
        """An official rated low by more than half who did not resign faces a vote."""
        check_may_run_session(actor, "hold confidence votes")
        self._check_open_to_follow_up("a confidence vote")
        check_occurred(voted_on, at, "voted_on", follows(
            self.rated_on, "the confidence rating", "ngày lấy phiếu tín nhiệm"))
        if not 0 <= no_confidence <= total_deputies:
            raise errors.InvalidCommandError("the vote's counts fit the council")
        applied = share_met(rulebook, NO_CONFIDENCE_SHARE, voted_on, no_confidence, total_deputies)
        self.trigger_event(
            ConfidenceVoteHeld, timestamp=at, official=self.official, voted_on=voted_on,
            no_confidence=no_confidence, total_deputies=total_deputies, failed=applied.met,
            rule_id=applied.rule_id, legal_source=applied.legal_source, by=actor_ref(actor),
        )

    def record_resignation(self, actor: Actor, *, resigned_on: date, at: datetime) -> None:
        check_may_run_session(actor, "record resignations")
        self._check_open_to_follow_up("a resignation")
        check_occurred(resigned_on, at, "resigned_on", follows(
            self.rated_on, "the confidence rating", "ngày lấy phiếu tín nhiệm"))
        self.trigger_event(
            Resigned, timestamp=at, official=self.official, resigned_on=resigned_on,
            by=actor_ref(actor),
        )

    def _check_open_to_follow_up(self, what: str) -> None:
        if self.outcome != ConfidenceOutcome.MAY_RESIGN:
            raise errors.IllegalTransitionError(
                f"{what} follows only a rating with more than half low ballots and less than "
                f"the dismissal share; this one's outcome is {self.outcome.value}"
            )
        if self.vote_failed is not None or self.resigned_on is not None:
            raise errors.IllegalTransitionError("the rating was already followed up")
