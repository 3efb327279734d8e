"""The portal's settings: where the services it calls are, and whether the development
sign-in page is on."""

from __future__ import annotations

import os

from pydantic import Field

from chassis.settings import ServiceSettings


class PortalSettings(ServiceSettings):
    """``PHOIHOP_PETITIONS_URL``, ``PHOIHOP_SESSIONS_URL``, ``PHOIHOP_NOTIFIER_URL``: the
    services' base URLs (defaults: where ``phoihop run`` starts them, on the port
    ``PHOIHOP_<SERVICE>_HTTP_PORT`` moves a service to)."""

    petitions_url: str = Field(default_factory=lambda: _local("petitions", 8001))
    sessions_url: str = Field(default_factory=lambda: _local("sessions", 8002))
    notifier_url: str = Field(default_factory=lambda: _local("notifier", 8004))
    service_timeout_seconds: float = Field(default=10.0, gt=0)
    secure_cookies: bool = Field(
        default=False, description="Mark cookies Secure (behind HTTPS in production).")

    @property
    def development_sign_in(self) -> bool:
        """The page that signs a token with the local key: never in production, where an
        OIDC provider signs people in (a later step)."""
        return self.environment != "production"


def _local(service: str, port: int) -> str:
    chosen = os.environ.get(f"PHOIHOP_{service.upper()}_HTTP_PORT", str(port))
    return f"http://127.0.0.1:{chosen}"
