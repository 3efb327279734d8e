"""What the oversight API's routes share: the application, the command dependency, the
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
from oversight.application import Oversight


def oversight_of(request: Request) -> Oversight:
    oversight: Oversight = request.app.state.oversight
    return oversight


# `async def` although it does no I/O: FastAPI runs a plain `def` dependency in the thread
# pool, and each such hop costs more than the work itself.
async def get_oversight(request: Request) -> Oversight:
    return oversight_of(request)


OversightDep = Annotated[Oversight, Depends(get_oversight)]
OversightCommand = Annotated[Command[Oversight], Depends(command_dependency(oversight_of))]
AsOf = Annotated[Instant | None, Query(
    description="Trạng thái tại thời điểm — the state as it stood at this time (RFC 3339, "
    "with its UTC offset).",
)]
Year = Annotated[int | None, Query(ge=1990, le=2100, description="Năm — year.")]


def history(oversight: Oversight, kind: type[Aggregate], record_id: UUID,
            label: str) -> HistoryPublic:
    """Every event of one record of ``kind``, oldest first (404 for another kind)."""
    return HistoryPublic.of(record_id, oversight.history_of(kind, record_id, label))


COMMAND_PROBLEMS = problem_responses(400, 401, 403, 404, 409, 413, 422)
QUERY_PROBLEMS = problem_responses(404, 422)
