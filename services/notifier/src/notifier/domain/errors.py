"""The notifier's errors: each is a problem the client can act on (RFC 9457)."""

from __future__ import annotations

from chassis.web.problems import (
    ConflictProblem,
    ForbiddenProblem,
    NotFoundProblem,
    UnprocessableProblem,
)


class NotifierError(Exception):
    """Base of the notifier's domain errors."""


class InvalidRecipientError(NotifierError, UnprocessableProblem):
    title, type_slug = "Invalid recipient", "invalid-recipient"


class InvalidSubscriptionError(NotifierError, UnprocessableProblem):
    title, type_slug = "Invalid subscription", "invalid-subscription"


class InvalidContactError(NotifierError, UnprocessableProblem):
    title, type_slug = "Invalid contact", "invalid-contact"


class RecordNotFoundError(NotifierError, NotFoundProblem):
    """No notification, delivery, subscription, contact or reminder with that id."""


class NotPermittedError(NotifierError, ForbiddenProblem):
    """The caller may not do this (domain/policy.py says who may)."""


class NotRetryableError(NotifierError, ConflictProblem):
    title, type_slug = "Not retryable", "not-retryable"


class DuplicateContactError(NotifierError, ConflictProblem):
    title, type_slug = "Contact exists", "duplicate-contact"
