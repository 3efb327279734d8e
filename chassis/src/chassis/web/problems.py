"""RFC 9457 problem documents for every error a service returns.

Domain errors subclass the kernel's plain bases (``kernel.errors``: ``NotFound``,
``Conflict``, ``Forbidden``, ``Invalid``), which know nothing of HTTP; ``DOMAIN_PROBLEMS``
gives each its status, title and type here. Errors of the web layer itself (a bad token,
a bad Idempotency-Key) subclass ``Problem``. Anything a client sent wrong becomes a 4xx,
never a 500. The OpenAPI document declares the problems the chassis itself answers with
on every route (see ``declare_problems``), so a client, or a schema-driven fuzzer, never
meets an undocumented status.

Each title and the chassis's own details are a ``kernel.errors.Wording``, in English and
Vietnamese: the document is in the language the request prefers (``Accept-Language``,
``chassis.web.languages``), English otherwise; its ``type`` is the same in both. A domain
error's detail is a ``Wording`` too where the domain gives one, else its one text.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from eventsourcing.persistence import IntegrityError
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from chassis.web.languages import preferred_language
from kernel.errors import (
    Conflict,
    DomainError,
    Forbidden,
    Invalid,
    Language,
    NotFound,
    Wording,
    worded,
)

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
    title: str | Wording = Wording("Bad request", "Yêu cầu không hợp lệ")
    type_slug: str = "bad-request"

    def __init__(self, detail: str | Wording, **extensions: Any) -> None:
        super().__init__(str(detail))
        self.detail = detail
        self.extensions = extensions


class UnauthorizedProblem(Problem):
    status, type_slug = 401, "unauthorized"
    title = Wording("Unauthorized", "Chưa xác thực")


DOMAIN_PROBLEMS: dict[type[DomainError], tuple[int, Wording, str]] = {
    NotFound: (404, Wording("Not found", "Không tìm thấy"), "not-found"),
    Conflict: (409, Wording("Conflict", "Xung đột với trạng thái hiện tại"), "conflict"),
    Forbidden: (403, Wording("Forbidden", "Không được phép"), "forbidden"),
    Invalid: (422, Wording("Unprocessable content", "Nội dung không hợp lệ"), "unprocessable"),
}
"""Each kernel error base: the status, and the title and type slug its subclasses keep
unless they name their own (``DomainError.title``, ``DomainError.type_slug``)."""


def domain_problem(error: DomainError) -> tuple[int, str | Wording, str]:
    """The status, title and type slug of a domain error, from the first kernel base it
    extends. One that extends none of them is the server's mistake: a 500, logged."""
    for base in type(error).__mro__:
        if base in DOMAIN_PROBLEMS:
            status, title, type_slug = DOMAIN_PROBLEMS[base]
            return status, error.title or title, error.type_slug or type_slug
    log.error("%s extends no kernel error base (NotFound, Conflict, Forbidden, Invalid)",
              type(error).__qualname__)
    return 500, INTERNAL_ERROR, "internal"


INTERNAL_ERROR = Wording("Internal error", "Lỗi máy chủ")
HTTP_TITLES = {404: Wording("Not found", "Không tìm thấy"),
               405: Wording("Method not allowed", "Phương thức không được phép")}
HTTP_DETAILS = {404: Wording("No such path", "Không có đường dẫn này"),
                405: Wording("This path does not take this method",
                             "Đường dẫn này không nhận phương thức này")}


def language_of(headers: Mapping[str, str]) -> Language:
    """The language a request's problem document is written in."""
    return preferred_language(headers.get("accept-language"))


def problem_response(
    status: int, title: str | Wording, detail: str | Wording, type_slug: str, instance: str,
    language: Language, /, **extensions: Any,
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
        "title": worded(title, language),
        "status": status,
        "detail": worded(detail, language),
        "instance": instance,
        **{name: value for name, value in extensions.items() if name not in MEMBERS},
    }
    headers = {"Vary": "Accept-Language"}
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
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
        language_of(request.headers), **error.extensions,
    )


async def _on_domain_error(request: Request, error: DomainError) -> JSONResponse:
    status, title, type_slug = domain_problem(error)
    if status == 500:
        return await _on_unexpected(request, error)
    return problem_response(
        status, title, error.detail, type_slug, request.url.path, language_of(request.headers),
        **error.extensions,
    )


async def _on_validation(request: Request, error: RequestValidationError) -> JSONResponse:
    errors = [
        {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
        for e in error.errors()
    ]
    language = language_of(request.headers)
    if any(e["type"] == "json_invalid" for e in errors):
        return problem_response(
            400, Wording("Malformed JSON", "JSON sai cú pháp"),
            Wording("The request body is not valid JSON.",
                    "Thân yêu cầu không phải JSON hợp lệ."),
            "malformed-json", request.url.path, language, errors=errors,
        )
    return problem_response(
        422, Wording("Invalid request", "Yêu cầu không hợp lệ"),
        Wording("The request does not match the schema.",
                "Yêu cầu không khớp với lược đồ (schema)."),
        "validation", request.url.path, language, errors=errors,
    )


async def _on_http(request: Request, error: StarletteHTTPException) -> JSONResponse:
    status = error.status_code
    response = problem_response(
        status, HTTP_TITLES.get(status, Wording("Error", "Lỗi")),
        HTTP_DETAILS.get(status, str(error.detail)), f"http-{status}", request.url.path,
        language_of(request.headers),
    )
    if status == 405:
        response.headers["Allow"] = ", ".join(allowed_methods(request))
    return response


METHODS = ("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route answers on this request's path (RFC 9110: ``Allow``).

    Starlette's own 405 names only the first route that matched the path, though others
    on the same path (a GET beside a POST) accept more methods. Each method is asked of
    every route through ``matches``, the one interface both a route and a router included
    with ``include_router`` answer (FastAPI keeps the latter as one entry of
    ``app.router.routes``, whose own ``methods`` are not the routes')."""
    return [method for method in METHODS
            if any(route.matches({**request.scope, "method": method})[0] is Match.FULL
                   for route in request.app.router.routes)]


async def _on_concurrent_change(request: Request, error: IntegrityError) -> JSONResponse:
    # Another request (or a worker) saved the same record between our read and our save.
    return problem_response(
        409, DOMAIN_PROBLEMS[Conflict][1],
        Wording("the record was changed meanwhile; retry",
                "bản ghi vừa bị thay đổi trong lúc xử lý; hãy thử lại"),
        "concurrent-change", request.url.path, language_of(request.headers),
    )


async def _on_unexpected(request: Request, error: Exception) -> JSONResponse:
    log.exception("unhandled error on %s", request.url.path)
    return problem_response(
        500, INTERNAL_ERROR,
        Wording("The server failed; the error was logged.",
                "Máy chủ gặp lỗi; lỗi đã được ghi lại."),
        "internal", request.url.path, language_of(request.headers),
    )
