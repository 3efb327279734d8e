"""The FastAPI application every service starts from: errors, health, metrics, limits."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager

from fastapi import FastAPI, Request, Response
from fastapi.responses import PlainTextResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chassis.metrics import REQUEST_SECONDS
from chassis.settings import ServiceSettings
from chassis.web.docs_pages import add_documentation_pages
from chassis.web.languages import preferred_language
from chassis.web.problems import (
    install_problem_handlers,
    language_of,
    problem_response,
    problem_responses,
)
from kernel.errors import Language, Wording

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
    app = FastAPI(title=title, description=description, version="1.0.0", lifespan=lifespan,
                  docs_url=None, redoc_url=None)  # served offline: add_documentation_pages
    app.state.settings = settings
    app.state.service = service
    app.state.readiness = list(readiness or [])
    install_problem_handlers(app)
    app.add_exception_handler(_BodyTooLarge, _on_body_too_large)  # type: ignore[arg-type]
    app.add_middleware(_BodyLimitAndTiming, max_body_bytes=settings.max_body_bytes, service=service)
    _add_operational_routes(app)
    add_documentation_pages(app)
    return app


def _add_operational_routes(app: FastAPI) -> None:
    @app.get("/healthz", tags=["operations"], summary="The process is alive")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", tags=["operations"], summary="The store and NATS are reachable",
             responses=problem_responses(503))
    async def readyz(request: Request) -> Response:
        failures = [why for check in app.state.readiness if (why := await check())]
        if failures:
            return problem_response(
                503, Wording("Not ready", "Chưa sẵn sàng"), "; ".join(failures), "not-ready",
                "/readyz", language_of(request.headers),
            )
        return Response('{"status":"ready"}', media_type="application/json")

    @app.get("/metrics", tags=["operations"], summary="Prometheus metrics",
             response_class=PlainTextResponse)
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


class _BodyTooLarge(StarletteHTTPException):
    """Raised from `receive` when a body without a Content-Length outgrows the limit.

    An HTTPException, because FastAPI turns any other error raised while it reads a
    body into a 400; a class of its own, so that its handler answers with the same
    problem document as the Content-Length check.
    """

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the body may be at most {limit} bytes")
        self.limit = limit


async def _on_body_too_large(request: Request, error: _BodyTooLarge) -> Response:
    return _too_large(error.limit, request.url.path, language_of(request.headers))


def _too_large(limit: int, path: str, language: Language) -> Response:
    return problem_response(
        413, Wording("Payload too large", "Nội dung quá lớn"),
        Wording(f"the body may be at most {limit} bytes",
                f"thân yêu cầu được tối đa {limit} byte"),
        "payload-too-large", path, language,
    )


class _BodyLimitAndTiming:
    """Refuses oversized bodies with 413, and times each request.

    A plain ASGI middleware: Starlette's BaseHTTPMiddleware runs every request through
    an extra task and memory streams, which cost more than the route itself on a
    cheap command. A declared Content-Length over the limit is refused before the body
    is read; a chunked body is counted as it is received and refused once it passes
    the limit.
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int, service: str) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_body_bytes
        length = _header(scope, b"content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            language = preferred_language(_header(scope, b"accept-language"))
            await _too_large(limit, scope["path"], language)(scope, receive, send)
            return
        started = time.perf_counter()
        try:
            await self.app(scope, receive if length is not None else _counted(receive, limit),
                           send)
        finally:
            route = getattr(scope.get("route"), "path", "unmatched")
            REQUEST_SECONDS.labels(self.service, scope["method"], route).observe(
                time.perf_counter() - started
            )


def _counted(receive: Receive, limit: int) -> Receive:
    """`receive` that raises _BodyTooLarge once more than `limit` body bytes came in."""
    received = 0

    async def counted() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise _BodyTooLarge(limit)
        return message

    return counted


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return str(value.decode("latin-1"))
    return None
