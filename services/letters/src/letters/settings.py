"""The letters service's settings: the chassis's ``PHOIHOP_*`` ones plus the vault's."""

from __future__ import annotations

from pydantic import Field, model_validator

from chassis.settings import ServiceSettings
from chassis.stores import postgres_environment, store_environment
from letters.vault.sealing import DEVELOPMENT_VAULT_MASTER_KEY, MasterKeys

VAULT_APP = "LettersVault"


class LettersSettings(ServiceSettings):
    """The vault has its own key and may have its own database (and database user)."""

    letters_vault_master_keys: str = Field(
        default=DEVELOPMENT_VAULT_MASTER_KEY,
        description="Base64 AES-256 keys wrapping the vault's data keys, comma-separated, "
        "the first wrapping (letters/vault/sealing.py); required in production.",
    )
    letters_vault_postgres_dsn: str | None = Field(
        default=None,
        description="The vault's own PostgreSQL database and user (the letters DSN if unset, "
        "for development only).",
    )

    letters_reception_poll_seconds: float = Field(
        default=300.0, gt=0,
        description="How often the missed reception obligations are looked for and recorded.")

    @model_validator(mode="after")
    def _check_vault_keys(self) -> LettersSettings:
        MasterKeys(self.letters_vault_master_keys)  # a malformed key stops the start, saying so
        if (self.environment == "production"
                and DEVELOPMENT_VAULT_MASTER_KEY in self.letters_vault_master_keys):
            raise ValueError("PHOIHOP_LETTERS_VAULT_MASTER_KEYS must be set in production")
        return self

    @classmethod
    def of(cls, settings: ServiceSettings) -> LettersSettings:
        """The letters settings from the environment, with ``settings``' values kept."""
        if isinstance(settings, LettersSettings):
            return settings
        return cls().model_copy(update=settings.model_dump())

    def vault_environment(self) -> dict[str, str]:
        """The vault's store: its own SQLite file, or its own PostgreSQL database."""
        if self.store == "postgres" and self.letters_vault_postgres_dsn:
            return postgres_environment(self.letters_vault_postgres_dsn, VAULT_APP)
        return store_environment(self, VAULT_APP)

    def master_keys(self) -> MasterKeys:
        return MasterKeys(self.letters_vault_master_keys)
