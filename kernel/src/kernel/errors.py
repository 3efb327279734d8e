"""The plain bases of every domain error: not found, conflict, forbidden, invalid.

A domain raises a subclass of one of them with a detail a person can act on and, if useful,
facts as keyword extensions. The detail (and a subclass's title) is either one text, shown
in every language, or a ``Wording`` in English and Vietnamese, of which the answer to a
request gives the one the request prefers (``Accept-Language``). The
domain knows nothing of HTTP: the chassis's web layer (``chassis.web.problems``) answers each
base with its status (404, 409, 403, 422) in an RFC 9457 problem document.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Literal

Language = Literal["en", "vi"]


@dataclass(frozen=True)
class Wording:
    """One text a person reads, in English and in Vietnamese."""

    en: str
    vi: str

    def __str__(self) -> str:
        return self.en

    def in_language(self, language: Language) -> str:
        return self.vi if language == "vi" else self.en


def worded(text: str | Wording, language: Language) -> str:
    """``text`` in ``language``; a plain text is the same in every language."""
    return text.in_language(language) if isinstance(text, Wording) else text


class DomainError(Exception):
    """An error the caller can act on.

    ``title`` and ``type_slug`` name a more specific kind than the base's (e.g. the
    notifier's "Invalid recipient", ``invalid-recipient``); left ``None``, the base's
    own name is used.
    """

    title: ClassVar[str | Wording | None] = None
    type_slug: ClassVar[str | None] = None

    def __init__(self, detail: str | Wording, **extensions: Any) -> None:
        super().__init__(str(detail))
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
