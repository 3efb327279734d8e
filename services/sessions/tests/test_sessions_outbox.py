"""Integration: what the outbox relay publishes for sessions, on SQLite and a real NATS.

The session's and the resolution's events become sessions v1 CloudEvents on the service's
stream, subject-named and decodable; a restarted relay publishes nothing twice.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest
from nats.aio.client import Client
from sessions_builders import HDND, UBND, SteppingClock, agenda_item

from chassis.messaging.nats_connection import connect
from chassis.messaging.relay import OutboxRelay
from chassis.messaging.streams import ensure_stream, stream_name
from chassis.settings import ServiceSettings
from chassis.stores import store_environment
from contracts import decode_cloudevent
from contracts.sessions import v1
from contracts.vocabulary import Agency, PolicyField
from sessions.application import Sessions, translate
from sessions.domain.session_parts import Counts
from sessions.domain.values import DocumentKind, SessionKind

pytestmark = pytest.mark.integration


@pytest.fixture
async def nc(nats_url: str) -> AsyncIterator[Client]:
    client = await connect(nats_url, "sessions-outbox-test")
    yield client
    await client.close()


def adopt_a_resolution(app: Sessions) -> None:
    session = app.plan_session(HDND, number=1, term="X", title="Kỳ họp thứ nhất",
                               kind=SessionKind.REGULAR, planned_opening=date(2025, 7, 15),
                               place="Hội trường", total_deputies=50)
    app.hold_joint_meeting(HDND, session.id, held_on=date(2025, 6, 20),
                           attending=[Agency.HDND, Agency.UBND, Agency.MTTQ],
                           agreed_opening=date(2025, 7, 15), agenda=[agenda_item()])
    draft = app.submit_document(UBND, session.id, kind=DocumentKind.DRAFT_RESOLUTION,
                                title="Dự thảo", field=PolicyField.LAND,
                                submitted_on=date(2025, 7, 12))
    document_id = next(iter(draft.documents))
    app.convene(HDND, session.id, present=50, opened_on=date(2025, 7, 15))
    app.vote(HDND, session.id, document_id=document_id, counts=Counts(26, 24, 0, 0),
             number="1/2025/NQ-HĐND", voted_on=date(2025, 7, 16))


async def test_the_relay_publishes_sessions_events_once(tmp_path: Path, nc: Client,
                                                        jurisdiction: str) -> None:
    settings = ServiceSettings(store="sqlite", data_dir=tmp_path, jurisdiction=jurisdiction)
    env = store_environment(settings, "sessions")
    app = Sessions(env, clock=SteppingClock())
    adopt_a_resolution(app)
    js = nc.jetstream()
    await ensure_stream(js, jurisdiction, "sessions")

    def relay(of: Sessions) -> OutboxRelay:
        return OutboxRelay(of, service="sessions", jurisdiction=jurisdiction,
                           translate=translate, js=js)

    assert await relay(app).publish_pending() == 6  # Adopted stays private
    stream = stream_name(jurisdiction, "sessions")
    info = await js.stream_info(stream)
    messages = [await js.get_msg(stream, seq) for seq in range(1, info.state.last_seq + 1)]
    received = [decode_cloudevent(m.data or b"") for m in messages]
    assert [type(r.data).__name__ for r in received] == [
        "SessionPlanned", "JointMeetingHeld", "DocumentSubmitted", "DocumentSubmittedLate",
        "SessionConvened", "ResolutionPassed"]
    passed = received[-1].data
    assert isinstance(passed, v1.ResolutionPassed)
    assert (passed.yes, passed.total_deputies, received[-1].subject) == (
        26, 50, str(passed.session_id))
    assert messages[-1].subject == f"phoihop.{jurisdiction}.sessions.ResolutionPassed.v1"
    app.close()

    reopened = Sessions(env, clock=SteppingClock())  # a restart: the position was recorded
    assert await relay(reopened).publish_pending() == 0
    assert (await js.stream_info(stream)).state.messages == 6
    reopened.close()
