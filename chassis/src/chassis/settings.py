"""One settings class for every service, read from ``PHOIHOP_*`` environment variables."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEVELOPMENT_SIGNING_KEY = "phoihop-development-key-not-for-production"


class ServiceSettings(BaseSettings):
    """Settings shared by all services; each service may subclass to add its own."""

    model_config = SettingsConfigDict(env_prefix="PHOIHOP_", extra="ignore")

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

    @model_validator(mode="after")
    def _refuse_development_key_in_production(self) -> ServiceSettings:
        if self.environment == "production" and self.jwt_signing_key == DEVELOPMENT_SIGNING_KEY:
            raise ValueError("PHOIHOP_JWT_SIGNING_KEY must be set in production")
        return self
