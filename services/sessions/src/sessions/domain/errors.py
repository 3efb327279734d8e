"""Every error the sessions domain raises, under one base, each mapped to an HTTP problem."""

from __future__ import annotations

from chassis.web.problems import (
    ConflictProblem,
    ForbiddenProblem,
    NotFoundProblem,
    Problem,
    UnprocessableProblem,
)


class SessionsError(Problem):
    """Base of the sessions service's errors."""


class RecordNotFoundError(SessionsError, NotFoundProblem):
    """No session, resolution, document, question or other record with that id."""


class NotPermittedError(SessionsError, ForbiddenProblem):
    """The caller's agency may not do this (e.g. UBND voting, HĐND issuing guidance)."""


class IllegalTransitionError(SessionsError, ConflictProblem):
    """The command is not allowed in the record's current state (e.g. voting before opening)."""


class ThematicRequestError(SessionsError, UnprocessableProblem):
    """A thematic session needs an entitled caller or enough deputies asking for it."""


class InvalidCommandError(SessionsError, UnprocessableProblem):
    """The command's content breaks a rule (counts that do not add up, a date in the future)."""


class NoRuleError(SessionsError, UnprocessableProblem):
    """The rulebook has no rule in force on that date for what was asked."""
