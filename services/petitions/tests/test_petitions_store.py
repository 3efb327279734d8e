"""The petitions application on real stores: a SQLite file, and PostgreSQL (a database of
its own per test, created and dropped)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from eventsourcing.persistence import IntegrityError
from petitions_testkit import HDND, MTTQ, TODAY, UBND, SettableClock

from chassis.stores import postgres_environment
from chassis.web.idempotency import IdempotentRequest, execute_idempotently
from contracts.vocabulary import Agency, JurisdictionLevel, PolicyField
from petitions.application import PetitionQuery, Petitions
from petitions.domain.consolidation import consolidate
from petitions.domain.petition import Petition
from petitions.domain.values import PetitionStatus

pytestmark = pytest.mark.integration
ROAD = "Đề nghị sửa chữa đường tỉnh 864 đoạn qua xã Tân Phú bị xuống cấp nghiêm trọng"
ROAD_AGAIN = "Cử tri phản ánh đường tỉnh 864 qua xã Tân Phú xuống cấp, đề nghị sửa chữa"


class TestPetitionsStore:
    """Runs on a SQLite file; the subclass below runs the same tests on PostgreSQL."""

    @pytest.fixture
    def env(self, tmp_path: Path) -> dict[str, str]:
        return {"PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "SQLITE_DBNAME": str(tmp_path / "petitions.db"), "SQLITE_LOCK_TIMEOUT": "10"}

    @pytest.fixture
    def apps(self, env: dict[str, str], clock: SettableClock) -> Iterator[list[Petitions]]:
        made: list[Petitions] = []
        yield made
        for app in made:
            app.close()

    def open(self, apps: list[Petitions], env: dict[str, str], clock: SettableClock) -> Petitions:
        app = Petitions(env, clock=clock)
        apps.append(app)
        return app

    def test_a_fresh_instance_reads_everything_back(
        self, apps: list[Petitions], env: dict[str, str], clock: SettableClock
    ) -> None:
        first = self.open(apps, env, clock)
        one = first.record_petition(UBND, text=ROAD, channel="deputy", commune="Tân Phú")
        two = first.record_petition(UBND, text=ROAD_AGAIN, channel="mail", commune="Mỹ Phong")
        merged = first.consolidate(HDND, [one.id, two.id], ROAD)
        first.classify(HDND, merged.id, field=PolicyField.TRANSPORT,
                       level=JurisdictionLevel.PROVINCE, agency=Agency.UBND)
        first.forward(HDND, merged.id)
        second = self.open(apps, env, clock)
        again = second.petition(merged.id)
        assert again.status == PetitionStatus.FORWARDED and again.communes == ["Mỹ Phong",
                                                                                "Tân Phú"]
        assert second.current_id(one.id) == merged.id
        [row] = second.list_petitions(PetitionQuery()).items  # rebuilt from the log
        assert (row.id, row.status, row.source_count) == (merged.id, PetitionStatus.FORWARDED, 2)
        assert [r.id for r, _ in second.similar_to_text(ROAD_AGAIN)] == [merged.id]

    def test_a_consolidation_with_a_stale_petition_saves_nothing(
        self, apps: list[Petitions], env: dict[str, str], clock: SettableClock
    ) -> None:
        app, other = self.open(apps, env, clock), self.open(apps, env, clock)
        one = app.record_petition(UBND, text=ROAD, channel="deputy", commune="Tân Phú")
        two = app.record_petition(UBND, text=ROAD_AGAIN, channel="deputy", commune="Tân Phú")
        stale_one, stale_two = app.petition(one.id), app.petition(two.id)
        other.classify(HDND, two.id, field=PolicyField.TRANSPORT,
                       level=JurisdictionLevel.PROVINCE, agency=Agency.UBND)
        before = app.recorder.max_notification_id()
        merged = consolidate(MTTQ, ROAD, [stale_one, stale_two], today=TODAY)
        with pytest.raises(IntegrityError):
            app.save(merged, stale_one, stale_two)
        assert app.recorder.max_notification_id() == before
        assert app.petition(one.id).merged_into is None

    def test_a_keyed_command_and_its_record_are_saved_together(
        self, apps: list[Petitions], env: dict[str, str], clock: SettableClock
    ) -> None:
        app = self.open(apps, env, clock)
        request = IdempotentRequest.of(scope="ubnd:staff", key="k-1", method="POST",
                                       path="/petitions", body={"text": ROAD})
        def command() -> Petition:
            return app.record_petition(UBND, text=ROAD, channel="online", commune="Tân Phú")
        first = execute_idempotently(app, request, command, lambda p: {"id": str(p.id)})
        assert app.recorder.max_notification_id() == 2  # the petition and the record
        again = execute_idempotently(self.open(apps, env, clock), request, command,
                                     lambda p: {"id": str(p.id)})
        assert again.replayed and again.body == first.body
        assert app.recorder.max_notification_id() == 2


class TestPetitionsStorePostgres(TestPetitionsStore):
    """The same tests on PostgreSQL."""

    pytestmark = pytest.mark.postgres

    @pytest.fixture
    def env(self, fresh_postgres_dsn: str) -> Iterator[dict[str, str]]:
        yield postgres_environment(fresh_postgres_dsn, "petitions")
