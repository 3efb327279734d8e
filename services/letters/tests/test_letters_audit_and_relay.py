"""``phoihop audit --service letters`` over a filled store, a read model gone wrong, and
what the outbox relay publishes on a real NATS: letters v1 events without any identity."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date

import pytest
from letters_builders import UBND, UBND_LEADER
from nats.aio.client import Client

from chassis.audit.run import audit, spec_of
from chassis.messaging.nats_connection import connect
from chassis.messaging.relay import OutboxRelay
from chassis.messaging.streams import ensure_stream, stream_name
from contracts import decode_cloudevent
from letters.application import Letters, translate
from letters.domain.letter import Intake
from letters.domain.values import Channel, LetterKind
from letters.settings import LettersSettings
from letters.vault.vault import Identity

DENOUNCER = Identity(name="Vương Thị Ngọc Diệp", identity_number="086190077215",
                     phone="0933 271 845")


def fill(letters: Letters) -> None:
    denounced = letters.receive(UBND, Intake(
        kind=LetterKind.DENUNCIATION, channel=Channel.MAIL, received_on=date(2026, 10, 5),
        summary="Tố cáo việc thu phí trái quy định tại chợ Vĩnh Kim"), denouncer=DENOUNCER)
    letters.accept(UBND, denounced.id, accepted_on=date(2026, 10, 8))
    letters.reveal_denouncer(UBND_LEADER, denounced.id, why="Xác minh")
    complaint = letters.receive(UBND, Intake(
        kind=LetterKind.COMPLAINT, channel=Channel.RECEPTION, received_on=date(2026, 10, 6),
        summary="Khiếu nại quyết định thu hồi đất ấp Long Hưng", sender_name="Đỗ Văn Lành"))
    letters.accept(UBND, complaint.id, accepted_on=date(2026, 10, 9))
    letters.decide(UBND, complaint.id, outcome="Bác đơn", decided_on=date(2026, 11, 2))


def test_a_clean_store_passes_the_audit_and_a_wrong_row_is_named(
        letters: Letters, settings: LettersSettings) -> None:
    fill(letters)
    letters.catalogue.all()  # the read model caught up
    report = audit(spec_of("letters"), settings, "letters", say=False)
    assert report.problems == []
    rows = letters.catalogue.projection.tables
    with rows.transaction(commit=True) as cursor:
        cursor.execute(f"UPDATE {rows.table('letter_records')} SET summary = 'sửa'")
    report = audit(spec_of("letters"), settings, "letters", say=False)
    assert len(report.problems) == 2
    assert all("holds another summary" in p for p in report.problems)


@pytest.fixture
async def nc(nats_url: str) -> AsyncIterator[Client]:
    client = await connect(nats_url, "letters-outbox-test")
    yield client
    await client.close()


@pytest.mark.integration
async def test_the_relay_publishes_letters_events_once_and_no_identity(
        letters: Letters, nc: Client, jurisdiction: str) -> None:
    fill(letters)
    js = nc.jetstream()
    await ensure_stream(js, jurisdiction, "letters")
    relay = OutboxRelay(letters, service="letters", jurisdiction=jurisdiction,
                        translate=translate, js=js)
    assert await relay.publish_pending() == 5
    assert await relay.publish_pending() == 0
    stream = stream_name(jurisdiction, "letters")
    info = await js.stream_info(stream)
    messages = [await js.get_msg(stream, seq) for seq in range(1, info.state.last_seq + 1)]
    events = [decode_cloudevent(m.data or b"").data for m in messages]
    names = [type(event).__name__ for event in events]
    assert names == ["LetterReceived", "LetterAccepted", "LetterReceived", "LetterAccepted",
                     "LetterDecided"]
    # Each act's day (decision 16) and the moment it was recorded travel with it.
    assert [e.occurred_on for e in events] == [
        date(2026, 10, 5), date(2026, 10, 8), date(2026, 10, 6), date(2026, 10, 9),
        date(2026, 11, 2)]
    assert all(e.recorded_at is not None and e.recorded_at.year == 2027 for e in events)
    wire = b"".join(m.data or b"" for m in messages)
    for value in (*DENOUNCER.as_dict().values(), "Đỗ Văn Lành", "chợ Vĩnh Kim"):
        assert value is None or value.encode() not in wire
