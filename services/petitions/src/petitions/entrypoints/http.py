"""The petitions service's HTTP API, on the chassis's FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI

from chassis.settings import ServiceSettings
from chassis.web.app_factory import Lifespan, create_service_app
from petitions.application import Petitions
from petitions.entrypoints import meeting_routes, open311, petition_commands, petition_queries

DESCRIPTION = """Kiến nghị cử tri: from the voter-contact meeting (tiếp xúc cử tri) to the
answer made known to the people. Commands need a bearer token and accept an
`Idempotency-Key`; errors are `application/problem+json` documents."""


def create_http_app(
    settings: ServiceSettings, petitions: Petitions, lifespan: Lifespan | None = None
) -> FastAPI:
    app = create_service_app(
        settings, service="petitions", title="Kiến nghị cử tri (petitions)",
        description=DESCRIPTION, lifespan=lifespan,
    )
    app.state.petitions = petitions
    app.include_router(meeting_routes.router)
    app.include_router(petition_queries.router)  # before commands: /petitions/overdue first
    app.include_router(petition_commands.router)
    app.include_router(open311.router)
    return app
