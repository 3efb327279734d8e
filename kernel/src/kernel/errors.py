"""The plain bases of every domain error: not found, conflict, forbidden, invalid.

A domain raises a subclass of one of them with a detail a person can act on (Vietnamese
or English, as the service gives it) and, if useful, facts as keyword extensions. The
domain knows nothing of HTTP: the chassis's web layer (``chassis.web.problems``) answers each
base with its status (404, 409, 403, 422) in an RFC 9457 problem document.
"""

from __future__ import annotations

from typing import Any, ClassVar


class DomainError(Exception):
    """An error the caller can act on.

    ``title`` and ``type_slug`` name a more specific kind than the base's (e.g. the
    notifier's "Invalid recipient", ``invalid-recipient``); left ``None``, the base's
    own name is used.
    """

    title: ClassVar[str | None] = None
    type_slug: ClassVar[str | None] = None

    def __init__(self, detail: str, **extensions: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extensions = extensions


class NotFound(DomainError):
    """No record with that id (or not at that time)."""


class Conflict(DomainError):
    """The command is not allowed in the record's current state."""


class Forbidden(DomainError):
    """The actor may not do this."""


class Invalid(DomainError):
    """The command's content breaks a rule."""
