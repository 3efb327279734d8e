"""Envelope encryption of one identity: a data key of its own, wrapped by a master key.

Each identity is sealed with a fresh 256-bit AES-GCM data key (``cryptography``'s AEAD);
the data key is sealed in turn with the master key. Both seals are bound to the identity's
id (associated data), so a sealed identity copied onto another id does not open. Erasing
one identity destroys its wrapped data key (crypto-shredding): the master key then opens
nothing, and the ciphertext is noise.

The master keys come from ``PHOIHOP_LETTERS_VAULT_MASTER_KEYS``, as the notifier's webhook
keys do: base64 keys of 32 bytes separated by commas, the first wrapping new data keys and
every one unwrapping (rotation: put the new one first; drop the old one once every data key
it wrapped has been re-wrapped or shredded). A key is known by the first 16 hex digits of
its SHA-256, stored beside what it wrapped.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from dataclasses import dataclass
from uuid import UUID

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12  # AES-GCM's standard nonce; a fresh random one per encryption
# A master key anyone can read here: for development and tests, refused in production.
DEVELOPMENT_VAULT_MASTER_KEY = "cGhvaWhvcC1kZXZlbG9wbWVudC12YXVsdC1rZXktMDE="


class VaultKeyError(ValueError):
    """A master key that is not 32 bytes of base64, or none that opens a sealed identity."""


@dataclass(frozen=True)
class Sealed:
    """One identity as the vault stores it: nothing here reads without the master key."""

    ciphertext: bytes  # nonce + AES-GCM(data key, identity JSON)
    wrapped_key: bytes  # nonce + AES-GCM(master key, data key)
    master_key_id: str


class MasterKeys:
    """The master keys from settings: the first wraps, each unwraps."""

    def __init__(self, keys: str) -> None:
        self._keys: dict[str, AESGCM] = {}
        self._first: str | None = None
        for text in (k.strip() for k in keys.split(",")):
            if not text:
                continue
            try:
                raw = base64.b64decode(text, validate=True)
            except binascii.Error:
                raise VaultKeyError("a vault master key is not base64") from None
            if len(raw) != 32:
                raise VaultKeyError(f"a vault master key must be 32 bytes, not {len(raw)}")
            key_id = hashlib.sha256(raw).hexdigest()[:16]
            self._keys[key_id] = AESGCM(raw)
            self._first = self._first or key_id
        if self._first is None:
            raise VaultKeyError("at least one vault master key is needed")

    def seal(self, identity_id: UUID, identity: dict[str, str | None]) -> Sealed:
        assert self._first is not None
        data_key = AESGCM.generate_key(bit_length=256)
        plain = json.dumps(identity, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return Sealed(
            ciphertext=_encrypt(AESGCM(data_key), plain, identity_id),
            wrapped_key=_encrypt(self._keys[self._first], data_key, identity_id),
            master_key_id=self._first,
        )

    def open(self, identity_id: UUID, sealed: Sealed) -> dict[str, str | None]:
        master = self._keys.get(sealed.master_key_id)
        if master is None:
            raise VaultKeyError("the master key that wrapped this identity is not configured")
        try:
            data_key = _decrypt(master, sealed.wrapped_key, identity_id)
            plain = _decrypt(AESGCM(data_key), sealed.ciphertext, identity_id)
        except InvalidTag:
            raise VaultKeyError("the sealed identity does not open (altered, or moved)") from None
        opened: dict[str, str | None] = json.loads(plain)
        return opened


def _encrypt(aead: AESGCM, plain: bytes, identity_id: UUID) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return nonce + aead.encrypt(nonce, plain, identity_id.bytes)


def _decrypt(aead: AESGCM, sealed: bytes, identity_id: UUID) -> bytes:
    return aead.decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], identity_id.bytes)
