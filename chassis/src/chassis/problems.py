"""RFC 9457 problem documents for every error a service returns.

Domain errors subclass ``Problem`` with a status and a title; anything a client sent
wrong becomes a 4xx here, never a 500.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger(__name__)


class Problem(Exception):
    """An error the client can act on. Subclasses set ``status`` and ``title``."""

    status: int = 400
    title: str = "Bad request"
    type_slug: str = "bad-request"

    def __init__(self, detail: str, **extensions: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extensions = extensions


class NotFoundProblem(Problem):
    status, title, type_slug = 404, "Not found", "not-found"


class ConflictProblem(Problem):
    """The command is not allowed in the resource's current state."""

    status, title, type_slug = 409, "Conflict", "conflict"


class ForbiddenProblem(Problem):
    status, title, type_slug = 403, "Forbidden", "forbidden"


class UnauthorizedProblem(Problem):
    status, title, type_slug = 401, "Unauthorized", "unauthorized"


class UnprocessableProblem(Problem):
    status, title, type_slug = 422, "Unprocessable content", "unprocessable"


class PayloadTooLargeProblem(Problem):
    status, title, type_slug = 413, "Payload too large", "payload-too-large"


def problem_response(
    status: int, title: str, detail: str, type_slug: str, instance: str, **extensions: Any
) -> JSONResponse:
    body = {
        "type": f"https://phoihop.vn/problems/{type_slug}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": instance,
        **extensions,
    }
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(Problem, _on_problem)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _on_validation)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _on_http)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _on_unexpected)


async def _on_problem(request: Request, error: Problem) -> JSONResponse:
    return problem_response(
        error.status, error.title, error.detail, error.type_slug, request.url.path,
        **error.extensions,
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
    return problem_response(
        error.status_code, title, str(error.detail), f"http-{error.status_code}", request.url.path
    )


async def _on_unexpected(request: Request, error: Exception) -> JSONResponse:
    log.exception("unhandled error on %s", request.url.path)
    return problem_response(
        500, "Internal error", "The server failed; the error was logged.", "internal",
        request.url.path,
    )
