"""Rendering a page: the template, the viewer, the language and the words it needs."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from uuid import uuid4

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from portal import formats, labels, words
from portal.clients import Services
from portal.problems import ServiceProblem, ServiceUnavailable, field_error
from portal.settings import PortalSettings
from portal.viewer import Viewer, language_of, viewer_of
from portal.words import Language

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")


def services_of(request: Request) -> Services:
    """The clients of the services the portal calls (one set for the whole process)."""
    services: Services = request.app.state.services
    return services


def render(request: Request, template: str, status: int = 200, **context: Any
           ) -> HTMLResponse:
    language = language_of(request)
    settings: PortalSettings = request.app.state.settings
    context.setdefault("viewer", viewer_of(request))
    context.setdefault("problem", None)
    context.setdefault("values", {})
    return TEMPLATES.TemplateResponse(request, template, {
        **words_context(language),
        "dev_sign_in": settings.development_sign_in,
        "oidc_sign_in": settings.oidc_sign_in,
        "new_key": lambda: str(uuid4()),  # each form's Idempotency-Key
        "path": request.url.path + (f"?{request.url.query}" if request.url.query else ""),
        **context,
    }, status_code=status)


def words_context(language: Language) -> dict[str, Any]:
    """What every template writes with: the language, its words, labels, dates, numbers."""
    return {
        "lang": language,
        "t": lambda key: words.text(key, language),
        "field_name": lambda name: words.field_name(name, language),
        "label": lambda kind, code: labels.label(kind, code, language),
        "labels": lambda kind: {code: (en if language == "en" else vi)
                                for code, (vi, en) in labels.LABELS[kind].items()},
        "day": lambda value: formats.day(value, language),
        "moment": lambda value: formats.moment(value, language),
        "number": lambda value: formats.number(value, language),
        "percent": lambda value: formats.percent(value, language),
    }


def shown_problem(request: Request, error: ServiceProblem | ServiceUnavailable
                  ) -> dict[str, Any]:
    """What an error box shows: a sentence, each invalid field's words, the detail."""
    language = language_of(request)
    if isinstance(error, ServiceUnavailable):
        return {"message": error.message(language), "fields": {}, "detail": ""}
    return {
        "message": error.message(language),
        "fields": {name: field_error(kind, language)
                   for name, kind in error.field_errors().items()},
        "detail": error.detail,
    }


class SignInRequired(Exception):
    """A staff page asked for by a visitor: they are sent to sign in, then back."""

    def __init__(self, back_to: str) -> None:
        super().__init__(back_to)
        self.back_to = back_to


def staff(request: Request) -> Viewer:
    """The signed-in viewer of a staff page (a dependency); a visitor is sent to sign in."""
    viewer = viewer_of(request)
    if viewer is None:
        query = f"?{request.url.query}" if request.url.query else ""
        raise SignInRequired(request.url.path + query)
    return viewer


async def form_of(request: Request) -> dict[str, str]:
    """A submitted form's fields, trimmed; empty ones left out (the service's defaults)."""
    form = await request.form()
    return {name: value.strip() for name, value in form.items()
            if isinstance(value, str) and value.strip()}


def end_of_day(day: date | None) -> str | None:
    """A past date as the services' ``as_of``: the end of that day in Vietnam's time."""
    return None if day is None else f"{day.isoformat()}T23:59:59+07:00"
