"""Signing in through the province's OpenID Connect provider (production's sign-in).

The authorization code flow with PKCE (S256), by Authlib's Starlette client: it fetches
the provider's discovery document and keys, keeps the state, nonce and code verifier in a
short-lived signed cookie between the two legs, exchanges the code and validates the ID
token (signature against the provider's JWKS, issuer, audience, expiry, nonce). Nothing
here checks a signature by hand.

The ID token's claims then become the bearer token every service already accepts (agency,
unit, role), signed by ``chassis.web.auth.issue_token`` as the development sign-in's is:
the services see no difference and keep one way of checking who calls.
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata
from dataclasses import dataclass
from typing import Any

from authlib.integrations.starlette_client import OAuth
from fastapi import FastAPI
from starlette.middleware.sessions import SessionMiddleware

from contracts.vocabulary import Agency
from kernel.text import forbidden_character
from portal.settings import PortalSettings

CLIENT = "province"  # the name Authlib's registry knows the provider by
SESSION_COOKIE = "phoihop_sign_in"
SESSION_SECONDS = 600  # the time a person has to sign in at the provider
CLAIM_MAX = 200
ROLES_GRANTED = ("staff", "deputy", "leader", "admin")  # "system" is for services only


@dataclass(frozen=True)
class StaffClaims:
    """Who the provider says signed in: what the portal's token will carry."""

    subject: str
    agency: Agency
    role: str
    unit: str | None


class UnusableClaims(Exception):
    """The ID token does not say which agency (or says what no token may carry)."""

    def __init__(self, claim: str) -> None:
        super().__init__(claim)
        self.claim = claim


def add_oidc(app: FastAPI, settings: PortalSettings) -> None:
    """Registers the provider (if one is configured) and the cookie that carries the
    flow's state between the redirect to the provider and the return from it."""
    if not settings.oidc_issuer:
        return
    oauth = OAuth()
    oauth.register(
        CLIENT, client_id=settings.oidc_client_id,
        client_secret=(settings.oidc_client_secret.get_secret_value()
                       if settings.oidc_client_secret else None),
        server_metadata_url=(settings.oidc_issuer.rstrip("/")
                             + "/.well-known/openid-configuration"),
        client_kwargs={"scope": settings.oidc_scopes, "code_challenge_method": "S256",
                       "timeout": settings.service_timeout_seconds},
    )
    app.state.oauth = oauth
    # Its own key, derived from the signing key (one secret to deploy, two uses apart).
    key = hmac.new(settings.jwt_signing_key.encode(), b"portal sign-in state",
                   hashlib.sha256).hexdigest()
    app.add_middleware(SessionMiddleware, secret_key=key, session_cookie=SESSION_COOKIE,
                       max_age=SESSION_SECONDS, same_site="lax",
                       https_only=settings.secure_cookies)


def staff_claims(claims: dict[str, Any], settings: PortalSettings) -> StaffClaims:
    """The agency, role and unit the ID token's claims name (claim names configurable);
    no role means the least one, "staff"."""
    agency = _text(claims, settings.oidc_agency_claim)
    if agency not in {member.value for member in Agency}:
        raise UnusableClaims(settings.oidc_agency_claim)
    role = _text(claims, settings.oidc_role_claim) or "staff"
    if role not in ROLES_GRANTED:
        raise UnusableClaims(settings.oidc_role_claim)
    subject = _text(claims, "sub")
    if not subject:
        raise UnusableClaims("sub")
    return StaffClaims(subject=subject, agency=Agency(agency), role=role,
                       unit=_text(claims, settings.oidc_unit_claim) or None)


def _text(claims: dict[str, Any], name: str) -> str:
    value = claims.get(name)
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > CLAIM_MAX:
        raise UnusableClaims(name)
    text = " ".join(unicodedata.normalize("NFC", value).split())
    if forbidden_character(text, multi_line=False) is not None:
        raise UnusableClaims(name)
    return text
