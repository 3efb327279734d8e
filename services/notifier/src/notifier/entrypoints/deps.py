"""What the notifier's routes share: the application, running a command, history."""

from __future__ import annotations

from typing import Annotated, TypeVar
from uuid import UUID

from fastapi import Depends, Request

from chassis.web.auth import Principal
from notifier.application import Notifier
from notifier.entrypoints.schemas import HistoryEntry, HistoryPublic
from notifier.settings import NotifierSettings

T = TypeVar("T")


def get_notifier(request: Request) -> Notifier:
    notifier: Notifier = request.app.state.notifier
    return notifier


def get_settings(request: Request) -> NotifierSettings:
    settings: NotifierSettings = request.app.state.settings
    return settings


NotifierDep = Annotated[Notifier, Depends(get_notifier)]
SettingsDep = Annotated[NotifierSettings, Depends(get_settings)]


def history(notifier: Notifier, record_id: UUID) -> HistoryPublic:
    events = notifier.history(record_id)
    return HistoryPublic(id=record_id, events=[
        HistoryEntry(name=type(e).__name__, version=e.originator_version,
                     timestamp=e.timestamp)  # type: ignore[attr-defined]
        for e in events
    ])


def actor(principal: Principal) -> str:
    """How a person is named in the records: agency, unit and subject."""
    unit = f"/{principal.unit}" if principal.unit else ""
    return f"{principal.agency.value}{unit}:{principal.subject}"
