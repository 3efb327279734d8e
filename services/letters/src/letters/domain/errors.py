"""Every error the letters domain raises, on a kernel base the chassis answers with its
HTTP problem. Messages never carry a denouncer's identity: they name records by id."""

from __future__ import annotations

from kernel.errors import Conflict, DomainError, Forbidden, Invalid, NotFound


class LettersError(DomainError):
    """Base of the letters service's errors."""


class LetterNotFoundError(LettersError, NotFound):
    """No letter with that id."""


class NotPermittedError(LettersError, Forbidden):
    """The caller's agency or role may not do this."""


class IllegalTransitionError(LettersError, Conflict):
    """Not allowed in the letter's current state (e.g. deciding before acceptance)."""


class InvalidLetterError(LettersError, Invalid):
    """The command breaks a rule (a date before receipt, a third extension, …)."""


class RuleNotInForceError(LettersError, Invalid):
    """The law in force on the letter's date does not allow it (withdrawal, online
    reception before Law 136/2025)."""
