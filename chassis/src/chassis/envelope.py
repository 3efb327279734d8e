"""Envelope encryption of personal data, one record at a time, and its crypto-shredding.

Each record (a denouncer's identity in the letters vault, a follower's e-mail address in
the notifier) is sealed with a fresh 256-bit AES-GCM data key (``cryptography``'s AEAD);
the data key is sealed in turn with a master key. Both seals are bound to the record's
opaque id (associated data), so a sealed record copied onto another id does not open.
Erasing one record destroys its wrapped data key (crypto-shredding): the master key then
opens nothing, and the ciphertext is noise.

The master keys come from a service's settings (``PHOIHOP_LETTERS_VAULT_MASTER_KEYS``,
``PHOIHOP_FOLLOWER_MASTER_KEYS``): base64 keys of 32 bytes separated by commas, the first
wrapping new data keys and every one unwrapping (rotation: put the new one first; drop the
old one once every data key it wrapped has been re-wrapped or shredded). A key is known by
the first 16 hex digits of its SHA-256, stored beside what it wrapped.

``SealedRows`` keeps the sealed records in one table of a service's database and shreds
them: the one place that knows how to make a deleted row unreadable on each engine.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from uuid import UUID

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from chassis.projection import ProjectionTables

NONCE_BYTES = 12  # AES-GCM's standard nonce; a fresh random one per encryption
Plain = dict[str, str | None]


class EnvelopeKeyError(ValueError):
    """A master key that is not 32 bytes of base64, or none that opens a sealed record."""


@dataclass(frozen=True)
class Sealed:
    """One record as it is stored: nothing here reads without the master key."""

    ciphertext: bytes  # nonce + AES-GCM(data key, record JSON)
    wrapped_key: bytes  # nonce + AES-GCM(master key, data key)
    master_key_id: str


def decode_key(text: str, what: str = "master key") -> bytes:
    """A 32-byte key from its base64 text; ``EnvelopeKeyError`` saying what is wrong."""
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except binascii.Error:
        raise EnvelopeKeyError(f"a {what} is not base64") from None
    if len(raw) != 32:
        raise EnvelopeKeyError(f"a {what} must be 32 bytes, not {len(raw)}")
    return raw


class MasterKeys:
    """The master keys from settings: the first wraps, each unwraps."""

    def __init__(self, keys: str, name: str = "master key") -> None:
        self._keys: dict[str, AESGCM] = {}
        self._first: str | None = None
        for text in (k.strip() for k in keys.split(",")):
            if not text:
                continue
            raw = decode_key(text, name)
            key_id = hashlib.sha256(raw).hexdigest()[:16]
            self._keys[key_id] = AESGCM(raw)
            self._first = self._first or key_id
        if self._first is None:
            raise EnvelopeKeyError(f"at least one {name} is needed")

    def seal(self, record_id: UUID, record: Plain) -> Sealed:
        assert self._first is not None
        data_key = AESGCM.generate_key(bit_length=256)
        plain = json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return Sealed(
            ciphertext=_encrypt(AESGCM(data_key), plain, record_id),
            wrapped_key=_encrypt(self._keys[self._first], data_key, record_id),
            master_key_id=self._first,
        )

    def open(self, record_id: UUID, sealed: Sealed) -> Plain:
        master = self._keys.get(sealed.master_key_id)
        if master is None:
            raise EnvelopeKeyError("the master key that wrapped this record is not configured")
        try:
            data_key = _decrypt(master, sealed.wrapped_key, record_id)
            plain = _decrypt(AESGCM(data_key), sealed.ciphertext, record_id)
        except InvalidTag:
            raise EnvelopeKeyError("the sealed record does not open (altered, or moved)") from None
        opened: Plain = json.loads(plain)
        return opened


class KeyedHash:
    """HMAC-SHA256 under a secret key: recognises a value already seen (an address already
    following) without storing it; without the key, a list of candidates cannot be
    checked against the hashes."""

    def __init__(self, key: str) -> None:
        self._key = decode_key(key, "hash key")

    def of(self, purpose: str, value: str) -> str:
        message = f"{purpose}\x00{value}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def matches(self, purpose: str, value: str, digest: str) -> bool:
        return hmac.compare_digest(self.of(purpose, value), digest)


class SealedRows:
    """Sealed records in one table of a service's database (``id``, ciphertext, wrapped
    data key, master key id): the one thing about a record that can be destroyed."""

    def __init__(self, tables: ProjectionTables, name: str) -> None:
        self.tables = tables
        self.table = tables.table(name)
        with tables.transaction(commit=True) as cursor:
            blob = "BYTEA" if tables.is_postgres else "BLOB"
            cursor.execute(f"CREATE TABLE IF NOT EXISTS {self.table} (id TEXT PRIMARY KEY, "
                           f"ciphertext {blob} NOT NULL, wrapped_key {blob} NOT NULL, "
                           "master_key_id TEXT NOT NULL)")

    def put(self, record_id: UUID, sealed: Sealed) -> None:
        with self.tables.transaction(commit=True) as cursor:
            cursor.execute(self.tables.sql(
                f"INSERT INTO {self.table} (id, ciphertext, wrapped_key, master_key_id) "
                "VALUES (?, ?, ?, ?)"),
                (str(record_id), sealed.ciphertext, sealed.wrapped_key, sealed.master_key_id))

    def get(self, record_id: UUID) -> Sealed | None:
        with self.tables.transaction(commit=False) as cursor:
            cursor.execute(self.tables.sql(
                f"SELECT ciphertext, wrapped_key, master_key_id FROM {self.table} "
                "WHERE id = ?"), (str(record_id),))
            row = cursor.fetchone()
        if row is None:
            return None
        return Sealed(bytes(row["ciphertext"]), bytes(row["wrapped_key"]), row["master_key_id"])

    def shred(self, record_id: UUID) -> None:
        """Crypto-shredding: the row, with its wrapped data key, is destroyed.

        SQLite: ``secure_delete`` zeroes the freed pages, and the write-ahead log is folded
        into the file and emptied, so the old pages do not linger in it. PostgreSQL keeps
        a deleted row until ``VACUUM``: run it on the table after an erasure (deploy/README).
        """
        with self.tables.transaction(commit=True) as cursor:
            if not self.tables.is_postgres:
                cursor.execute("PRAGMA secure_delete = ON")
            cursor.execute(self.tables.sql(f"DELETE FROM {self.table} WHERE id = ?"),
                           (str(record_id),))
        if not self.tables.is_postgres:
            with self.tables.transaction(commit=False) as cursor:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _encrypt(aead: AESGCM, plain: bytes, record_id: UUID) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return nonce + aead.encrypt(nonce, plain, record_id.bytes)


def _decrypt(aead: AESGCM, sealed: bytes, record_id: UUID) -> bytes:
    return aead.decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], record_id.bytes)
