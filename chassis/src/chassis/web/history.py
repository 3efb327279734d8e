"""An aggregate's stored events as the APIs show them (``GET …/{id}/history``)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field

_ENVELOPE = {"originator_id", "originator_version", "timestamp", "originator_topic"}


class EventPublic(BaseModel):
    """Một sự kiện trong lịch sử — one stored event."""

    type: str = Field(description="Loại sự kiện — event type.", examples=["Forwarded"])
    version: int = Field(description="Phiên bản bản ghi sau sự kiện — aggregate version.")
    timestamp: datetime = Field(description="Thời điểm — when it was recorded.")
    fields: dict[str, Any] = Field(description="Nội dung sự kiện — the event's data.")

    @classmethod
    def of(cls, event: Any, withheld: frozenset[str] = frozenset()) -> EventPublic:
        data = {k: v for k, v in vars(event).items() if k not in _ENVELOPE | withheld}
        return cls(type=type(event).__name__, version=event.originator_version,
                   timestamp=event.timestamp, fields=data)


class HistoryPublic(BaseModel):
    """Lịch sử — every event of one record, oldest first."""

    id: UUID
    events: list[EventPublic]

    @classmethod
    def of(cls, record_id: UUID, events: list[Any],
           withheld: Mapping[str, frozenset[str]] | None = None) -> HistoryPublic:
        """``withheld``: by event type, the fields this reader may not see (left out)."""
        hidden = withheld or {}
        return cls(id=record_id, events=[
            EventPublic.of(e, hidden.get(type(e).__name__, frozenset())) for e in events])
