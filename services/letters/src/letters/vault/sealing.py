"""Envelope encryption of one identity: a data key of its own, wrapped by a master key.

The mechanism is the chassis's (``chassis.envelope``, shared with the notifier's
followers' addresses): each identity sealed with a fresh AES-256-GCM data key, the data
key sealed with a master key, both bound to the identity's id; erasing destroys the
wrapped data key (crypto-shredding). The vault's master keys come from
``PHOIHOP_LETTERS_VAULT_MASTER_KEYS`` (the first wrapping, every one unwrapping).
"""

from __future__ import annotations

from chassis.envelope import EnvelopeKeyError, Sealed
from chassis.envelope import MasterKeys as _MasterKeys

__all__ = ["DEVELOPMENT_VAULT_MASTER_KEY", "MasterKeys", "Sealed", "VaultKeyError"]

# A master key anyone can read here: for development and tests, refused in production.
DEVELOPMENT_VAULT_MASTER_KEY = "cGhvaWhvcC1kZXZlbG9wbWVudC12YXVsdC1rZXktMDE="
VaultKeyError = EnvelopeKeyError


class MasterKeys(_MasterKeys):
    """The vault's master keys (errors name them as such)."""

    def __init__(self, keys: str) -> None:
        super().__init__(keys, name="vault master key")
