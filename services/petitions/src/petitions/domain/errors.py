"""Every error the petitions domain raises: under the service's base, and on a kernel base
(not found, conflict, forbidden, invalid) that the chassis answers with its HTTP problem."""

from __future__ import annotations

from kernel.errors import Conflict, DomainError, Forbidden, Invalid, NotFound


class PetitionsError(DomainError):
    """Base of the petitions service's errors."""


class PetitionNotFoundError(PetitionsError, NotFound):
    """No petition with that id."""


class MeetingNotFoundError(PetitionsError, NotFound):
    """No voter-contact meeting with that id."""


class NotPermittedError(PetitionsError, Forbidden):
    """The caller's agency may not do this (e.g. publish an answer without being MTTQ)."""


class WrongAgencyError(PetitionsError, Forbidden):
    """Only the agency (and unit) a petition was forwarded to may answer it."""


class IllegalTransitionError(PetitionsError, Conflict):
    """The command is not allowed in the record's current state."""


class MeetingNotHeldError(IllegalTransitionError):
    """Petitions can only be recorded against a meeting that has been held."""


class MeetingAlreadyHeldError(IllegalTransitionError):
    """A meeting is marked held once."""


class PetitionMergedError(IllegalTransitionError):
    """The petition was merged into another (or withdrawn); act on the one that carries it."""


class NotClassifiedError(IllegalTransitionError):
    """A petition is classified before it is forwarded."""


class AlreadyForwardedError(IllegalTransitionError):
    """Forwarded petitions are re-forwarded with a reason, not forwarded again."""


class NotForwardedError(IllegalTransitionError):
    """A petition is answered (or re-forwarded) only after it was forwarded."""


class AlreadyAnsweredError(IllegalTransitionError):
    """The petition already has an answer."""


class NotAnsweredError(IllegalTransitionError):
    """Publishing an answer or following up its resolution needs an answer first."""


class AlreadyPublishedError(IllegalTransitionError):
    """The answer was already made known to the people."""


class NotConsolidatedError(IllegalTransitionError):
    """Only a consolidated petition can be split."""


class InvalidPetitionError(PetitionsError, Invalid):
    """The command's content breaks a rule (e.g. in progress without a roadmap date)."""


class NoDeadlineRuleError(PetitionsError, Invalid):
    """The rulebook has no rule in force for this petition's answer on that date."""
