"""Running one HTTP command: once per Idempotency-Key, counted, answered with its result.

A command route takes one dependency, a ``Command``: who asks (from the bearer token), the
Idempotency-Key header, the request and the service's application. The route then answers
with ``command.run(name, use_case, render)``. Each service makes its own dependency with
``command_dependency``, from the function that finds its application on the request.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from chassis.metrics import COMMANDS
from chassis.web.auth import CurrentPrincipal, Principal
from chassis.web.idempotency import (
    BodyForm,
    IdempotencyKeyHeader,
    IdempotentCommands,
    execute_idempotently,
    idempotent_request,
    json_response,
)
from chassis.web.problems import Problem
from kernel.errors import DomainError

App = TypeVar("App", bound=IdempotentCommands)
Result = TypeVar("Result")


@dataclass(frozen=True)
class Command(Generic[App]):
    """One command request: the application it runs on, who asks, and its Idempotency-Key."""

    app: App
    principal: Principal
    key: str | None
    request: Request

    def run(
        self,
        name: str,
        use_case: Callable[[], Result],
        render: Callable[[Result], BaseModel | dict[str, Any]],
        *,
        body: BaseModel | None = None,
        status_code: int = 200,
        withheld: BodyForm = lambda body: body,
        replayed: BodyForm = lambda body: body,
    ) -> JSONResponse:
        """Run ``use_case`` once per Idempotency-Key; answer with its rendered result.

        ``name`` labels the command in the metrics; ``body`` is the request's body, part of
        the fingerprint that tells a repeat from another request under the same key.
        ``withheld`` and ``replayed``: what of the response is stored, and what a repeat is
        answered from it (chassis.web.idempotency).
        """
        service: str = self.request.app.state.service
        try:
            keyed = idempotent_request(self.scope, self.key, self.request, body)
            stored = execute_idempotently(
                self.app, keyed, use_case, lambda result: _as_json(render(result)),
                status_code=status_code, withheld=withheld, replayed=replayed,
            )
        except (Problem, DomainError):
            COMMANDS.labels(service, name, "rejected").inc()
            raise
        COMMANDS.labels(service, name, "replayed" if stored.replayed else "ok").inc()
        return json_response(stored)

    @property
    def scope(self) -> str:
        """Whose keys these are: a key is one caller's, never shared with another."""
        return f"{self.principal.agency.value}:{self.principal.subject}"


def command_dependency(
    application: Callable[[Request], App],
) -> Callable[..., Coroutine[Any, Any, Command[App]]]:
    """The FastAPI dependency giving a route its ``Command`` on ``application(request)``.

    It declares the bearer token and the Idempotency-Key header, so each command route's
    OpenAPI operation does. Async although it does no I/O: FastAPI runs a plain ``def``
    dependency in the thread pool, and the hop costs more than the work.
    """

    async def command(
        request: Request, principal: CurrentPrincipal, key: IdempotencyKeyHeader = None,
    ) -> Command[App]:
        return Command(application(request), principal, key, request)

    return command


def _as_json(rendered: BaseModel | dict[str, Any]) -> dict[str, Any]:
    return rendered.model_dump(mode="json") if isinstance(rendered, BaseModel) else rendered
