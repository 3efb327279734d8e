"""The notifier's errors: each on a kernel base (not found, conflict, forbidden, invalid)
that the chassis answers with its HTTP problem (RFC 9457), under its own title and type."""

from __future__ import annotations

from kernel.errors import Conflict, DomainError, Forbidden, Invalid, NotFound, Wording


class NotifierError(DomainError):
    """Base of the notifier's domain errors."""


class InvalidRecipientError(NotifierError, Invalid):
    title, type_slug = "Invalid recipient", "invalid-recipient"


class InvalidSubscriptionError(NotifierError, Invalid):
    title, type_slug = "Invalid subscription", "invalid-subscription"


class InvalidContactError(NotifierError, Invalid):
    title, type_slug = "Invalid contact", "invalid-contact"


class RecordNotFoundError(NotifierError, NotFound):
    """No notification, delivery, subscription, contact or reminder with that id."""


class NotPermittedError(NotifierError, Forbidden):
    """The caller may not do this (not an operator, or not the owner of the record)."""


class NotRetryableError(NotifierError, Conflict):
    title, type_slug = "Not retryable", "not-retryable"


class DuplicateContactError(NotifierError, Conflict):
    title, type_slug = "Contact exists", "duplicate-contact"


class InvalidFollowError(NotifierError, Invalid):
    title = Wording(en="Invalid follow", vi="Yêu cầu theo dõi không hợp lệ")
    type_slug = "invalid-follow"


class TooManyUnconfirmedFollowsError(NotifierError, Conflict):
    """An address that has not confirmed the follows asked for it gets no more requests:
    anyone may ask to follow for any address, so the confirmations sent to one are capped."""

    title = Wording(en="Too many unconfirmed follows", vi="Quá nhiều yêu cầu chưa xác nhận")
    type_slug = "too-many-unconfirmed-follows"


class FollowLinkError(NotifierError, Forbidden):
    """A confirmation or unsubscribe link whose token does not match (altered or made up)."""

    title = Wording(en="Invalid link", vi="Đường dẫn không hợp lệ")
    type_slug = "invalid-follow-link"
