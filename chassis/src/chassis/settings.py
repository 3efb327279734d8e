"""One settings class for every service, read from ``PHOIHOP_*`` environment variables."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEVELOPMENT_SIGNING_KEY = "phoihop-development-key-not-for-production"
MIN_SIGNING_KEY_BYTES = 32
"""HS256 keys shorter than the hash (RFC 7518 §3.2) can be found by trying."""
MIN_DISTINCT_KEY_CHARACTERS = 12
"""A random key of 32 bytes or more, in hex or base64, uses at least 16 different
characters; fewer means a typed pattern ("aaaa…", "abab…"), not a random key."""
KNOWN_WEAK_KEYS = frozenset({
    DEVELOPMENT_SIGNING_KEY, "secret", "changeme", "change-me", "password", "phoihop",
    "jwt-secret", "your-256-bit-secret", "test", "default", "key",
})
"""Keys published in documentation, tutorials and this repository."""


class ServiceSettings(BaseSettings):
    """Settings shared by all services; each service may subclass to add its own."""

    # hide_input_in_errors: a refused setting may be a secret (the signing key, a DSN).
    model_config = SettingsConfigDict(env_prefix="PHOIHOP_", extra="ignore",
                                      hide_input_in_errors=True)

    environment: Literal["development", "test", "production"] = "development"
    jurisdiction: str = Field(
        default="tien-giang", pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        description="The province or commune this deployment serves.",
    )
    store: Literal["sqlite", "postgres", "memory"] = "sqlite"
    data_dir: Path = Path("var")
    postgres_dsn: str = "postgresql://postgres@127.0.0.1:5432/phoihop"
    nats_url: str = Field(default="nats://127.0.0.1:4230", validation_alias="NATS_URL")
    http_host: str = "127.0.0.1"
    http_port: int = 8000
    jwt_signing_key: str = DEVELOPMENT_SIGNING_KEY
    jwt_audience: str = "phoihop"
    max_body_bytes: int = 256 * 1024
    stream_replicas: int = Field(default=1, ge=1, le=5, description="3 in production")
    js_api_prefixes: dict[str, str] = Field(
        default_factory=dict, description="JetStream API prefix per upstream service account"
    )
    relay_batch_size: int = 500
    relay_poll_seconds: float = 0.5
    consumer_batch_size: int = Field(
        default=64, ge=1, le=1000, description="messages a tracked consumer applies per transaction"
    )
    open_data_every_seconds: float = Field(
        default=3600, ge=1, description="how often the open data files are written again"
    )

    @model_validator(mode="after")
    def _refuse_weak_signing_key_in_production(self) -> ServiceSettings:
        if self.environment == "production":
            weakness = signing_key_weakness(self.jwt_signing_key)
            if weakness is not None:
                raise ValueError(f"PHOIHOP_JWT_SIGNING_KEY refused in production: {weakness}")
        return self


def signing_key_weakness(key: str) -> str | None:
    """Why ``key`` cannot sign production tokens, or None. Whoever knows or guesses the
    key issues tokens for any agency and role; an empty key would start and then refuse
    every token."""
    if not key.strip():
        return "it is empty"
    if key.strip().casefold() in KNOWN_WEAK_KEYS:
        return "it is a published value (the development key or a common placeholder)"
    if key != key.strip():
        return "it has surrounding whitespace (a copy-paste mistake, or a known value padded)"
    if len(key.encode("utf-8")) < MIN_SIGNING_KEY_BYTES:
        return (f"it is {len(key.encode('utf-8'))} bytes; at least {MIN_SIGNING_KEY_BYTES} "
                "random bytes are needed (e.g. `openssl rand -base64 48`)")
    if len(set(key)) < MIN_DISTINCT_KEY_CHARACTERS:
        return (f"it uses only {len(set(key))} different characters: not a random key "
                "(e.g. `openssl rand -base64 48`)")
    return None
