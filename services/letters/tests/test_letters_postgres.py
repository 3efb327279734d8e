"""On PostgreSQL: the letters store and the vault in two databases (the vault's own, as
deployed with its own role), a denunciation's life, the reveal log and the erasure."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from urllib.parse import urlparse, urlunparse

import psycopg
import pytest
from letters_builders import UBND, UBND_LEADER, SteppingClock

from chassis.audit.run import audit, spec_of
from letters.bootstrap import build_letters
from letters.domain.letter import Intake
from letters.domain.reception import Holder, Receiver, Session
from letters.domain.values import Channel, LetterKind
from letters.settings import LettersSettings
from letters.vault.vault import Identity, IdentityErasedError

pytestmark = [pytest.mark.integration, pytest.mark.postgres]

DENOUNCER = Identity(name="Lưu Thị Bích Thủy", identity_number="087195033618",
                     address="Ấp Phú Hòa, xã Long Định", phone="0978 440 126")


@pytest.fixture
def vault_dsn(postgres_dsn: str) -> Iterator[str]:
    name = f"test_vault_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_dsn, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunparse(urlparse(postgres_dsn)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(postgres_dsn, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_letters_and_the_vault_on_two_postgres_databases(
        fresh_postgres_dsn: str, vault_dsn: str, tmp_path: object) -> None:
    settings = LettersSettings(environment="test", store="postgres",
                               postgres_dsn=fresh_postgres_dsn,
                               letters_vault_postgres_dsn=vault_dsn, data_dir=tmp_path)
    letters = build_letters(settings, clock=SteppingClock())
    try:
        letter = letters.receive(UBND, Intake(
            kind=LetterKind.DENUNCIATION, channel=Channel.RECEPTION,
            received_on=date(2026, 9, 14), summary="Tố cáo lấn chiếm đất công ở ấp Phú Hòa"),
            denouncer=DENOUNCER)
        letters.accept(UBND, letter.id, accepted_on=date(2026, 9, 16))
        assert letters.reveal_denouncer(UBND_LEADER, letter.id, why="Xác minh") == DENOUNCER
        held = letters.record_reception(UBND, Session(
            Holder(Receiver.UBND_CHAIR_COMMUNE, "Xã Long Định"), date(2026, 9, 14),
            "Chủ tịch UBND xã", True, None, 4, (letter.id,)))
        (row,) = letters.receptions.rows()
        assert (row.id, row.online, row.letters) == (str(held.id), True, 1)
        assert letters.record_missed_receptions() > 0  # weeks since, and the province's
        letters.erase_denouncer(UBND_LEADER, letter.id, why="Hết hạn lưu")
        with pytest.raises(IdentityErasedError):
            letters.reveal_denouncer(UBND_LEADER, letter.id, why="Xem lại")
    finally:
        letters.close()
    with psycopg.connect(fresh_postgres_dsn) as db:
        tables = {r[0] for r in db.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()}
    assert not any("vault" in t for t in tables)  # the letters database holds no vault table
    with psycopg.connect(vault_dsn) as db:
        sealed = db.execute("SELECT count(*) FROM lettersvault_vault_sealed").fetchone()
        events = db.execute("SELECT count(*) FROM lettersvault_events").fetchone()
    assert (sealed, events) == ((0,), (3,))  # deposited, reveal granted, erased
    report = audit(spec_of("letters"), settings, "letters", say=False)
    assert report.problems == []
