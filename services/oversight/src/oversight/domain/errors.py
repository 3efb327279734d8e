"""Every error the oversight domain raises: under the service's base, and on a kernel base
(not found, conflict, forbidden, invalid) that the chassis answers with its HTTP problem."""

from __future__ import annotations

from kernel.errors import Conflict, DomainError, Forbidden, Invalid, NotFound


class OversightError(DomainError):
    """Base of the oversight service's errors."""


class RecordNotFoundError(OversightError, NotFound):
    """No programme, overlap, supervision or recommendation with that id."""


class NotPermittedError(OversightError, Forbidden):
    """The caller may not do this (another body's programme, another agency's answer)."""


class IllegalTransitionError(OversightError, Conflict):
    """Not allowed in the record's current state (an overlap resolved twice)."""


class InvalidCommandError(OversightError, Invalid):
    """The command's content breaks a rule (a window ending before it starts)."""


class NoRuleError(OversightError, Invalid):
    """The rulebook has no rule in force on that date for what was asked."""
