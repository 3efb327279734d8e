"""The read model the audit checks: the catalogue's rows against the rebuilt aggregates."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from oversight_builders import HDND, MTTQ, YEAR, SteppingClock, topic

from oversight.application import Oversight
from oversight.application.audit import check_read_model
from oversight.domain.values import SupervisingBody

pytestmark = pytest.mark.integration


def test_the_audit_finds_rows_that_differ_from_the_events(tmp_path: Path) -> None:
    path = tmp_path / "oversight.db"
    app = Oversight({"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(path)},
                    clock=SteppingClock())
    hdnd = app.adopt_programme(HDND, year=YEAR, body=SupervisingBody.STANDING_COMMITTEE,
                               items=[topic()])
    app.adopt_programme(MTTQ, year=YEAR, body=SupervisingBody.MTTQ, items=[topic()])
    [overlap] = app.list_overlaps()
    aggregates = {record_id: app.repository.get(record_id)
                  for record_id in app.catalogue.kinds()}
    assert len(aggregates) == 3
    assert check_read_model(app, aggregates) == []
    with sqlite3.connect(path) as tampering:
        tampering.execute("UPDATE oversight_records SET kind = 'Programme' WHERE id = ?",
                          (str(overlap.id),))
        tampering.execute("DELETE FROM oversight_records WHERE id = ?", (str(hdnd.id),))
    assert sorted(check_read_model(app, aggregates)) == sorted([
        f"read model: Programme {hdnd.id} is missing",
        f"read model: Overlap {overlap.id} is listed as a Programme"])
    app.close()
