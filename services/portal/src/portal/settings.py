"""The portal's settings: where the services it calls are, and whether the development
sign-in page is on."""

from __future__ import annotations

import os

from pydantic import Field, SecretStr

from chassis.settings import ServiceSettings


class PortalSettings(ServiceSettings):
    """``PHOIHOP_PETITIONS_URL``, ``PHOIHOP_SESSIONS_URL``, ``PHOIHOP_NOTIFIER_URL``,
    ``PHOIHOP_OVERSIGHT_URL``, ``PHOIHOP_LETTERS_URL``: the services' base URLs (defaults:
    where ``phoihop run`` starts them, on the port ``PHOIHOP_<SERVICE>_HTTP_PORT`` moves a
    service to)."""

    petitions_url: str = Field(default_factory=lambda: _local("petitions", 8001))
    sessions_url: str = Field(default_factory=lambda: _local("sessions", 8002))
    notifier_url: str = Field(default_factory=lambda: _local("notifier", 8004))
    oversight_url: str = Field(default_factory=lambda: _local("oversight", 8003))
    letters_url: str = Field(default_factory=lambda: _local("letters", 8005))
    service_timeout_seconds: float = Field(default=10.0, gt=0)
    secure_cookies: bool = Field(
        default=False, description="Mark cookies Secure (behind HTTPS in production).")
    # The province's OpenID Connect provider (production's sign-in; portal/oidc.py).
    oidc_issuer: str | None = Field(
        default=None, description="The provider's issuer URL; none: no OIDC sign-in.")
    oidc_client_id: str = "phoihop-portal"
    oidc_client_secret: SecretStr | None = None
    oidc_scopes: str = "openid profile phoihop"
    oidc_redirect_url: str | None = Field(
        default=None, description="Where the provider sends people back (its registered "
        "redirect URI); none: this portal's /dang-nhap/oidc/ve as the request reached it.")
    oidc_agency_claim: str = "agency"  # one of hdnd, ubnd, dbqh, mttq
    oidc_unit_claim: str = "unit"
    oidc_role_claim: str = "role"  # staff (when absent), deputy, leader, admin

    @property
    def development_sign_in(self) -> bool:
        """The page that signs a token with the local key: never in production, where the
        province's OIDC provider signs people in."""
        return self.environment != "production"

    @property
    def oidc_sign_in(self) -> bool:
        return bool(self.oidc_issuer)


def _local(service: str, port: int) -> str:
    chosen = os.environ.get(f"PHOIHOP_{service.upper()}_HTTP_PORT", str(port))
    return f"http://127.0.0.1:{chosen}"
