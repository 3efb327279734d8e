"""What the notifier's routes share: the application, running a command, history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar
from uuid import UUID

from fastapi import Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from chassis.auth import Principal
from chassis.idempotency import execute_idempotently, idempotent_request, json_response
from chassis.metrics import COMMANDS
from chassis.problems import Problem
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


def run_command(
    name: str, notifier: Notifier, principal: Principal, key: str | None, request: Request,
    body: BaseModel | None, command: Callable[[], T], render: Callable[[T], Any],
    status_code: int = 200,
) -> JSONResponse:
    """Runs a command once per Idempotency-Key and answers with its rendered result."""
    try:
        keyed = idempotent_request(
            f"{principal.agency.value}:{principal.subject}", key, request, body
        )
        stored = execute_idempotently(notifier, keyed, command, render, status_code=status_code)
    except Problem:
        COMMANDS.labels("notifier", name, "rejected").inc()
        raise
    COMMANDS.labels("notifier", name, "replayed" if stored.replayed else "ok").inc()
    return json_response(stored)


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
