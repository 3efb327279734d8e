"""What the sessions API's routes share: the application, the command dependency, the
history of a record, and the query parameters and problems many routes declare."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from eventsourcing.domain import Aggregate
from fastapi import Depends, Query, Request

from chassis.web.commands import Command, command_dependency
from chassis.web.date_types import Instant
from chassis.web.history import HistoryPublic
from chassis.web.problems import problem_responses
from sessions.application import Sessions


def sessions_of(request: Request) -> Sessions:
    sessions: Sessions = request.app.state.sessions
    return sessions


# `async def` although it does no I/O: FastAPI runs a plain `def` dependency in the thread
# pool, and each such hop costs more than the work itself.
async def get_sessions(request: Request) -> Sessions:
    return sessions_of(request)


SessionsDep = Annotated[Sessions, Depends(get_sessions)]
SessionsCommand = Annotated[Command[Sessions], Depends(command_dependency(sessions_of))]
AsOf = Annotated[Instant | None, Query(
    description="Trạng thái tại thời điểm — the state as it stood at this time (RFC 3339, "
    "with its UTC offset).",
)]
Year = Annotated[int | None, Query(ge=1990, le=2100, description="Năm — year.")]


def history(sessions: Sessions, kind: type[Aggregate], record_id: UUID,
            label: str) -> HistoryPublic:
    """Every event of one record of ``kind``, oldest first (404 for another kind)."""
    return HistoryPublic.of(record_id, sessions.history_of(kind, record_id, label))


# The chassis declares 400, 401, 403, 413 and 422 on every route where they can occur;
# naming them here too keeps each route's own list readable.
COMMAND_PROBLEMS = problem_responses(400, 401, 403, 404, 409, 413, 422)
QUERY_PROBLEMS = problem_responses(404, 422)
