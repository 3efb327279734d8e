"""The vault: denouncers' identities, in a store of their own, and a record of every look.

Two parts, both in the vault's own database (its own SQLite file, or its own PostgreSQL
database and user: ``PHOIHOP_LETTERS_VAULT_POSTGRES_DSN``), never the letters store:

- the sealed identities, one row each (``vault_sealed``: id, ciphertext, wrapped data key,
  master key id). A row is the one thing here that can be destroyed: erasure deletes it,
  which shreds the data key (``chassis.envelope``);
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
from chassis.envelope import SealedRows
from chassis.projection import ProjectionTables
from kernel.actor import Actor, actor_ref
from kernel.clock import Clock, SystemClock, check_aware
from letters.domain.errors import IllegalTransitionError, LetterNotFoundError
from letters.vault.sealing import MasterKeys, Sealed

IDENTITY_FIELDS = ("name", "identity_number", "address", "phone", "email", "signature_image")


@dataclass(frozen=True)
class Identity:
    """A denouncer (người tố cáo): who they are and how to reach them."""

    name: str
    identity_number: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    # The signature's scan (PNG or JPEG), base64: sealed with the rest, never elsewhere.
    # Identities sealed before it existed open without it.
    signature_image: str | None = None

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
        self._sealed = SealedRows(self.tables, "vault_sealed")

    def now(self) -> datetime:
        return check_aware(self.clock.now())

    def deposit(self, actor: Actor, identity: Identity) -> UUID:
        """Seals ``identity`` under a new opaque id, and returns the id."""
        identity_id = uuid4()
        sealed = self.keys.seal(identity_id, identity.as_dict())
        self._sealed.put(identity_id, sealed)
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
        self._sealed.shred(identity_id)
        entry.trigger_event(Erased, timestamp=self.now(), by=actor_ref(actor), why=why)
        self.save(entry)

    def holds(self, identity_id: UUID) -> bool:
        return self._sealed_row(identity_id) is not None

    def _entry(self, identity_id: UUID) -> VaultEntry:
        return self.load(VaultEntry, identity_id, "identity", missing=LetterNotFoundError)

    def _sealed_row(self, identity_id: UUID) -> Sealed | None:
        return self._sealed.get(identity_id)
