"""Signing in and out. In development a page picks the agency, role and unit and signs
the token with the local key, as ``phoihop token`` does; in production the page is off
and an OIDC provider will sign people in (a later step) yielding the same bearer token."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from chassis.web.auth import ROLES
from contracts.vocabulary import Agency
from portal.labels import SUGGESTED_UNITS, label
from portal.pages import form_of, render
from portal.problems import field_error
from portal.viewer import (
    development_token,
    forget_token,
    keep_token,
    language_of,
    local_path,
    settings_of,
)
from portal.words import text

router = APIRouter()
PEOPLE_ROLES = tuple(role for role in ROLES if role != "system")
AGENCIES = tuple(agency.value for agency in Agency)


@router.get("/dang-nhap", response_class=HTMLResponse)
async def sign_in_page(request: Request, next: str = "/ban-lam-viec") -> Response:
    return _page(request, next, values={"role": "staff"})


@router.post("/dang-nhap")
async def sign_in(request: Request) -> Response:
    settings = settings_of(request)
    form = await form_of(request)
    back_to = local_path(form.get("next"), "/ban-lam-viec")
    if not settings.development_sign_in:
        return _page(request, back_to, status=404)
    agency, role = form.get("agency", ""), form.get("role", "staff")
    wrong = [name for name, value, choices in (("agency", agency, AGENCIES),
                                               ("role", role, PEOPLE_ROLES))
             if value not in choices]
    if wrong:
        return _page(request, back_to, status=422, values=form, wrong=wrong)
    token = development_token(settings, Agency(agency), role, form.get("unit"),
                              form.get("name"))
    response = RedirectResponse(back_to, status_code=303)
    keep_token(response, settings, token)
    return response


@router.post("/dang-xuat")
async def sign_out() -> Response:
    response = RedirectResponse("/", status_code=303)
    forget_token(response)
    return response


def _page(request: Request, back_to: str, status: int = 200,
          values: dict[str, str] | None = None, wrong: list[str] | None = None) -> Response:
    problem, language = None, language_of(request)
    if wrong:
        problem = {"message": text("fix_fields", language), "detail": "",
                   "fields": {name: field_error("enum", language) for name in wrong}}
    return render(request, "sign_in.html", status=status, next=local_path(back_to),
                  role_options={role: label("role", role, language) for role in PEOPLE_ROLES},
                  units=SUGGESTED_UNITS, values=values or {},
                  problem=problem)
