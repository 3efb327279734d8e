"""Every error the sessions domain raises: under the service's base, and on a kernel base
(not found, conflict, forbidden, invalid) that the chassis answers with its HTTP problem."""

from __future__ import annotations

from kernel.errors import Conflict, DomainError, Forbidden, Invalid, NotFound


class SessionsError(DomainError):
    """Base of the sessions service's errors."""


class RecordNotFoundError(SessionsError, NotFound):
    """No session, resolution, document, question or other record with that id."""


class NotPermittedError(SessionsError, Forbidden):
    """The caller's agency may not do this (e.g. UBND voting, HĐND issuing guidance)."""


class IllegalTransitionError(SessionsError, Conflict):
    """The command is not allowed in the record's current state (e.g. voting before opening)."""


class ThematicRequestError(SessionsError, Invalid):
    """A thematic session needs an entitled caller or enough deputies asking for it."""


class InvalidCommandError(SessionsError, Invalid):
    """The command's content breaks a rule (counts that do not add up, a date in the future)."""


class NoRuleError(SessionsError, Invalid):
    """The rulebook has no rule in force on that date for what was asked."""
