"""The notifier's settings: the chassis's ``PHOIHOP_*`` ones plus SMTP and delivery tuning."""

from __future__ import annotations

from pydantic import Field, model_validator

from chassis.envelope import KeyedHash, MasterKeys
from chassis.settings import ServiceSettings
from notifier.sealing import DEVELOPMENT_WEBHOOK_SECRET_KEY, SecretSealer

# Keys anyone can read here: for development and tests, refused in production.
DEVELOPMENT_FOLLOWER_MASTER_KEY = "cGhvaWhvcC1kZXZlbG9wbWVudC1mb2xsb3dlcnMta3k="
DEVELOPMENT_FOLLOWER_HASH_KEY = "cGhvaWhvcC1kZXZlbG9wbWVudC1mb2xsb3ctaGFzaCE="


class NotifierSettings(ServiceSettings):
    """``PHOIHOP_SMTP_HOST`` empty (the default) turns e-mail off: no e-mail deliveries."""

    smtp_host: str = ""
    smtp_port: int = 25
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    smtp_timeout_seconds: float = 10.0
    mail_from: str = "Phối hợp <thongbao@phoihop.local>"
    webhook_timeout_seconds: float = 10.0
    webhook_allow_http: bool = Field(
        default=True, description="Plain-http webhook URLs; refused in production regardless."
    )
    webhook_secret_keys: str = Field(
        default=DEVELOPMENT_WEBHOOK_SECRET_KEY,
        description="Fernet keys sealing webhook secrets at rest, comma-separated, the first "
        "sealing (notifier/sealing.py); required in production.",
    )
    follower_master_keys: str = Field(
        default=DEVELOPMENT_FOLLOWER_MASTER_KEY,
        description="Base64 AES-256 keys wrapping followers' address keys, comma-separated, "
        "the first wrapping (chassis/envelope.py); required in production.",
    )
    follower_hash_key: str = Field(
        default=DEVELOPMENT_FOLLOWER_HASH_KEY,
        description="Base64 32-byte key of the followers' address hashes and link tokens; "
        "required in production (changing it breaks every link sent).",
    )
    portal_url: str = Field(default="http://127.0.0.1:8000",
                            description="The portal's public address, for followers' links.")
    digest_poll_seconds: float = Field(default=60.0, gt=0)
    digest_grace_seconds: float = Field(
        default=30.0, ge=0, description="How long after a period's end its digest is built.")
    delivery_max_attempts: int = Field(default=8, ge=1, description="failures before parking")
    delivery_concurrency: int = Field(default=8, ge=1)
    retry_base_seconds: float = Field(default=2.0, gt=0)
    retry_max_seconds: float = Field(default=3600.0, gt=0)
    delivery_poll_seconds: float = Field(default=1.0, gt=0)
    reminder_poll_seconds: float = Field(default=60.0, gt=0)

    @model_validator(mode="after")
    def _check_webhook_secret_keys(self) -> NotifierSettings:
        SecretSealer(self.webhook_secret_keys)  # a malformed key stops the start, saying so
        MasterKeys(self.follower_master_keys, name="follower master key")
        KeyedHash(self.follower_hash_key)
        if self.environment == "production":
            for name, value, development in (
                    ("WEBHOOK_SECRET_KEYS", self.webhook_secret_keys,
                     DEVELOPMENT_WEBHOOK_SECRET_KEY),
                    ("FOLLOWER_MASTER_KEYS", self.follower_master_keys,
                     DEVELOPMENT_FOLLOWER_MASTER_KEY),
                    ("FOLLOWER_HASH_KEY", self.follower_hash_key,
                     DEVELOPMENT_FOLLOWER_HASH_KEY)):
                if development in value:
                    raise ValueError(f"PHOIHOP_{name} must be set in production")
            if not self.portal_url.startswith("https://"):
                # Every follower's confirmation and unsubscribe link is built on it.
                raise ValueError("PHOIHOP_PORTAL_URL must be the portal's public https "
                                 "address in production")
        return self

    @classmethod
    def of(cls, settings: ServiceSettings) -> NotifierSettings:
        """The notifier's settings from the environment, with ``settings``' values kept."""
        if isinstance(settings, NotifierSettings):
            return settings
        return cls().model_copy(update=settings.model_dump())

    @property
    def email_enabled(self) -> bool:
        return bool(self.smtp_host)

    @property
    def http_webhooks_allowed(self) -> bool:
        return self.webhook_allow_http and self.environment != "production"

    @property
    def internal_webhooks_allowed(self) -> bool:
        """Loopback and private addresses: for development and tests only."""
        return self.environment != "production"
