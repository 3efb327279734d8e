"""Runs one service: settings from the environment, JSON logs, uvicorn on its port."""

from __future__ import annotations

import os
from collections.abc import Callable

import uvicorn
from fastapi import FastAPI
from pydantic import ValidationError

from chassis.application import ServiceApplication, store_readiness
from chassis.logs import configure_logging
from chassis.messaging.asyncapi import serve_asyncapi
from chassis.messaging.relay import Translate
from chassis.messaging.service_messaging import ServiceMessaging
from chassis.service_specs import ServiceSpec
from chassis.settings import ServiceSettings
from chassis.trace_export import export_traces_if_configured


def settings_for(spec: ServiceSpec) -> ServiceSettings:
    """Settings from ``PHOIHOP_*``; the HTTP port defaults to the service's own."""
    settings = ServiceSettings()
    if "PHOIHOP_HTTP_PORT" not in os.environ:
        settings = settings.model_copy(update={"http_port": spec.default_port})
    return settings


def serve(spec: ServiceSpec, build_app: Callable[[ServiceSettings], FastAPI]) -> None:
    try:
        settings = settings_for(spec)
    except ValidationError as error:
        # Say why in one line each, not as a traceback (the values are not repeated: a
        # refused value may be a secret).
        reasons = "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in error.errors())
        raise SystemExit(f"{spec.name}: refusing to start: {reasons}") from None
    configure_logging(spec.name)
    exporting = export_traces_if_configured(spec.name)
    app = build_app(settings)
    try:
        uvicorn.run(
            app, host=settings.http_host, port=settings.http_port,
            log_config=None, access_log=False, lifespan="on",
        )
    finally:
        if exporting is not None:
            exporting.shutdown()  # the last batch of spans, before the process ends


def producing_service_app(
    settings: ServiceSettings,
    spec: ServiceSpec,
    application: ServiceApplication,
    translate: Translate,
    create_http_app: Callable[..., FastAPI],
) -> FastAPI:
    """The HTTP app of a service that publishes its events through the outbox relay."""
    messaging = ServiceMessaging(settings, spec.name)
    messaging.add_outbox(application, translate)
    http = create_http_app(settings, application, lifespan=messaging.lifespan)
    http.state.readiness += [store_readiness(application), messaging.readiness]
    serve_asyncapi(http, messaging.traffic, spec.title)
    return http
