"""The notifier's HTTP API, on the chassis's FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI

from chassis.messaging.dead_letter_routes import dead_letter_router
from chassis.web.app_factory import Lifespan, create_service_app
from notifier.application import Notifier
from notifier.application.signals import SaveSignal
from notifier.entrypoints import (
    contact_routes,
    follow_routes,
    inbox_routes,
    record_routes,
    subscription_routes,
)
from notifier.settings import NotifierSettings

DESCRIPTION = """Thông báo, nhắc hạn: tells every body what concerns it, from the other
services' events and a rule table: an inbox per agency, unit, role and person (live over
Server-Sent Events), e-mail, webhooks signed as Standard Webhooks, and a public Atom feed;
reminders before and after due dates. Every notification and delivery attempt is recorded.
Reads and commands need a bearer token, except the feed and the rule table; commands
accept an `Idempotency-Key`; errors are `application/problem+json` documents."""


def create_http_app(
    settings: NotifierSettings, notifier: Notifier, signal: SaveSignal,
    lifespan: Lifespan | None = None,
) -> FastAPI:
    app = create_service_app(
        settings, service="notifier", title="Thông báo, nhắc hạn (notifier)",
        description=DESCRIPTION, lifespan=lifespan,
    )
    app.state.notifier = notifier
    app.state.saves = signal
    for module in (subscription_routes, contact_routes, inbox_routes, record_routes,
                   follow_routes):
        app.include_router(module.router)
    letters = dead_letter_router(notifier)
    app.include_router(letters)
    return app
