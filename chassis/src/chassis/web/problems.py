"""RFC 9457 problem documents for every error a service returns.

Domain errors subclass the kernel's plain bases (``kernel.errors``: ``NotFound``,
``Conflict``, ``Forbidden``, ``Invalid``), which know nothing of HTTP; ``DOMAIN_PROBLEMS``
gives each its status, title and type here. Errors of the web layer itself (a bad token,
a bad Idempotency-Key) subclass ``Problem``. Anything a client sent wrong becomes a 4xx,
never a 500. The OpenAPI document declares the problems the chassis itself answers with
on every route (see ``declare_problems``), so a client, or a schema-driven fuzzer, never
meets an undocumented status.
"""

from __future__ import annotations

import logging
from typing import Any

from eventsourcing.persistence import IntegrityError
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from kernel.errors import Conflict, DomainError, Forbidden, Invalid, NotFound

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger(__name__)

MEMBERS = frozenset({"type", "title", "status", "detail", "instance"})  # RFC 9457's own
PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Problem document (RFC 9457); extensions such as `errors` may follow.",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"}, "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string"}, "instance": {"type": "string"},
    },
}


class Problem(Exception):
    """An error of the web layer the client can act on. Subclasses set ``status`` and
    ``title``; domain errors subclass ``kernel.errors`` instead (see ``DOMAIN_PROBLEMS``)."""

    status: int = 400
    title: str = "Bad request"
    type_slug: str = "bad-request"

    def __init__(self, detail: str, **extensions: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extensions = extensions


class UnauthorizedProblem(Problem):
    status, title, type_slug = 401, "Unauthorized", "unauthorized"


DOMAIN_PROBLEMS: dict[type[DomainError], tuple[int, str, str]] = {
    NotFound: (404, "Not found", "not-found"),
    Conflict: (409, "Conflict", "conflict"),
    Forbidden: (403, "Forbidden", "forbidden"),
    Invalid: (422, "Unprocessable content", "unprocessable"),
}
"""Each kernel error base: the status, and the title and type slug its subclasses keep
unless they name their own (``DomainError.title``, ``DomainError.type_slug``)."""


def domain_problem(error: DomainError) -> tuple[int, str, str]:
    """The status, title and type slug of a domain error, from the first kernel base it
    extends. One that extends none of them is the server's mistake: a 500, logged."""
    for base in type(error).__mro__:
        if base in DOMAIN_PROBLEMS:
            status, title, type_slug = DOMAIN_PROBLEMS[base]
            return status, error.title or title, error.type_slug or type_slug
    log.error("%s extends no kernel error base (NotFound, Conflict, Forbidden, Invalid)",
              type(error).__qualname__)
    return 500, "Internal error", "internal"


def problem_response(
    status: int, title: str, detail: str, type_slug: str, instance: str, /, **extensions: Any
) -> JSONResponse:
    """A problem document. Extensions never replace its RFC 9457 members: one named
    ``status`` (say, a record's state) once collided with the argument and crashed the
    handler, and would otherwise turn the integer status into a string. Such an
    extension is left out (and logged); the detail states the same fact in words."""
    clashing = MEMBERS & extensions.keys()
    if clashing:
        log.warning("problem %s: extensions %s are RFC 9457 members, left out",
                    type_slug, sorted(clashing))
    body = {
        "type": f"https://phoihop.vn/problems/{type_slug}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": instance,
        **{name: value for name, value in extensions.items() if name not in MEMBERS},
    }
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for the problems a route may answer with."""
    return {status: _problem_response(status) for status in statuses}


def _problem_response(status: int) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": "Problem document (RFC 9457)",
        "content": {PROBLEM_JSON: {"schema": PROBLEM_SCHEMA}},
    }
    if status == 401:
        response["headers"] = {"WWW-Authenticate": {
            "description": "The scheme to authenticate with", "schema": {"type": "string"}}}
    return response


def install_problem_handlers(app: FastAPI) -> None:
    """Answer every error with a problem document, and declare those in OpenAPI."""
    declare_problems(app)
    app.add_exception_handler(Problem, _on_problem)  # type: ignore[arg-type]
    app.add_exception_handler(DomainError, _on_domain_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _on_validation)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _on_http)  # type: ignore[arg-type]
    app.add_exception_handler(IntegrityError, _on_concurrent_change)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _on_unexpected)


def declare_problems(app: FastAPI) -> None:
    """Adds to each operation of ``app.openapi()`` the problems the chassis answers with.

    Routes declare their own domain problems (404, 409, ...). What the chassis and FastAPI
    add on every route is declared here once: 413 from the body limit (on any request),
    400 for malformed JSON or a bad Idempotency-Key, 422 from validation (replacing
    FastAPI's default 422, which is not a problem document), 401 and 403 where a bearer
    token is required (a missing or bad token, or one for another jurisdiction).
    """
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            for path_item in build().get("paths", {}).values():
                for operation in path_item.values():
                    _declare_operation_problems(operation)
                    _event_streams_as_openapi_31(operation)
        return app.openapi_schema  # type: ignore[return-value]

    app.openapi = openapi  # type: ignore[method-assign]


def _event_streams_as_openapi_31(operation: dict[str, Any]) -> None:
    """FastAPI documents a Server-Sent Events route with ``itemSchema``, an OpenAPI 3.2
    keyword, in a document it declares 3.1 (where it is invalid). In 3.1 the ``schema``
    of a ``text/event-stream`` response describes each event: move it there."""
    for response in operation.get("responses", {}).values():
        for media in response.get("content", {}).values():
            if "itemSchema" in media:
                media["schema"] = media.pop("itemSchema")


def _declare_operation_problems(operation: dict[str, Any]) -> None:
    parameters = operation.get("parameters", [])
    has_body = "requestBody" in operation
    statuses = {413}
    if has_body or parameters:
        statuses.add(422)
    if has_body or any(p.get("name") == "Idempotency-Key" for p in parameters):
        statuses.add(400)
    if operation.get("security"):
        statuses |= {401, 403}
    responses = operation.setdefault("responses", {})
    for status in sorted(statuses):
        declared = responses.get(str(status), {})
        if PROBLEM_JSON not in declared.get("content", {}):
            responses[str(status)] = _problem_response(status)
    if any(p.get("name") == "Idempotency-Key" for p in parameters):
        responses["400"]["description"] += "; also a malformed Idempotency-Key"
        responses["422"]["description"] += (
            "; also an Idempotency-Key already used for a different request"
        )


async def _on_problem(request: Request, error: Problem) -> JSONResponse:
    return problem_response(
        error.status, error.title, error.detail, error.type_slug, request.url.path,
        **error.extensions,
    )


async def _on_domain_error(request: Request, error: DomainError) -> JSONResponse:
    status, title, type_slug = domain_problem(error)
    if status == 500:
        return await _on_unexpected(request, error)
    return problem_response(
        status, title, error.detail, type_slug, request.url.path, **error.extensions
    )


async def _on_validation(request: Request, error: RequestValidationError) -> JSONResponse:
    errors = [
        {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
        for e in error.errors()
    ]
    if any(e["type"] == "json_invalid" for e in errors):
        return problem_response(
            400, "Malformed JSON", "The request body is not valid JSON.", "malformed-json",
            request.url.path, errors=errors,
        )
    return problem_response(
        422, "Invalid request", "The request does not match the schema.", "validation",
        request.url.path, errors=errors,
    )


async def _on_http(request: Request, error: StarletteHTTPException) -> JSONResponse:
    title = {404: "Not found", 405: "Method not allowed"}.get(error.status_code, "Error")
    response = problem_response(
        error.status_code, title, str(error.detail), f"http-{error.status_code}", request.url.path
    )
    if error.status_code == 405:
        response.headers["Allow"] = ", ".join(allowed_methods(request))
    return response


def allowed_methods(request: Request) -> list[str]:
    """Every method some route answers on this request's path (RFC 9110: ``Allow``).

    Starlette's own 405 names only the first route that matched the path, though others
    on the same path (a GET beside a POST) accept more methods.
    """
    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches(request.scope)
        if match is not Match.NONE:
            methods |= getattr(route, "methods", None) or set()
    return sorted(methods)


async def _on_concurrent_change(request: Request, error: IntegrityError) -> JSONResponse:
    # Another request (or a worker) saved the same record between our read and our save.
    return problem_response(
        409, "Conflict", "the record was changed meanwhile; retry", "concurrent-change",
        request.url.path,
    )


async def _on_unexpected(request: Request, error: Exception) -> JSONResponse:
    log.exception("unhandled error on %s", request.url.path)
    return problem_response(
        500, "Internal error", "The server failed; the error was logged.", "internal",
        request.url.path,
    )
