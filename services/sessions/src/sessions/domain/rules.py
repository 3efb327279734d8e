"""The rulebook's thresholds and deadlines, applied to sessions (never literals in code)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kernel.rulebook import Deadline, NotADurationError, Rule, Rulebook, RuleNotFoundError
from sessions.domain.errors import NoRuleError
from sessions.domain.values import ConfidenceOutcome

PASS_SHARE = "session.resolution.pass_share"
THEMATIC_REQUEST_SHARE = "session.thematic.request_share"
DOCUMENTS_BEFORE_OPENING = "session.documents.before_opening"
LOW_MAY_RESIGN = "confidence.low_share.may_resign"
LOW_DISMISSAL = "confidence.low_share.dismissal"
NO_CONFIDENCE_SHARE = "confidence.vote.no_confidence_share"


@dataclass(frozen=True)
class Applied:
    """A rule's decision, and which rule (with its legal source) made it."""

    met: bool
    rule_id: str
    legal_source: str


def rule_in_force(rulebook: Rulebook, rule_id: str, on: date) -> Rule:
    try:
        return rulebook.rule(rule_id, on)
    except RuleNotFoundError as error:
        raise NoRuleError(str(error)) from error


def share_met(rulebook: Rulebook, rule_id: str, on: date, part: int, whole: int) -> Applied:
    rule = rule_in_force(rulebook, rule_id, on)
    return Applied(rule.is_met_by(part, whole), rule.id, rule.legal_source)


def documents_due(rulebook: Rulebook, opening: date, on: date) -> Deadline:
    """The last day a document may reach deputies: the rule's days before the opening,
    under the version of the rule in force on ``on`` (the day it is submitted)."""
    try:
        return rulebook.deadline(DOCUMENTS_BEFORE_OPENING, opening, before=True, in_force_on=on)
    except (RuleNotFoundError, NotADurationError) as error:
        raise NoRuleError(str(error)) from error


@dataclass(frozen=True)
class ConfidenceDecision:
    outcome: ConfidenceOutcome
    rule_id: str | None
    legal_source: str | None


def confidence_outcome(rulebook: Rulebook, on: date, low: int, total: int) -> ConfidenceDecision:
    """≥ 2/3 low: dismissal must be proposed; > 1/2 low: may resign or faces a vote."""
    for rule_id, outcome in (
        (LOW_DISMISSAL, ConfidenceOutcome.DISMISSAL_REQUIRED),
        (LOW_MAY_RESIGN, ConfidenceOutcome.MAY_RESIGN),
    ):
        applied = share_met(rulebook, rule_id, on, low, total)
        if applied.met:
            return ConfidenceDecision(outcome, applied.rule_id, applied.legal_source)
    return ConfidenceDecision(ConfidenceOutcome.NONE, None, None)
