"""The sessions service's HTTP API, on the chassis's FastAPI application."""

from __future__ import annotations

from eventsourcing.persistence import IntegrityError
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from chassis.http import Lifespan, create_service_app
from chassis.problems import problem_response
from chassis.settings import ServiceSettings
from sessions.application import Sessions
from sessions.entrypoints import (
    calendar_routes,
    council_routes,
    open_data_routes,
    resolution_routes,
    session_commands,
    session_proceedings,
    session_queries,
)

DESCRIPTION = """Kỳ họp HĐND: sessions prepared jointly with UBND and MTTQ, documents and
their deadlines, questioning, votes (a resolution passes with more than half of ALL
deputies), resolutions followed until UBND guides them, and the Standing Committee's work
between sessions. Commands need a bearer token and accept an `Idempotency-Key`; reads
are public; errors are `application/problem+json` documents."""


def create_http_app(
    settings: ServiceSettings, sessions: Sessions, lifespan: Lifespan | None = None
) -> FastAPI:
    app = create_service_app(
        settings, service="sessions", title="Kỳ họp HĐND (sessions)",
        description=DESCRIPTION, lifespan=lifespan,
    )
    app.state.sessions = sessions
    app.add_exception_handler(IntegrityError, _on_concurrent_change)  # type: ignore[arg-type]
    for module in (session_queries, session_commands, session_proceedings, resolution_routes,
                   council_routes, calendar_routes, open_data_routes):
        app.include_router(module.router)
    return app


async def _on_concurrent_change(request: Request, error: IntegrityError) -> JSONResponse:
    # Another request changed the same record between our read and our save.
    return problem_response(
        409, "Conflict", "the record was changed by another request meanwhile; retry",
        "concurrent-change", request.url.path,
    )
