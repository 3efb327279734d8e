"""Runs one service: settings from the environment, JSON logs, uvicorn on its port."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from contextlib import asynccontextmanager, suppress
from typing import Any

import uvicorn
from fastapi import FastAPI
from pydantic import ValidationError

from chassis.application import ServiceApplication, store_readiness
from chassis.logs import configure_logging
from chassis.messaging.asyncapi import serve_asyncapi
from chassis.messaging.relay import Translate
from chassis.messaging.service_messaging import ServiceMessaging
from chassis.open_data import OpenData
from chassis.service_specs import ServiceSpec
from chassis.settings import ServiceSettings
from chassis.trace_export import export_traces_if_configured
from chassis.web.app_factory import Lifespan
from chassis.web.open_data import serve_open_data


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
    open_data: OpenData | None = None,
    background: Sequence[Callable[[], Coroutine[Any, Any, None]]] = (),
) -> FastAPI:
    """The HTTP app of a service that publishes its events through the outbox relay (and,
    given ``open_data``, writes its open data files on a schedule and serves them; given
    ``background``, runs those tasks, a worker's ``run``, while the service runs)."""
    messaging = ServiceMessaging(settings, spec.name)
    messaging.add_outbox(application, translate)
    tasks = [*background]
    if open_data is not None:
        tasks.append(lambda: open_data.run(settings.open_data_every_seconds))
    lifespan = with_background_tasks(messaging.lifespan, tasks)
    http = create_http_app(settings, application, lifespan=lifespan)
    http.state.readiness += [store_readiness(application), messaging.readiness]
    serve_asyncapi(http, messaging.traffic, spec.title)
    if open_data is not None:
        serve_open_data(http, open_data)
    return http


def with_background_tasks(
    lifespan: Lifespan, tasks: Sequence[Callable[[], Coroutine[Any, Any, None]]]
) -> Lifespan:
    """``lifespan``, with ``tasks`` running beside it until the service stops."""
    if not tasks:
        return lifespan

    @asynccontextmanager
    async def running(app: FastAPI) -> AsyncIterator[None]:
        started = [asyncio.create_task(task()) for task in tasks]
        try:
            async with lifespan(app):
                yield
        finally:
            for task in started:
                task.cancel()
            for task in started:
                with suppress(asyncio.CancelledError, Exception):
                    await task

    return running
