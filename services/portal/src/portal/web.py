"""The portal's web application: the chassis's app (health, metrics, body limit), its
pages, its own assets, and errors shown as pages rather than JSON."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from chassis.web.app_factory import create_service_app
from portal.clients import Services
from portal.oidc import add_oidc
from portal.pages import SignInRequired, render, shown_problem
from portal.problems import ServiceProblem, ServiceUnavailable, status_of
from portal.routes import (
    follow,
    inbox,
    letters,
    oversight,
    oversight_criticism,
    oversight_programme_forms,
    oversight_reporting,
    petition,
    public,
    reception,
    review,
    session_work,
    sessions,
    signin,
    timeliness,
    workbench,
)
from portal.settings import PortalSettings
from portal.viewer import language_of

STATIC = Path(__file__).parent / "static"


def create_portal_app(settings: PortalSettings) -> FastAPI:
    services = Services(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        await services.close()

    app = create_service_app(
        settings, service="portal", title="Cổng phối hợp (portal)",
        description="Web pages of the four offices' staff and of the people.",
        lifespan=lifespan,
    )
    app.state.services = services
    add_oidc(app, settings)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    # session_work first: its /ky-hop/moi before the sessions' /ky-hop/{id}
    for module in (public, signin, workbench, timeliness, petition, inbox, session_work,
                   sessions, oversight, oversight_programme_forms, oversight_criticism,
                   oversight_reporting, letters, reception, follow, review):
        app.include_router(module.router)
    _show_errors_as_pages(app)
    return app


def _show_errors_as_pages(app: FastAPI) -> None:
    @app.exception_handler(SignInRequired)
    async def sign_in_first(request: Request, error: SignInRequired) -> Response:
        return RedirectResponse(f"/dang-nhap?next={quote(error.back_to)}", status_code=303)

    @app.exception_handler(ServiceProblem)
    async def service_problem(request: Request, error: ServiceProblem) -> Response:
        return render(request, "error.html", status=status_of(error),
                      problem=shown_problem(request, error))

    @app.exception_handler(ServiceUnavailable)
    async def service_unavailable(request: Request, error: ServiceUnavailable) -> Response:
        return render(request, "error.html", status=503, problem=shown_problem(request, error))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        message = {"vi": "Không tìm thấy trang này.", "en": "This page does not exist."}
        if error.status_code != 404:
            message = {"vi": "Yêu cầu không hợp lệ.", "en": "The request is not valid."}
        return render(request, "error.html", status=error.status_code,
                      problem={"message": message[language_of(request)], "fields": {},
                               "detail": ""})

    @app.exception_handler(RequestValidationError)
    async def bad_address(request: Request, error: RequestValidationError) -> Response:
        message = {"vi": "Đường dẫn hoặc tham số không hợp lệ.",
                   "en": "The address or its parameters are not valid."}
        return render(request, "error.html", status=422,
                      problem={"message": message[language_of(request)], "fields": {},
                               "detail": ""})
