"""The FastAPI application every service starts from: errors, health, metrics, limits."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

from fastapi import FastAPI, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint

from chassis.metrics import REQUEST_SECONDS
from chassis.problems import install_problem_handlers, problem_response
from chassis.settings import ServiceSettings

ReadinessCheck = Callable[[], Awaitable[str | None]]  # None when ready, else why not
Lifespan = Callable[[FastAPI], AbstractAsyncContextManager[None]]


def create_service_app(
    settings: ServiceSettings,
    *,
    service: str,
    title: str,
    description: str,
    lifespan: Lifespan | None = None,
    readiness: list[ReadinessCheck] | None = None,
) -> FastAPI:
    app = FastAPI(title=title, description=description, version="1.0.0", lifespan=lifespan)
    app.state.settings = settings
    app.state.service = service
    app.state.readiness = list(readiness or [])
    install_problem_handlers(app)
    app.add_middleware(_BodyLimitAndTiming, max_body_bytes=settings.max_body_bytes, service=service)
    _add_operational_routes(app)
    return app


def _add_operational_routes(app: FastAPI) -> None:
    @app.get("/healthz", tags=["operations"], summary="The process is alive")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", tags=["operations"], summary="The store and NATS are reachable")
    async def readyz() -> Response:
        failures = [why for check in app.state.readiness if (why := await check())]
        if failures:
            return problem_response(
                503, "Not ready", "; ".join(failures), "not-ready", "/readyz"
            )
        return Response('{"status":"ready"}', media_type="application/json")

    @app.get("/metrics", tags=["operations"], summary="Prometheus metrics")
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


class _BodyLimitAndTiming(BaseHTTPMiddleware):
    """Refuses oversized bodies with 413 before they are read, and times each request."""

    def __init__(self, app: Any, max_body_bytes: int, service: str) -> None:
        super().__init__(app)
        self.max_body_bytes = max_body_bytes
        self.service = service

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body_bytes):
            return problem_response(
                413, "Payload too large",
                f"the body may be at most {self.max_body_bytes} bytes", "payload-too-large",
                request.url.path,
            )
        started = time.perf_counter()
        response = await call_next(request)
        route = request.scope.get("route")
        REQUEST_SECONDS.labels(
            self.service, request.method, getattr(route, "path", "unmatched")
        ).observe(time.perf_counter() - started)
        return response

