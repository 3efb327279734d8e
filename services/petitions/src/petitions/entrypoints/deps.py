"""What every route of the petitions API shares: the application, and running a command."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from chassis.auth import Principal
from chassis.idempotency import execute_idempotently, idempotent_request, json_response
from chassis.metrics import COMMANDS
from chassis.problems import PROBLEM_JSON, Problem
from petitions.application import Petitions

T = TypeVar("T")


# Dependencies are `async def` although they do no I/O: FastAPI runs a plain `def`
# dependency in the thread pool, and each such hop costs more than the work itself.


async def get_petitions(request: Request) -> Petitions:
    petitions: Petitions = request.app.state.petitions
    return petitions


PetitionsDep = Annotated[Petitions, Depends(get_petitions)]


def run_command(
    name: str,
    petitions: Petitions,
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
            petitions, keyed, command, lambda result: render(result).model_dump(mode="json"),
            status_code=status_code,
        )
    except Problem:
        COMMANDS.labels("petitions", name, "rejected").inc()
        raise
    COMMANDS.labels("petitions", name, "replayed" if stored.replayed else "ok").inc()
    return json_response(stored)


PROBLEM_SCHEMA: dict[str, Any] = {
    "description": "Problem document (RFC 9457)",
    "content": {PROBLEM_JSON: {"schema": {"type": "object", "properties": {
        "type": {"type": "string"}, "title": {"type": "string"},
        "status": {"type": "integer"}, "detail": {"type": "string"},
        "instance": {"type": "string"},
    }}}},
}


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for the problems a route may answer with."""
    return {status: PROBLEM_SCHEMA for status in statuses}
