"""The council's sessions as oversight knows them (from the sessions stream): enough to put
the recommendations still followed on the agenda of the next regular session, where they
are re-reviewed (DOMAIN.md: "re-reviewed at later sessions"; Law 121/2025/QH15).

A ``PlannedSession``'s id is derived from the session's (``watch_id("session", …)``), so
a redelivered or replayed ``SessionPlanned`` finds the record it made. Its events stay
private: the sessions service published them.

The stored events' topics are ``oversight.domain.sessions:<Name>``: never rename or move
them without ``register_topic``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Self
from uuid import UUID

from eventsourcing.domain import Aggregate

from oversight.domain.monitoring import watch_id

REGULAR = "regular"  # kỳ họp thường lệ; "thematic": chuyên đề


class SessionNoted(Aggregate.Created):
    session_id: UUID
    number: int
    term: str
    title: str
    kind: str
    planned_opening: date

    def apply(self, session: PlannedSession) -> None:
        session.session_id, session.number, session.term = self.session_id, self.number, \
            self.term
        session.title, session.kind = self.title, self.kind
        session.planned_opening = self.planned_opening


class PlannedSession(Aggregate):
    """A council session planned (regular or thematic), as the sessions stream told it."""

    if TYPE_CHECKING:
        session_id: UUID
        number: int
        term: str
        title: str
        kind: str
        planned_opening: date

    @classmethod
    def note(cls, *, session_id: UUID, number: int, term: str, title: str, kind: str,
             planned_opening: date, at: datetime) -> Self:
        return cls._create(SessionNoted, id=watch_id("session", session_id), timestamp=at,
                           session_id=session_id, number=number, term=term, title=title,
                           kind=kind, planned_opening=planned_opening)

    @property
    def regular(self) -> bool:
        return self.kind == REGULAR
