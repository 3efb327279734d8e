"""Bearer JWTs that say which agency, unit, role and jurisdiction a caller acts for."""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated

import jwt
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from chassis.settings import ServiceSettings
from chassis.web.problems import UnauthorizedProblem
from contracts.vocabulary import Agency
from kernel.errors import Forbidden, Wording

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
        raise UnauthorizedProblem(Wording(f"invalid bearer token: {error}",
                                          f"bearer token không hợp lệ: {error}")) from error
    if principal.role not in ROLES:
        raise UnauthorizedProblem(Wording(f"unknown role {principal.role!r}",
                                          f"vai trò không xác định {principal.role!r}"))
    if principal.jurisdiction != settings.jurisdiction:
        raise Forbidden(Wording(
            f"token is for {principal.jurisdiction}, this service serves {settings.jurisdiction}",
            f"token dành cho {principal.jurisdiction}, dịch vụ này phục vụ "
            f"{settings.jurisdiction}",
        ))
    return principal


_bearer = HTTPBearer(auto_error=False)


class VerifiedTokens:
    """The principals of recently verified tokens, until each token expires.

    A client sends the same token with every request; verifying its signature each time
    costs more than the rest of a small command's HTTP handling.
    """

    def __init__(self, capacity: int = 4096) -> None:
        self.capacity = capacity
        self._entries: OrderedDict[tuple[int, str], tuple[Principal, float]] = OrderedDict()

    def verify(self, settings: ServiceSettings, token: str) -> Principal:
        key = (id(settings), token)
        entry = self._entries.get(key)
        if entry is not None and entry[1] > time.time():
            self._entries.move_to_end(key)
            return entry[0]
        principal = verify_token(settings, token)
        expires = jwt.decode(token, options={"verify_signature": False})["exp"]
        self._entries[key] = (principal, float(expires))
        if len(self._entries) > self.capacity:
            self._entries.popitem(last=False)
        return principal


_verified_tokens = VerifiedTokens()


async def current_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """The caller, from its bearer token (async: no thread hop for microseconds of work)."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise UnauthorizedProblem(Wording("a bearer token is required", "cần có bearer token"))
    settings: ServiceSettings = request.app.state.settings
    return _verified_tokens.verify(settings, credentials.credentials)


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


async def optional_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal | None:
    """On a public read: the caller if a token came (which may show them more), else None.
    A token that came but does not verify is refused all the same (401)."""
    if credentials is None:
        return None
    return await current_principal(request, credentials)


OptionalPrincipal = Annotated[Principal | None, Depends(optional_principal)]
