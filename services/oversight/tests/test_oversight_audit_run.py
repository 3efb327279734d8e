"""`phoihop audit --service oversight` on a real SQLite store whose events the relay
published to a real NATS: clean, then a tampered read model is named."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from oversight_builders import HDND, MTTQ, YEAR, SteppingClock, topic
from review_builders import consume_own_events

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
        assert consume_own_events(app, jurisdiction) == 3  # the review's consumer, caught up
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


async def test_the_audit_rederives_the_review_from_every_store_and_names_a_lost_fact(
        tmp_path: Path, jurisdiction: str) -> None:
    settings = ServiceSettings(store="sqlite", data_dir=tmp_path, jurisdiction=jurisdiction)
    app = Oversight(store_environment(settings, "oversight"), clock=SteppingClock())
    app.adopt_programme(HDND, year=YEAR, body=SupervisingBody.STANDING_COMMITTEE,
                        items=[topic(), topic("Công tác chuyển đổi số", start=date(YEAR, 9, 1),
                                             end=date(YEAR, 9, 20))])
    assert consume_own_events(app, jurisdiction) == 1
    assert app.review(app.review_period(date(YEAR, 1, 1), date(YEAR, 12, 31)), None,
                      jurisdiction)["sections"][2]["figures"][0]["value"] == 2
    app.close()

    spec = spec_of("oversight")
    report = await asyncio.to_thread(audit, spec, settings, "oversight", say=False)
    assert report.problems == []
    with sqlite3.connect(tmp_path / "oversight.db") as tampering:
        [(lost,)] = tampering.execute(
            "SELECT fact_id FROM oversight_review_facts ORDER BY fact_id LIMIT 1").fetchall()
        tampering.execute("DELETE FROM oversight_review_facts WHERE fact_id = ?", (lost,))
    report = await asyncio.to_thread(audit, spec, settings, "oversight", say=False)
    assert report.problems[0] == (f"review: fact {lost} of the stores is missing from the "
                                  "service's tables")
    assert any(p.startswith(f"review {YEAR}: oversight.topics is (1,") for p in report.problems)
