"""The letters service's HTTP API, on the chassis's FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI

from chassis.settings import ServiceSettings
from chassis.web.app_factory import Lifespan, create_service_app
from letters.application import Letters
from letters.entrypoints import reception_routes, routes

DESCRIPTION = """Đơn thư: citizens' letters (khiếu nại, tố cáo, kiến nghị, phản ánh) received
at reception, by mail or online, accepted, forwarded or guided within their statutory
limits (the rule in force on the day received). A denouncer's identity is kept in a vault
of its own and revealed only to the leader of the handling body, every attempt recorded.
Citizen reception days (tiếp công dân) are recorded, and the periods short of the days the
law asks are shown (`/receptions/missed`) and published. Every route needs a bearer token;
commands accept an `Idempotency-Key`; errors are `application/problem+json` documents."""


def create_http_app(settings: ServiceSettings, letters: Letters,
                    lifespan: Lifespan | None = None) -> FastAPI:
    app = create_service_app(settings, service="letters", title="Đơn thư (letters)",
                             description=DESCRIPTION, lifespan=lifespan)
    app.state.letters = letters
    app.include_router(routes.router)
    app.include_router(reception_routes.router)
    return app
