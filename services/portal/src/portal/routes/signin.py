"""Signing in and out. In development a page picks the agency, role and unit and signs
the token with the local key, as ``phoihop token`` does; in production that page is off
and the province's OpenID Connect provider signs people in (``portal.oidc``: the
authorization code flow with PKCE), yielding the same bearer token."""

from __future__ import annotations

import logging
from datetime import timedelta

import httpx
from authlib.integrations.starlette_client import OAuthError
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from joserfc.errors import JoseError

from chassis.web.auth import ROLES, issue_token
from contracts.vocabulary import Agency
from portal.labels import SUGGESTED_UNITS, label
from portal.oidc import CLIENT, UnusableClaims, staff_claims
from portal.pages import form_of, render
from portal.problems import field_error
from portal.viewer import (
    SIGN_IN_HOURS,
    development_token,
    forget_token,
    keep_token,
    language_of,
    local_path,
    settings_of,
)
from portal.words import text

log = logging.getLogger(__name__)
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


@router.get("/dang-nhap/oidc")
async def sign_in_at_the_provider(request: Request, next: str = "/ban-lam-viec") -> Response:
    """Off to the provider's login, with the state, nonce and PKCE challenge it returns
    with; where to go afterwards waits in the same signed cookie."""
    settings = settings_of(request)
    if not settings.oidc_sign_in:
        return _page(request, next, status=404)
    request.session["next"] = local_path(next, "/ban-lam-viec")
    redirect_uri = settings.oidc_redirect_url or str(request.url_for("oidc_return"))
    try:
        response: Response = await request.app.state.oauth.create_client(CLIENT)\
            .authorize_redirect(request, redirect_uri)
    except (httpx.HTTPError, ValueError) as error:  # no discovery document from the issuer
        log.warning("OIDC provider unreachable: %s", error)
        return _oidc_failed(request, "oidc_unreachable", 503)
    return response


@router.get("/dang-nhap/oidc/ve", name="oidc_return")
async def return_from_the_provider(request: Request) -> Response:
    """Back from the provider: the code is exchanged (with the PKCE verifier) and the ID
    token validated by Authlib; its claims become the services' bearer token."""
    settings = settings_of(request)
    if not settings.oidc_sign_in:
        return _page(request, "/ban-lam-viec", status=404)
    try:
        token = await request.app.state.oauth.create_client(CLIENT)\
            .authorize_access_token(request)
        claims = staff_claims(dict(token.get("userinfo") or {}), settings)
    except UnusableClaims as error:
        log.warning("OIDC sign-in refused: the ID token's %r claim is missing or unusable",
                    error.claim)
        return _oidc_failed(request, "oidc_no_agency", 403)
    except (OAuthError, JoseError) as error:  # refused, cancelled, replayed, forged
        log.warning("OIDC sign-in failed: %s", error)
        return _oidc_failed(request, "oidc_failed", 400)
    except httpx.HTTPError as error:
        log.warning("OIDC provider unreachable: %s", error)
        return _oidc_failed(request, "oidc_unreachable", 503)
    back_to = local_path(request.session.pop("next", None), "/ban-lam-viec")
    response = RedirectResponse(back_to, status_code=303)
    keep_token(response, settings, issue_token(
        settings, agency=claims.agency, role=claims.role, unit=claims.unit,
        subject=claims.subject, lifetime=timedelta(hours=SIGN_IN_HOURS)))
    return response


def _oidc_failed(request: Request, key: str, status: int) -> Response:
    language = language_of(request)
    return render(request, "error.html", status=status, problem={
        "message": text(key, language), "fields": {}, "detail": ""})


@router.post("/dang-xuat")
async def sign_out() -> Response:
    response = RedirectResponse("/", status_code=303)
    forget_token(response)
    return response


def _page(request: Request, back_to: str, status: int = 200,
          values: dict[str, str] | None = None, wrong: list[str] | None = None) -> Response:
    problem, language = None, language_of(request)
    if wrong:
        problem = {"message": text("not_valid", language), "detail": "",
                   "fields": {name: field_error("enum", language) for name in wrong}}
    return render(request, "sign_in.html", status=status, next=local_path(back_to),
                  role_options={role: label("role", role, language) for role in PEOPLE_ROLES},
                  units=SUGGESTED_UNITS, values=values or {},
                  problem=problem)
