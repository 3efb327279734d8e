"""What every route of the sessions API shares: the application, and running a command."""

from __future__ import annotations

from typing import Annotated, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate
from fastapi import Depends, Query, Request

from chassis.web.date_types import Instant
from chassis.web.history import HistoryPublic
from chassis.web.problems import problem_responses
from sessions.application import Sessions

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


def history(sessions: Sessions, kind: type[Aggregate], record_id: UUID,
            label: str) -> HistoryPublic:
    """Every event of one record of ``kind``, oldest first (404 for another kind)."""
    sessions.record(kind, record_id, label)
    return HistoryPublic.of(record_id, sessions.history(record_id))


# The chassis declares 400, 401, 403, 413 and 422 on every route where they can occur;
# naming them here too keeps each route's own list readable.
COMMAND_PROBLEMS = problem_responses(400, 401, 403, 404, 409, 413, 422)
QUERY_PROBLEMS = problem_responses(404, 422)
