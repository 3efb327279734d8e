"""Webhook signing secrets at rest: sealed with Fernet (``cryptography``), never stored plain.

A sealed secret is ``fernet:`` and a Fernet token (AES-128-CBC and HMAC-SHA256, with
its time). The keys come from ``PHOIHOP_WEBHOOK_SECRET_KEYS``: Fernet keys separated by
commas, the first sealing new secrets and every one opening them, so a key is rotated by
putting the new one first and dropping the old one once nothing sealed with it is used.
Secrets stored before sealing existed (``whsec_…`` in an old store's events) open as they
are: events are never rewritten, so those stay plain in the old store.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

SEALED_PREFIX = "fernet:"
# A Fernet key anyone can read here: for development and tests, refused in production.
DEVELOPMENT_WEBHOOK_SECRET_KEY = "cGhvaWhvcC1kZXZlbG9wbWVudC13ZWJob29rLWtleSE="


class SecretSealingError(ValueError):
    """A sealed secret none of the configured keys opens (a key was dropped too early)."""


class SecretSealer:
    """Seals secrets for the store and opens them for signing."""

    def __init__(self, keys: str) -> None:
        fernets = [Fernet(key.strip().encode("ascii")) for key in keys.split(",") if key.strip()]
        if not fernets:
            raise ValueError("at least one Fernet key is needed to seal webhook secrets")
        self._fernet = MultiFernet(fernets)

    def seal(self, secret: str) -> str:
        return SEALED_PREFIX + self._fernet.encrypt(secret.encode("utf-8")).decode("ascii")

    def open(self, stored: str) -> str:
        """The secret ``stored`` holds; a plain one from an old store as it is."""
        if not stored.startswith(SEALED_PREFIX):
            return stored
        try:
            return self._fernet.decrypt(stored[len(SEALED_PREFIX):].encode("ascii")).decode()
        except InvalidToken as error:
            raise SecretSealingError("no configured key opens this webhook secret") from error
