"""`phoihop audit --service oversight` on a real SQLite store whose events the relay
published to a real NATS: clean, then a tampered read model is named."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from oversight_builders import HDND, MTTQ, YEAR, SteppingClock, topic

from chassis.audit.run import audit, spec_of
from chassis.messaging.nats_connection import connect
from chassis.messaging.relay import OutboxRelay
from chassis.messaging.streams import ensure_stream
from chassis.settings import ServiceSettings
from chassis.stores import store_environment
from oversight.application import Oversight, translate
from oversight.domain.values import SupervisingBody

pytestmark = pytest.mark.integration


async def test_the_audit_checks_the_store_the_read_model_and_the_stream(
        tmp_path: Path, nats_url: str, jurisdiction: str) -> None:
    settings = ServiceSettings(store="sqlite", data_dir=tmp_path, jurisdiction=jurisdiction)
    app = Oversight(store_environment(settings, "oversight"), clock=SteppingClock())
    hdnd = app.adopt_programme(HDND, year=YEAR, body=SupervisingBody.STANDING_COMMITTEE,
                               items=[topic()])
    app.adopt_programme(MTTQ, year=YEAR, body=SupervisingBody.MTTQ, items=[topic()])
    app.list_programmes()  # the catalogue caught up
    client = await connect(nats_url, "oversight-audit-test")
    try:
        js = client.jetstream()
        await ensure_stream(js, jurisdiction, "oversight")
        relay = OutboxRelay(app, service="oversight", jurisdiction=jurisdiction,
                            translate=translate, js=js)
        assert await relay.publish_pending() == 3
    finally:
        await client.close()
        app.close()

    spec = spec_of("oversight")
    report = await asyncio.to_thread(audit, spec, settings, "oversight", nats_url=nats_url,
                                     say=False)
    assert report.problems == []
    assert report.published_checked == 3
    with sqlite3.connect(tmp_path / "oversight.db") as tampering:
        tampering.execute("DELETE FROM oversight_records WHERE id = ?", (str(hdnd.id),))
    report = await asyncio.to_thread(audit, spec, settings, "oversight", say=False)
    assert report.problems == [f"read model: Programme {hdnd.id} is missing"]
