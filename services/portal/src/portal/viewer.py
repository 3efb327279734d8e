"""Who is looking at a page: a signed-in member of staff (their bearer token kept in an
HttpOnly cookie) or a visitor; and in which language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from fastapi import Request, Response

from chassis.web.auth import Principal, issue_token, verify_token
from chassis.web.problems import UnauthorizedProblem
from contracts.vocabulary import Agency
from kernel.errors import Forbidden
from portal.settings import PortalSettings
from portal.words import LANGUAGES, Language

# Who the petitions service lets coordinate (consolidate, classify, forward, hold meetings)
# and publish answers. The service decides (decision 13); the portal only leaves out the
# forms it would refuse.
COORDINATORS = frozenset({Agency.HDND, Agency.DBQH, Agency.MTTQ})
PUBLISHER = Agency.MTTQ
TOKEN_COOKIE = "phoihop_token"
LANGUAGE_COOKIE = "phoihop_lang"
SIGN_IN_HOURS = 12


@dataclass(frozen=True)
class Viewer:
    """A signed-in member of staff: the token the services check, and what it says."""

    token: str
    principal: Principal

    @property
    def agency(self) -> Agency:
        return self.principal.agency

    @property
    def unit(self) -> str | None:
        return self.principal.unit

    @property
    def coordinates(self) -> bool:
        return self.agency in COORDINATORS

    @property
    def publishes(self) -> bool:
        return self.agency == PUBLISHER


def settings_of(request: Request) -> PortalSettings:
    settings: PortalSettings = request.app.state.settings
    return settings


def viewer_of(request: Request) -> Viewer | None:
    """The signed-in viewer, or None (no cookie, an expired or foreign token)."""
    token = request.cookies.get(TOKEN_COOKIE)
    if not token:
        return None
    try:
        return Viewer(token, verify_token(settings_of(request), token))
    except (UnauthorizedProblem, Forbidden):
        return None


def language_of(request: Request) -> Language:
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    return "en" if chosen == "en" else "vi"


def development_token(settings: PortalSettings, agency: Agency, role: str,
                      unit: str | None, name: str | None) -> str:
    """The token ``phoihop token`` prints, signed with the local development key."""
    return issue_token(settings, agency=agency, role=role, unit=unit, subject=name,
                       lifetime=timedelta(hours=SIGN_IN_HOURS))


def keep_token(response: Response, settings: PortalSettings, token: str) -> None:
    # HttpOnly: page scripts never see the token; SameSite=Lax: other sites' forms do not
    # carry it (what stands against cross-site request forgery here).
    response.set_cookie(TOKEN_COOKIE, token, max_age=SIGN_IN_HOURS * 3600, httponly=True,
                        samesite="lax", secure=settings.secure_cookies, path="/")


def forget_token(response: Response) -> None:
    response.delete_cookie(TOKEN_COOKIE, path="/")


def keep_language(response: Response, settings: PortalSettings, language: str) -> None:
    chosen = language if language in LANGUAGES else "vi"
    response.set_cookie(LANGUAGE_COOKIE, chosen, max_age=365 * 24 * 3600, samesite="lax",
                        secure=settings.secure_cookies, path="/")


def local_path(target: str | None, fallback: str = "/") -> str:
    """A redirect target on this site only (never ``//other.site`` or a full URL)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return fallback
    return target
