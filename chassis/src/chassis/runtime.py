"""Runs one service: settings from the environment, JSON logs, uvicorn on its port."""

from __future__ import annotations

import os
from collections.abc import Callable

import uvicorn
from fastapi import FastAPI

from chassis.logs import configure_logging
from chassis.services import ServiceSpec
from chassis.settings import ServiceSettings


def settings_for(spec: ServiceSpec) -> ServiceSettings:
    """Settings from ``PHOIHOP_*``; the HTTP port defaults to the service's own."""
    settings = ServiceSettings()
    if "PHOIHOP_HTTP_PORT" not in os.environ:
        settings = settings.model_copy(update={"http_port": spec.default_port})
    return settings


def serve(spec: ServiceSpec, build_app: Callable[[ServiceSettings], FastAPI]) -> None:
    settings = settings_for(spec)
    configure_logging(spec.name)
    app = build_app(settings)
    uvicorn.run(
        app, host=settings.http_host, port=settings.http_port,
        log_config=None, access_log=False, lifespan="on",
    )
