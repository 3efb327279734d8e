"""phoihop audit on a real petitions SQLite store (filled with mapper-encoded events),
a real NATS for the stream check, and PostgreSQL where it is reachable."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path
from typing import Any
from uuid import UUID

import nats
import pytest
from eventsourcing.persistence import StoredEvent

from benchmarks.fill import fill
from chassis.audit.chain import Seal
from chassis.audit.proof import check_proof, make_proof
from chassis.audit.run import AuditKeys, audit, spec_of
from chassis.audit.signed_seals import (
    load_signing_key,
    load_verify_key,
    make_signing_key,
    read_published,
    signed_message,
)
from chassis.messaging.relay import OutboxRelay
from chassis.messaging.streams import ensure_stream, seal_subject
from chassis.settings import ServiceSettings
from petitions.application import translate

pytestmark = pytest.mark.integration
SERVICE = "petitions"


def sqlite_settings(tmp_path: Path, jurisdiction: str = "tien-giang") -> ServiceSettings:
    return ServiceSettings(store="sqlite", data_dir=tmp_path, jurisdiction=jurisdiction)


def filled(tmp_path: Path, events: int = 400, relayed: bool = True) -> ServiceSettings:
    settings = sqlite_settings(tmp_path)
    fill(tmp_path / "petitions.db", events, relayed=relayed)
    return settings


def run_audit(settings: ServiceSettings, nats_url: str | None = None) -> list[str]:
    report = audit(spec_of(SERVICE), settings, SERVICE, nats_url=nats_url, say=False)
    return report.problems


def test_a_clean_store_passes_twice_and_rebuilds_what_the_repository_gives(
        tmp_path: Path) -> None:
    settings = filled(tmp_path)
    assert run_audit(settings) == []
    assert run_audit(settings) == []  # against the seals the first audit wrote
    from chassis.audit import replay

    app = spec_of(SERVICE).open_app(settings)
    try:
        rebuilt = replay(app).aggregates
        for aggregate_id in list(rebuilt)[::7]:  # a sample: the library's own reconstruction
            assert rebuilt[aggregate_id].__dict__ == app.repository.get(aggregate_id).__dict__
    finally:
        app.close()


def test_an_edited_row_is_caught_by_the_chain(tmp_path: Path) -> None:
    settings = filled(tmp_path)
    assert run_audit(settings) == []
    with sqlite3.connect(tmp_path / "petitions.db") as db:  # tampering, in the test only
        state = db.execute("SELECT state FROM stored_events WHERE rowid = 100").fetchone()[0]
        db.execute("UPDATE stored_events SET state = ? WHERE rowid = 100",
                   (bytes(state).replace(b'"', b'"', 1) + b" ",))
    problems = run_audit(settings)
    assert any(p.startswith("chain: seal at notification") for p in problems), problems


def test_a_deleted_row_is_caught(tmp_path: Path) -> None:
    settings = filled(tmp_path)
    assert run_audit(settings) == []
    with sqlite3.connect(tmp_path / "petitions.db") as db:
        originator, version = db.execute(
            "SELECT originator_id, originator_version FROM stored_events "
            "WHERE rowid = 200").fetchone()
        db.execute("DELETE FROM stored_events WHERE rowid = 200")
    problems = run_audit(settings)
    assert any(p.startswith("chain:") for p in problems), problems
    later = sqlite3.connect(tmp_path / "petitions.db").execute(
        "SELECT COUNT(*) FROM stored_events WHERE originator_id = ? AND originator_version > ?",
        (originator, version)).fetchone()[0]
    if later:  # the aggregate lost an event in its middle: its versions have a gap
        assert any(p.startswith(f"aggregate {UUID(originator)}") for p in problems), problems


def test_a_deleted_last_row_is_caught(tmp_path: Path) -> None:
    settings = filled(tmp_path)
    assert run_audit(settings) == []
    with sqlite3.connect(tmp_path / "petitions.db") as db:
        db.execute("DELETE FROM stored_events WHERE rowid = (SELECT MAX(rowid) FROM stored_events)")
    problems = run_audit(settings)
    assert any("rows deleted" in p or p.startswith("chain: seal") for p in problems), problems


async def test_every_published_event_is_found_in_the_stream(
        tmp_path: Path, nats_url: str, jurisdiction: str) -> None:
    settings = sqlite_settings(tmp_path, jurisdiction)
    fill(tmp_path / "petitions.db", 300, relayed=False)
    await publish_everything(settings, nats_url)
    report = await asyncio.to_thread(
        audit, spec_of(SERVICE), settings, SERVICE, nats_url=nats_url, say=False)
    assert report.problems == []
    assert report.published_checked > 0



async def test_an_event_recorded_as_published_but_not_in_the_stream_is_named(
        tmp_path: Path, nats_url: str, jurisdiction: str) -> None:
    settings = sqlite_settings(tmp_path, jurisdiction)
    fill(tmp_path / "petitions.db", 300, relayed=False)
    with sqlite3.connect(tmp_path / "petitions.db") as db:
        skipped = UUID(db.execute("SELECT originator_id FROM stored_events "
                                  "WHERE rowid = 50").fetchone()[0])
    # A relay that loses one petition's events but records its position past them.
    await publish_everything(settings, nats_url, lambda e: None if e.originator_id == skipped
                             else translate(e))
    problems = await asyncio.to_thread(run_audit, settings, nats_url)
    assert problems and all(p.startswith("stream: notification") for p in problems), problems
    app = spec_of(SERVICE).open_app(settings)
    try:
        lost = [n.id for n in app.recorder.select_notifications(start=0, limit=10_000)
                if n.originator_id == skipped and translate(app.mapper.to_domain_event(n))]
    finally:
        app.close()
    assert sorted(int(p.split()[2]) for p in problems) == lost


async def test_an_event_edited_after_publication_is_caught_by_the_stream_not_the_seals(
        tmp_path: Path, nats_url: str, jurisdiction: str) -> None:
    settings = sqlite_settings(tmp_path, jurisdiction)
    fill(tmp_path / "petitions.db", 300, relayed=False)
    await publish_everything(settings, nats_url)
    with sqlite3.connect(tmp_path / "petitions.db") as db:  # tampering, in the test only
        row, state = db.execute("SELECT rowid, state FROM stored_events WHERE topic LIKE "
                                "'%Petition.Answered' ORDER BY rowid LIMIT 1").fetchone()
        edited = bytes(state).replace("Sở đã".encode(), "Sở chưa".encode(), 1)
        assert edited != bytes(state)
        db.execute("UPDATE stored_events SET state = ? WHERE rowid = ?", (edited, row))
    # No seal covered the row, and an audit without the stream seals the edited store...
    assert run_audit(settings) == []
    problems = await asyncio.to_thread(run_audit, settings, nats_url)
    # ...but the stream still holds the answer as it was published.
    assert len(problems) == 1 and problems[0].startswith(f"stream: notification {row} "), problems
    assert "changed after publication" in problems[0]


async def test_a_message_the_store_never_had_is_named(
        tmp_path: Path, nats_url: str, jurisdiction: str) -> None:
    settings = sqlite_settings(tmp_path, jurisdiction)
    fill(tmp_path / "petitions.db", 100, relayed=False)
    await publish_everything(settings, nats_url)
    client = await nats.connect(nats_url)
    forged_id = f"{jurisdiction}:{SERVICE}:99999999"
    try:
        subject = f"phoihop.{jurisdiction}.{SERVICE}.PetitionForwarded.v1"
        await client.jetstream().publish(subject, json.dumps({"id": forged_id}).encode())
        await client.jetstream().publish(subject, b"\x00 not json")
    finally:
        await client.close()
    problems = await asyncio.to_thread(run_audit, settings, nats_url)
    assert len(problems) == 2, problems
    assert problems[0].startswith("stream: message (not a CloudEvent)"), problems
    assert problems[1].startswith(f"stream: message {forged_id} "), problems


def edit_a_row_unseen_by_the_stream_and_delete_the_seal_file(tmp_path: Path) -> None:
    """A byte the decoded event does not show (its published copy stays the same)."""
    row = 100
    with sqlite3.connect(tmp_path / "petitions.db") as db:  # tampering, in the test only
        state = bytes(db.execute("SELECT state FROM stored_events WHERE rowid = ?",
                                 (row,)).fetchone()[0])
        db.execute("UPDATE stored_events SET state = ? WHERE rowid = ?", (state + b" ", row))
    for seals in tmp_path.glob("*.audit-seals.json"):
        seals.unlink()


async def test_signed_seals_in_the_stream_outlive_a_deleted_seal_file(
        tmp_path: Path, nats_url: str, jurisdiction: str) -> None:
    settings = sqlite_settings(tmp_path, jurisdiction)
    fill(tmp_path / "petitions.db", 300, relayed=False)
    await publish_everything(settings, nats_url)
    make_signing_key(tmp_path / "audit.key")  # in real use, kept off the store's host
    keys = AuditKeys.load(tmp_path / "audit.key", None)
    first = await asyncio.to_thread(audit, spec_of(SERVICE), settings, SERVICE,
                                    nats_url=nats_url, say=False, keys=keys)
    assert first.ok and first.seals_published == 1, first.summary()
    edit_a_row_unseen_by_the_stream_and_delete_the_seal_file(tmp_path)
    # Without the key, nothing covers the row any more: the edit is re-sealed...
    assert await asyncio.to_thread(run_audit, settings, nats_url) == []
    # ...but the seal in the stream, which only the key's holder could have signed, holds.
    verify_only = AuditKeys.load(None, tmp_path / "audit.key.pub")
    again = await asyncio.to_thread(audit, spec_of(SERVICE), settings, SERVICE,
                                    nats_url=nats_url, say=False, keys=verify_only)
    assert [p for p in again.problems if p.startswith("chain: seal at notification")], \
        again.problems


async def test_a_seal_not_signed_by_the_audit_key_is_named_and_not_trusted(
        tmp_path: Path, nats_url: str, jurisdiction: str) -> None:
    settings = sqlite_settings(tmp_path, jurisdiction)
    fill(tmp_path / "petitions.db", 100, relayed=False)
    await publish_everything(settings, nats_url)
    make_signing_key(tmp_path / "audit.key")
    make_signing_key(tmp_path / "other.key")
    forged = signed_message(jurisdiction, SERVICE, Seal(10, "00" * 32),
                            load_signing_key(tmp_path / "other.key"))
    client = await nats.connect(nats_url)
    try:
        await client.jetstream().publish(seal_subject(jurisdiction, SERVICE), forged)
        await client.jetstream().publish(seal_subject(jurisdiction, SERVICE), b"not a seal")
    finally:
        await client.close()
    report = await asyncio.to_thread(audit, spec_of(SERVICE), settings, SERVICE,
                                     nats_url=nats_url, say=False,
                                     keys=AuditKeys.load(tmp_path / "audit.key", None))
    assert len(report.problems) == 2, report.problems
    assert all("is not a seal signed by the audit key" in p for p in report.problems)
    assert report.seals_published == 0  # a failed audit signs nothing


async def test_one_record_is_proved_in_its_sealed_range_without_the_store(
        tmp_path: Path, nats_url: str, jurisdiction: str) -> None:
    settings = sqlite_settings(tmp_path, jurisdiction)
    fill(tmp_path / "petitions.db", 300, relayed=False)
    await publish_everything(settings, nats_url)
    make_signing_key(tmp_path / "audit.key")
    keys = AuditKeys.load(tmp_path / "audit.key", None)
    assert keys is not None
    sealed = await asyncio.to_thread(audit, spec_of(SERVICE), settings, SERVICE,
                                     nats_url=nats_url, say=False, keys=keys)
    assert sealed.ok and sealed.seals_published == 1, sealed.summary()
    published = await read_published(nats_url, jurisdiction, SERVICE)
    app = spec_of(SERVICE).open_app(settings)
    try:
        proof = make_proof(app, jurisdiction, SERVICE, 123, published, keys.public)
    finally:
        app.close()
    assert len(proof["path"]) <= 9 and proof["row"]["originator_version"] >= 1
    assert check_proof(json.loads(json.dumps(proof)), keys.public) == []
    altered = json.loads(json.dumps(proof))
    altered["row"]["topic"] += "x"
    assert check_proof(altered, keys.public) == [
        "the row and its path do not lead to the sealed root"]
    make_signing_key(tmp_path / "other.key")
    assert check_proof(proof, load_verify_key(tmp_path / "other.key")) == [
        "the seal is not signed by this key"]
    # Whoever holds only the published public key checks it the same way.
    assert check_proof(proof, load_verify_key(tmp_path / "audit.key.pub")) == []


async def publish_everything(
        settings: ServiceSettings, nats_url: str, translation: Any = translate) -> None:
    client = await nats.connect(nats_url)
    app = spec_of(SERVICE).open_app(settings)
    try:
        js = client.jetstream()
        await ensure_stream(js, settings.jurisdiction, SERVICE)
        relay = OutboxRelay(app, service=SERVICE, jurisdiction=settings.jurisdiction,
                            translate=translation, js=js)
        await relay.publish_pending()
    finally:
        app.close()
        await client.close()


@pytest.mark.postgres
async def test_postgres_store_is_audited_and_its_stream_checked(
        tmp_path: Path, fresh_postgres_dsn: str, nats_url: str, jurisdiction: str) -> None:
    fill(tmp_path / "petitions.db", 300, relayed=False)  # mapper-encoded events, copied over
    source = spec_of(SERVICE).open_app(sqlite_settings(tmp_path))
    settings = ServiceSettings(store="postgres", postgres_dsn=fresh_postgres_dsn,
                               data_dir=tmp_path / "pg", jurisdiction=jurisdiction)
    target = spec_of(SERVICE).open_app(settings)
    try:
        rows = source.recorder.select_notifications(start=0, limit=10_000)
        target.recorder.insert_events([
            StoredEvent(n.originator_id, n.originator_version, n.topic, n.state) for n in rows])
        before = target.recorder.max_notification_id() or 0
    finally:
        source.close()
        target.close()
    await publish_everything(settings, nats_url)
    report = await asyncio.to_thread(
        audit, spec_of(SERVICE), settings, SERVICE, nats_url=nats_url, say=False)
    assert report.problems == []
    assert report.events >= len(rows) and report.published_checked > 0 and before
