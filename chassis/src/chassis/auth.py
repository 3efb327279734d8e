"""Bearer JWTs that say which agency, unit, role and jurisdiction a caller acts for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated

import jwt
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from chassis.problems import ForbiddenProblem, UnauthorizedProblem
from chassis.settings import ServiceSettings
from contracts.vocabulary import Agency

ALGORITHM = "HS256"
ROLES = ("staff", "deputy", "leader", "admin", "system")


@dataclass(frozen=True)
class Principal:
    """Who is calling: a person or system acting for one agency in one jurisdiction."""

    subject: str
    agency: Agency
    role: str
    jurisdiction: str
    unit: str | None = None

    def require_agency(self, *agencies: Agency) -> None:
        if self.agency not in agencies:
            names = ", ".join(a.value for a in agencies)
            raise ForbiddenProblem(f"only {names} may do this; you act for {self.agency.value}")


def issue_token(
    settings: ServiceSettings,
    *,
    agency: Agency,
    role: str,
    subject: str | None = None,
    unit: str | None = None,
    jurisdiction: str | None = None,
    lifetime: timedelta = timedelta(hours=12),
) -> str:
    now = datetime.now(UTC)
    claims = {
        "sub": subject or f"{agency.value}-{role}",
        "agency": agency.value,
        "role": role,
        "jurisdiction": jurisdiction or settings.jurisdiction,
        "aud": settings.jwt_audience,
        "iat": now,
        "exp": now + lifetime,
    }
    if unit:
        claims["unit"] = unit
    return jwt.encode(claims, settings.jwt_signing_key, algorithm=ALGORITHM)


def verify_token(settings: ServiceSettings, token: str) -> Principal:
    try:
        claims = jwt.decode(
            token, settings.jwt_signing_key, algorithms=[ALGORITHM],
            audience=settings.jwt_audience, options={"require": ["exp", "sub"]},
        )
        principal = Principal(
            subject=str(claims["sub"]),
            agency=Agency(claims["agency"]),
            role=str(claims["role"]),
            jurisdiction=str(claims["jurisdiction"]),
            unit=claims.get("unit"),
        )
    except (jwt.PyJWTError, KeyError, ValueError) as error:
        raise UnauthorizedProblem(f"invalid bearer token: {error}") from error
    if principal.role not in ROLES:
        raise UnauthorizedProblem(f"unknown role {principal.role!r}")
    if principal.jurisdiction != settings.jurisdiction:
        raise ForbiddenProblem(
            f"token is for {principal.jurisdiction}, this service serves {settings.jurisdiction}"
        )
    return principal


_bearer = HTTPBearer(auto_error=False)


def current_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise UnauthorizedProblem("a bearer token is required")
    settings: ServiceSettings = request.app.state.settings
    return verify_token(settings, credentials.credentials)


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]
