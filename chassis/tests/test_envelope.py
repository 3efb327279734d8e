"""Envelope encryption and crypto-shredding (chassis.envelope), on SQLite and PostgreSQL:
a record opens only on its own id with a configured key, a rotated key still opens what
the old one wrapped, a shredded record is gone from the table and from the file, and the
keyed hash recognises a value only under its key."""

from __future__ import annotations

import base64
import os
from collections.abc import Iterator
from pathlib import Path
from uuid import uuid4

import pytest

from chassis.application import ServiceApplication
from chassis.envelope import EnvelopeKeyError, KeyedHash, MasterKeys, SealedRows
from chassis.projection import ProjectionTables
from chassis.stores import postgres_environment

ADDRESS = "nguoi.theo.doi.864@example.vn"


def new_key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


class Sealing(ServiceApplication):
    name = "Sealing"


@pytest.fixture(params=["sqlite", "postgres"])
def rows(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SealedRows]:
    if request.param == "sqlite":
        env = {"PERSISTENCE_MODULE": "eventsourcing.sqlite",
               "SQLITE_DBNAME": str(tmp_path / "sealing.db")}
    else:
        env = postgres_environment(request.getfixturevalue("fresh_postgres_dsn"), "Sealing")
    app = Sealing(env)
    yield SealedRows(ProjectionTables.of(app), "sealed_things")
    app.close()


def test_a_record_opens_only_on_its_own_id_and_a_rotated_key_still_opens_it(
        rows: SealedRows) -> None:
    old, new = new_key(), new_key()
    record_id, other_id = uuid4(), uuid4()
    rows.put(record_id, MasterKeys(old).seal(record_id, {"address": ADDRESS}))
    sealed = rows.get(record_id)
    assert sealed is not None and ADDRESS.encode() not in sealed.ciphertext
    assert MasterKeys(f"{new},{old}").open(record_id, sealed) == {"address": ADDRESS}
    with pytest.raises(EnvelopeKeyError):
        MasterKeys(old).open(other_id, sealed)  # moved onto another id
    with pytest.raises(EnvelopeKeyError):
        MasterKeys(new).open(record_id, sealed)  # the key that wrapped it is gone


def test_a_shredded_record_is_gone_from_the_table_and_the_file(
        rows: SealedRows, tmp_path: Path) -> None:
    record_id = uuid4()
    sealed = MasterKeys(new_key()).seal(record_id, {"address": ADDRESS})
    rows.put(record_id, sealed)
    rows.shred(record_id)
    assert rows.get(record_id) is None
    if not rows.tables.is_postgres:
        stored = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
        assert sealed.wrapped_key not in stored and sealed.ciphertext not in stored


def test_a_keyed_hash_recognises_a_value_only_under_its_key() -> None:
    key = new_key()
    digest = KeyedHash(key).of("follower-address", ADDRESS)
    assert KeyedHash(key).matches("follower-address", ADDRESS, digest)
    assert not KeyedHash(new_key()).matches("follower-address", ADDRESS, digest)
    assert KeyedHash(key).of("link:confirm", ADDRESS) != digest  # per purpose
    with pytest.raises(EnvelopeKeyError, match="hash key must be 32 bytes"):
        KeyedHash(base64.b64encode(b"short").decode())
