"""The sessions service's HTTP API, on the chassis's FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI

from chassis.settings import ServiceSettings
from chassis.web.app_factory import Lifespan, create_service_app
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
    for module in (session_queries, session_commands, session_proceedings, resolution_routes,
                   council_routes, calendar_routes, open_data_routes):
        app.include_router(module.router)
    return app
