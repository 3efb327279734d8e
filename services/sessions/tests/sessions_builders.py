"""Builders shared by the sessions tests: actors, a fixed clock, sessions at each stage.

The clock stands at 2025-07-20 (Vietnam); the session opens on 2025-07-15 as agreed at
its joint meeting, so documents are due by 2025-07-10 under the default rulebook.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar
from uuid import UUID, uuid4

from chassis.web.auth import Principal
from contracts.vocabulary import Agency, PolicyField
from kernel.rulebook import default_rulebook
from sessions.domain.session import Session
from sessions.domain.session_parts import AgendaItem
from sessions.domain.values import DocumentKind, SessionKind

JURISDICTION = "tien-giang"
HDND = Principal("thuong-truc", Agency.HDND, "staff", JURISDICTION)
UBND = Principal("van-phong", Agency.UBND, "staff", JURISDICTION, unit="Văn phòng UBND tỉnh")
MTTQ = Principal("ban-thuong-truc", Agency.MTTQ, "staff", JURISDICTION)
AT = datetime(2025, 7, 20, 3, 0, tzinfo=UTC)
RULES = default_rulebook()
OPENING = date(2025, 7, 15)
DEPUTIES = 50
E = TypeVar("E")


@dataclass
class SteppingClock:
    """A clock for applications: starts at ``start`` and moves a minute on every reading."""

    start: datetime = AT
    step: timedelta = timedelta(minutes=1)
    readings: int = field(default=0)

    def now(self) -> datetime:
        self.readings += 1
        return self.start + self.step * self.readings


def event_names(events: Any) -> list[str]:
    return [type(event).__name__ for event in events]


def is_a(event: object, kind: type[E]) -> E:
    """The event, checked to be of ``kind`` (and typed as such)."""
    assert isinstance(event, kind), f"{type(event).__name__} is not {kind.__name__}"
    return event


def only(events: Sequence[object], kind: type[E]) -> E:
    """The one event a command gave, checked to be of ``kind``."""
    assert len(events) == 1, event_names(events)
    return is_a(events[0], kind)


def planned(**overrides: Any) -> Session:
    arguments: dict[str, Any] = {
        "id": uuid4(), "number": 12, "term": "X, 2021–2026", "title": "Kỳ họp thứ 12",
        "kind": SessionKind.REGULAR, "planned_opening": date(2025, 7, 14),
        "planned_closing": None, "place": "Hội trường HĐND tỉnh",
        "total_deputies": DEPUTIES, "requested_by": None, "requesting_deputies": None,
        "at": AT, "rulebook": RULES,
    }
    arguments.update(overrides)
    return Session.plan(HDND, **arguments)


def agenda_item(title: str = "Dự thảo nghị quyết về giá đất") -> AgendaItem:
    return AgendaItem(uuid4(), title, DocumentKind.DRAFT_RESOLUTION, Agency.UBND,
                      "Sở Tài chính", "Ban Kinh tế - Ngân sách")


def prepared(session: Session | None = None) -> Session:
    session = session or planned()
    session.hold_joint_meeting(
        HDND, held_on=date(2025, 6, 20), attending=[Agency.HDND, Agency.UBND, Agency.MTTQ],
        agreed_opening=OPENING, agreed_closing=date(2025, 7, 17), agenda=[agenda_item()],
        notes=None, at=AT,
    )
    return session


def submit_draft(session: Session, submitted_on: date = date(2025, 7, 8),
                 title: str = "Dự thảo nghị quyết về giá đất") -> UUID:
    document_id = uuid4()
    session.submit_document(
        UBND, document_id=document_id, kind=DocumentKind.DRAFT_RESOLUTION, title=title,
        field=PolicyField.LAND, agenda_item_id=None, submitted_on=submitted_on, at=AT,
        rulebook=RULES,
    )
    return document_id


def convened() -> tuple[Session, UUID]:
    """A session in progress with one draft resolution; its past events are collected."""
    session = prepared()
    draft = submit_draft(session)
    session.convene(HDND, opened_on=OPENING, present=47, absent_deputies=["Nguyễn Văn A"],
                    total_deputies=None, at=AT)
    session.collect_events()
    return session, draft
