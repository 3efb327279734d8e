"""The oversight application on SQLite and PostgreSQL: its catalogue persists with the
events, and a restarted application still finds the overlaps with what was planned before
it started."""

from __future__ import annotations

from pathlib import Path

import pytest
from oversight_builders import HDND, MTTQ, YEAR, SteppingClock, topic

from chassis.stores import postgres_environment
from oversight.application import Oversight
from oversight.domain.values import SupervisingBody

pytestmark = pytest.mark.integration


@pytest.fixture(params=["sqlite", "postgres"])
def store_env(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    if request.param == "sqlite":
        return {"PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "SQLITE_DBNAME": str(tmp_path / "oversight.db")}
    return postgres_environment(request.getfixturevalue("fresh_postgres_dsn"), "oversight")


def test_a_restarted_service_finds_the_overlap_with_what_it_held(
    store_env: dict[str, str]
) -> None:
    first = Oversight(store_env, clock=SteppingClock())
    hdnd = first.adopt_programme(HDND, year=YEAR, body=SupervisingBody.STANDING_COMMITTEE,
                                 items=[topic()])
    first.close()

    second = Oversight(store_env, clock=SteppingClock())
    second.catalogue.warm_up()
    assert [p.id for p in second.list_programmes()] == [hdnd.id]
    second.adopt_programme(MTTQ, year=YEAR, body=SupervisingBody.MTTQ, items=[topic()])
    [overlap] = second.list_overlaps(open_only=True)
    assert overlap.first["programme_id"] == str(hdnd.id)
    assert set(second.catalogue.kinds().values()) == {"Programme", "Overlap"}
    second.close()
