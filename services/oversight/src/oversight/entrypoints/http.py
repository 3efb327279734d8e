"""The oversight service's HTTP API, on the chassis's FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI

from chassis.messaging.dead_letter_routes import dead_letter_router
from chassis.settings import ServiceSettings
from chassis.web.app_factory import Lifespan, create_service_app
from oversight.application import Oversight
from oversight.entrypoints import (
    monitoring_routes,
    programme_routes,
    review_routes,
    supervision_routes,
)

DESCRIPTION = """Giám sát: the supervision programmes of HĐND's bodies and MTTQ for each year,
coordinated so that they do not supervise the same unit or topic twice (overlaps found,
then resolved by a joint supervision, a rescheduling or acceptance with a reason);
supervisions, their reports and recommendations, followed until the supervising body
accepts what the addressee did; and the monitoring of petitions forwarded and left
unanswered and of resolutions left without UBND guidance (from the petitions and sessions
streams).
Commands need a bearer token and accept an `Idempotency-Key`; reads are public; errors
are `application/problem+json` documents."""


def create_http_app(
    settings: ServiceSettings, oversight: Oversight, lifespan: Lifespan | None = None
) -> FastAPI:
    app = create_service_app(
        settings, service="oversight", title="Giám sát (oversight)",
        description=DESCRIPTION, lifespan=lifespan,
    )
    app.state.oversight = oversight
    for module in (programme_routes, supervision_routes, monitoring_routes, review_routes):
        app.include_router(module.router)
    # What its consumers of the petitions and sessions streams could not apply (decision 5).
    app.include_router(dead_letter_router(oversight))
    return app
