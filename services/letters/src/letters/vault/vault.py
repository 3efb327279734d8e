"""The vault: denouncers' identities, in a store of their own, and a record of every look.

Two parts, both in the vault's own database (its own SQLite file, or its own PostgreSQL
database and user: ``PHOIHOP_LETTERS_VAULT_POSTGRES_DSN``), never the letters store:

- the sealed identities, one row each (``vault_sealed``: id, ciphertext, wrapped data key,
  master key id). A row is the one thing here that can be destroyed: erasure deletes it,
  which shreds the data key (``letters.vault.sealing``);
- an event-sourced record per identity (``VaultEntry``): deposited, every reveal granted,
  every reveal refused, erased: who, when and why. Its events hold no part of the identity,
  so they stay for the audit after the identity is gone.

An identity is known elsewhere only by its opaque id: a random UUID, not derived from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Self
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate

from chassis.application import ServiceApplication
from chassis.projection import ProjectionTables
from kernel.actor import Actor, actor_ref
from kernel.clock import Clock, SystemClock, check_aware
from letters.domain.errors import IllegalTransitionError, LetterNotFoundError
from letters.vault.sealing import MasterKeys, Sealed

IDENTITY_FIELDS = ("name", "identity_number", "address", "phone", "email")


@dataclass(frozen=True)
class Identity:
    """A denouncer (người tố cáo): who they are and how to reach them."""

    name: str
    identity_number: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {field: getattr(self, field) for field in IDENTITY_FIELDS}


class IdentityErasedError(IllegalTransitionError):
    """The identity was erased (its data key destroyed): nobody can read it any more."""


class Deposited(Aggregate.Created):
    master_key_id: str
    by: str

    def apply(self, entry: VaultEntry) -> None:
        entry.erased, entry.reveals, entry.refusals = False, 0, 0


class RevealGranted(Aggregate.Event):
    by: str
    role: str
    letter_id: UUID
    why: str

    def apply(self, entry: VaultEntry) -> None:
        entry.reveals += 1


class RevealRefused(Aggregate.Event):
    by: str
    role: str
    letter_id: UUID
    why: str

    def apply(self, entry: VaultEntry) -> None:
        entry.refusals += 1


class Erased(Aggregate.Event):
    by: str
    why: str

    def apply(self, entry: VaultEntry) -> None:
        entry.erased = True


class VaultEntry(Aggregate):
    """What happened to one identity in the vault (never the identity itself)."""

    if TYPE_CHECKING:
        erased: bool
        reveals: int
        refusals: int

    @classmethod
    def deposit(cls, actor: Actor, *, id: UUID, master_key_id: str, at: datetime) -> Self:
        return cls._create(Deposited, id=id, timestamp=at, master_key_id=master_key_id,
                           by=actor_ref(actor))


class Vault(ServiceApplication):
    """Deposits, reveals and erases denouncers' identities; records every look."""

    name = "LettersVault"  # its own SQLite file and PostgreSQL tables: never the letters'

    def __init__(self, env: dict[str, str] | None = None, *, keys: MasterKeys,
                 clock: Clock | None = None) -> None:
        super().__init__(env)
        self.keys = keys
        self.clock: Clock = clock or SystemClock()
        self.tables = ProjectionTables.of(self)
        self._sealed = self.tables.table("vault_sealed")
        with self.tables.transaction(commit=True) as cursor:
            blob = "BYTEA" if self.tables.is_postgres else "BLOB"
            cursor.execute(f"CREATE TABLE IF NOT EXISTS {self._sealed} (id TEXT PRIMARY KEY, "
                           f"ciphertext {blob} NOT NULL, wrapped_key {blob} NOT NULL, "
                           "master_key_id TEXT NOT NULL)")

    def now(self) -> datetime:
        return check_aware(self.clock.now())

    def deposit(self, actor: Actor, identity: Identity) -> UUID:
        """Seals ``identity`` under a new opaque id, and returns the id."""
        identity_id = uuid4()
        sealed = self.keys.seal(identity_id, identity.as_dict())
        with self.tables.transaction(commit=True) as cursor:
            cursor.execute(self.tables.sql(
                f"INSERT INTO {self._sealed} (id, ciphertext, wrapped_key, master_key_id) "
                "VALUES (?, ?, ?, ?)"),
                (str(identity_id), sealed.ciphertext, sealed.wrapped_key, sealed.master_key_id))
        self.save(VaultEntry.deposit(actor, id=identity_id,
                                     master_key_id=sealed.master_key_id, at=self.now()))
        return identity_id

    def reveal(self, actor: Actor, identity_id: UUID, *, letter_id: UUID,
               why: str) -> Identity:
        """The identity, for an entitled actor (the caller checked it); recorded first."""
        entry = self._entry(identity_id)
        if entry.erased:
            raise IdentityErasedError("the identity was erased; it cannot be revealed")
        entry.trigger_event(RevealGranted, timestamp=self.now(), by=actor_ref(actor),
                            role=actor.role, letter_id=letter_id, why=why)
        self.save(entry)  # recorded before it is read: no reveal goes unrecorded
        sealed = self._sealed_row(identity_id)
        if sealed is None:
            raise IdentityErasedError("the identity was erased; it cannot be revealed")
        return Identity(**self.keys.open(identity_id, sealed))  # type: ignore[arg-type]

    def refuse(self, actor: Actor, identity_id: UUID, *, letter_id: UUID, why: str) -> None:
        """Records an attempt the domain's policy refused."""
        entry = self._entry(identity_id)
        entry.trigger_event(RevealRefused, timestamp=self.now(), by=actor_ref(actor),
                            role=actor.role, letter_id=letter_id, why=why)
        self.save(entry)

    def erase(self, actor: Actor, identity_id: UUID, *, why: str) -> None:
        """Crypto-shredding: the sealed row, with its wrapped data key, is destroyed."""
        entry = self._entry(identity_id)
        if entry.erased:
            raise IdentityErasedError("the identity was already erased")
        with self.tables.transaction(commit=True) as cursor:
            if not self.tables.is_postgres:
                # Overwrite the freed pages with zeros rather than leave the key in them.
                cursor.execute("PRAGMA secure_delete = ON")
            cursor.execute(self.tables.sql(f"DELETE FROM {self._sealed} WHERE id = ?"),
                           (str(identity_id),))
        self._purge_freed_storage()
        entry.trigger_event(Erased, timestamp=self.now(), by=actor_ref(actor), why=why)
        self.save(entry)

    def holds(self, identity_id: UUID) -> bool:
        return self._sealed_row(identity_id) is not None

    def _purge_freed_storage(self) -> None:
        """SQLite: fold the write-ahead log into the file and empty it, so the deleted
        row's old pages do not linger in the log. PostgreSQL keeps a deleted row until
        VACUUM: run ``VACUUM`` on the vault's table after an erasure (deploy/README)."""
        if self.tables.is_postgres:
            return
        with self.tables.transaction(commit=False) as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _entry(self, identity_id: UUID) -> VaultEntry:
        return self.load(VaultEntry, identity_id, "identity", missing=LetterNotFoundError)

    def _sealed_row(self, identity_id: UUID) -> Sealed | None:
        with self.tables.transaction(commit=False) as cursor:
            cursor.execute(self.tables.sql(
                f"SELECT ciphertext, wrapped_key, master_key_id FROM {self._sealed} "
                "WHERE id = ?"), (str(identity_id),))
            row = cursor.fetchone()
        if row is None:
            return None
        return Sealed(bytes(row["ciphertext"]), bytes(row["wrapped_key"]), row["master_key_id"])
