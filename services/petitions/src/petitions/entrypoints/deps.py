"""What every route of the petitions API shares: the application, and running a command."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request

from chassis.web.problems import PROBLEM_JSON
from petitions.application import Petitions

T = TypeVar("T")


# Dependencies are `async def` although they do no I/O: FastAPI runs a plain `def`
# dependency in the thread pool, and each such hop costs more than the work itself.


async def get_petitions(request: Request) -> Petitions:
    petitions: Petitions = request.app.state.petitions
    return petitions


PetitionsDep = Annotated[Petitions, Depends(get_petitions)]


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
