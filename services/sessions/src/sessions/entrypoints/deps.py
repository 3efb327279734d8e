"""What every route of the sessions API shares: the application, and running a command."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate
from fastapi import Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from chassis.auth import Principal
from chassis.idempotency import execute_idempotently, idempotent_request, json_response
from chassis.metrics import COMMANDS
from chassis.problems import Problem, problem_responses
from sessions.application import Sessions
from sessions.entrypoints.council_views import HistoryPublic
from sessions.entrypoints.wire import Instant

T = TypeVar("T")


def get_sessions(request: Request) -> Sessions:
    sessions: Sessions = request.app.state.sessions
    return sessions


SessionsDep = Annotated[Sessions, Depends(get_sessions)]
AsOf = Annotated[Instant | None, Query(
    description="Trạng thái tại thời điểm — the state as it stood at this time (RFC 3339, "
    "with its UTC offset).",
)]
Year = Annotated[int | None, Query(ge=1990, le=2100, description="Năm — year.")]


def run_command(
    name: str,
    sessions: Sessions,
    principal: Principal,
    key: str | None,
    request: Request,
    body: BaseModel | None,
    command: Callable[[], T],
    render: Callable[[T], BaseModel],
    status_code: int = 200,
) -> JSONResponse:
    """Run a use case once per Idempotency-Key, and answer with its rendered result."""
    try:
        keyed = idempotent_request(
            f"{principal.agency.value}:{principal.subject}", key, request, body
        )
        stored = execute_idempotently(
            sessions, keyed, command, lambda result: render(result).model_dump(mode="json"),
            status_code=status_code,
        )
    except Problem:
        COMMANDS.labels("sessions", name, "rejected").inc()
        raise
    COMMANDS.labels("sessions", name, "replayed" if stored.replayed else "ok").inc()
    return json_response(stored)


def history(sessions: Sessions, kind: type[Aggregate], record_id: UUID,
            label: str) -> HistoryPublic:
    """Every event of one record of ``kind``, oldest first (404 for another kind)."""
    sessions.record(kind, record_id, label)
    return HistoryPublic.of(record_id, sessions.history(record_id))


# The chassis declares 400, 401, 403, 413 and 422 on every route where they can occur;
# naming them here too keeps each route's own list readable.
COMMAND_PROBLEMS = problem_responses(400, 401, 403, 404, 409, 413, 422)
QUERY_PROBLEMS = problem_responses(404, 422)
