"""Running one HTTP command: once per Idempotency-Key, counted, answered with its result."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from chassis.auth import Principal
from chassis.idempotency import (
    IdempotentCommands,
    execute_idempotently,
    idempotent_request,
    json_response,
)
from chassis.metrics import COMMANDS
from chassis.problems import Problem
from kernel.errors import DomainError

T = TypeVar("T")


def run_command(
    name: str,
    app: IdempotentCommands,
    principal: Principal,
    key: str | None,
    request: Request,
    body: BaseModel | None,
    command: Callable[[], T],
    render: Callable[[T], BaseModel | dict[str, Any]],
    status_code: int = 200,
) -> JSONResponse:
    """Run a use case of ``app`` once per Idempotency-Key; answer with its rendered result."""
    service: str = request.app.state.service
    try:
        keyed = idempotent_request(
            f"{principal.agency.value}:{principal.subject}", key, request, body
        )
        stored = execute_idempotently(
            app, keyed, command, lambda result: _as_json(render(result)), status_code=status_code,
        )
    except (Problem, DomainError):
        COMMANDS.labels(service, name, "rejected").inc()
        raise
    COMMANDS.labels(service, name, "replayed" if stored.replayed else "ok").inc()
    return json_response(stored)


def _as_json(rendered: BaseModel | dict[str, Any]) -> dict[str, Any]:
    return rendered.model_dump(mode="json") if isinstance(rendered, BaseModel) else rendered
