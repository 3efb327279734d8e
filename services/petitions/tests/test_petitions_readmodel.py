"""Application: the petitions list (read model) and similar-petition suggestions."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from petitions_testkit import HDND, MTTQ, TODAY, UBND, SettableClock

from contracts.vocabulary import Agency, JurisdictionLevel, PolicyField
from kernel.text import fold
from petitions.application import PetitionQuery, Petitions
from petitions.application.readmodel import PetitionReadModel
from petitions.domain.petition import Petition
from petitions.domain.values import PetitionStatus

ROAD = "Đề nghị sửa chữa đường tỉnh 864 đoạn qua xã Tân Phú bị xuống cấp nghiêm trọng"
ROAD_AGAIN = "Cử tri phản ánh đường tỉnh 864 qua xã Tân Phú xuống cấp, đề nghị sửa chữa"
SCHOOL = "Đề nghị xây thêm phòng học cho trường tiểu học Mỹ Phong"
FLOOD = "Kênh Xáng bị bồi lắng gây ngập úng ruộng lúa, đề nghị nạo vét"


@pytest.fixture
def petitions(store_env: dict[str, str], clock: SettableClock) -> Iterator[Petitions]:
    app = Petitions(store_env, clock=clock)
    yield app
    app.close()


def record(app: Petitions, text: str, commune: str = "Tân Phú") -> Petition:
    return app.record_petition(UBND, text=text, channel="deputy", commune=commune)


def ids(app: Petitions, **filters: object) -> list[object]:
    page = app.list_petitions(PetitionQuery(**filters))  # type: ignore[arg-type]
    return [row.id for row in page.items]


def test_fold_ignores_accents_case_and_spacing() -> None:
    assert fold("  Đường  TỈNH ") == "duong tinh"
    assert fold("Nạo vét kênh") == fold("nao vet KENH")
    assert fold("a \u0301 Đường\u00a0\tXÃ") == "a duong xa"  # a lone accent is no word


def test_reads_see_their_own_writes(petitions: Petitions) -> None:
    first = record(petitions, ROAD)
    assert ids(petitions) == [first.id]
    second = record(petitions, SCHOOL, "Mỹ Phong")
    assert ids(petitions) == [second.id, first.id]  # newest first


def test_filters_by_status_agency_field_level_commune_and_text(petitions: Petitions) -> None:
    road, school, flood = (record(petitions, ROAD), record(petitions, SCHOOL, "Mỹ Phong"),
                           record(petitions, FLOOD, "Mỹ Phong"))
    petitions.classify(HDND, road.id, field=PolicyField.TRANSPORT,
                       level=JurisdictionLevel.PROVINCE, agency=Agency.UBND)
    petitions.classify(HDND, school.id, field=PolicyField.EDUCATION,
                       level=JurisdictionLevel.COMMUNE, agency=Agency.UBND)
    petitions.forward(HDND, road.id)
    assert ids(petitions, status=PetitionStatus.FORWARDED) == [road.id]
    assert ids(petitions, status=PetitionStatus.RECORDED) == [flood.id]
    assert ids(petitions, agency=Agency.UBND) == [school.id, road.id]
    assert ids(petitions, field=PolicyField.EDUCATION) == [school.id]
    assert ids(petitions, level=JurisdictionLevel.PROVINCE) == [road.id]
    assert ids(petitions, commune="my phong") == [flood.id, school.id]
    assert ids(petitions, text="NAO VET kenh") == [flood.id]  # accent-insensitive
    assert ids(petitions, text="đường 864") == [road.id]
    assert ids(petitions, text="duong 999") == []


def test_pagination_reports_the_total(petitions: Petitions) -> None:
    made = [record(petitions, f"Kiến nghị số {n}").id for n in range(7)]
    page = petitions.list_petitions(PetitionQuery(limit=3, offset=3))
    assert page.total == 7 and (page.limit, page.offset) == (3, 3)
    assert [row.id for row in page.items] == list(reversed(made))[3:6]
    assert petitions.list_petitions(PetitionQuery(limit=3, offset=6)).items[0].id == made[0]


def test_overdue_follows_the_clock_and_ends_with_the_answer(
    petitions: Petitions, clock: SettableClock
) -> None:
    petition = record(petitions, ROAD)
    petitions.classify(HDND, petition.id, field=PolicyField.TRANSPORT,
                       level=JurisdictionLevel.PROVINCE, agency=Agency.UBND)
    petitions.forward(HDND, petition.id)
    assert ids(petitions, overdue=True) == []
    clock.advance(timedelta(days=30))
    assert ids(petitions, overdue=True) == []  # due today is not late yet
    clock.advance(timedelta(days=1))
    assert ids(petitions, overdue=True) == [petition.id]
    assert ids(petitions, overdue=False) == []
    petitions.answer(UBND, petition.id, "Trả lời muộn")
    assert ids(petitions, overdue=True) == []


def test_merged_petitions_leave_the_list_and_come_back_on_split(petitions: Petitions) -> None:
    one, two = record(petitions, ROAD), record(petitions, ROAD_AGAIN)
    merged = petitions.consolidate(MTTQ, [one.id, two.id], ROAD)
    assert ids(petitions) == [merged.id]
    assert set(ids(petitions, status=PetitionStatus.CONSOLIDATED)) == {one.id, two.id}
    [row] = petitions.list_petitions(PetitionQuery()).items
    assert (row.source_count, row.communes) == (2, ["Tân Phú"])
    petitions.split(MTTQ, merged.id, "Khác nội dung")
    assert ids(petitions) == [two.id, one.id]
    assert ids(petitions, status=PetitionStatus.WITHDRAWN) == [merged.id]


def test_similar_petitions_are_suggested_best_first(petitions: Petitions) -> None:
    road, _, _ = (record(petitions, ROAD), record(petitions, SCHOOL), record(petitions, FLOOD))
    found = petitions.similar_to_text(ROAD_AGAIN)
    assert [row.id for row, _ in found] == [road.id]
    assert 0.6 <= found[0][1] <= 1.0
    assert petitions.similar_to(road.id) == []  # never itself


def test_the_similarity_index_follows_consolidation_and_split(petitions: Petitions) -> None:
    one, two = record(petitions, ROAD), record(petitions, ROAD_AGAIN)
    assert [row.id for row, _ in petitions.similar_to(one.id)] == [two.id]
    merged = petitions.consolidate(HDND, [one.id, two.id], ROAD)
    assert [row.id for row, _ in petitions.similar_to_text(ROAD)] == [merged.id]
    petitions.split(HDND, merged.id, "Tách")
    found = {row.id for row, _ in petitions.similar_to_text(ROAD)}
    assert found == {one.id, two.id}


def test_the_threshold_is_configurable(clock: SettableClock, store_env: dict[str, str]) -> None:
    app = Petitions(store_env, clock=clock, similarity_threshold=1.0)
    record(app, ROAD)
    assert app.similar_to_text(ROAD_AGAIN) == []



def test_queries_queued_behind_one_read_of_the_log_share_it(
    petitions: Petitions, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Queries that asked while another catch-up was under way are served by the one
    that reads after they asked, which sees every write committed before it: still
    their own writes. A query finding nothing new in the log reads none of it."""
    first = record(petitions, ROAD)
    model = petitions.read_model
    reads: list[int] = []
    asked: list[int] = []
    select = petitions.recorder.select_notifications
    highest = petitions.recorder.max_notification_id

    def counted(*args: Any, **kwargs: Any) -> Any:
        reads.append(1)
        return select(*args, **kwargs)

    def asking() -> Any:
        asked.append(1)
        return highest()

    monkeypatch.setattr(petitions.recorder, "select_notifications", counted)
    monkeypatch.setattr(petitions.recorder, "max_notification_id", asking)
    results: list[list[object]] = []
    with model.projection._reading:  # someone else is catching up: the queries below queue
        second = record(petitions, SCHOOL, "Mỹ Phong")
        workers = [threading.Thread(target=lambda: results.append(ids(petitions)))
                   for _ in range(3)]
        for worker in workers:
            worker.start()
        deadline = time.monotonic() + 10
        while len(asked) < 3:
            assert time.monotonic() < deadline, "the queries did not ask"
            time.sleep(0.01)
    for worker in workers:
        worker.join(10)
    assert results == [[second.id, first.id]] * 3
    assert len(reads) == 1
    ids(petitions)  # nothing new since: the log is not read
    assert len(reads) == 1
    third = record(petitions, FLOOD, "Mỹ Phong")
    assert ids(petitions) == [third.id, second.id, first.id]  # something new: read again
    assert len(reads) == 2


def test_a_query_with_nothing_new_does_not_wait_for_a_catch_up(petitions: Petitions) -> None:
    """Only a query that needs the log's newer events waits for the one catch-up."""
    first = record(petitions, ROAD)
    assert ids(petitions) == [first.id]
    results: list[list[object]] = []
    with petitions.read_model.projection._reading:
        worker = threading.Thread(target=lambda: results.append(ids(petitions)))
        worker.start()
        worker.join(10)
        assert results == [[first.id]]


def test_warming_up_rebuilds_the_model_says_how_far_and_then_reports_ready(
    caplog: pytest.LogCaptureFixture, store_env: dict[str, str],
) -> None:
    app = Petitions(store_env)
    for n in range(3):
        app.record_petition(MTTQ, text=f"Đề nghị nạo vét kênh ấp {n}", channel="mail",
                            commune="Tân Phú")
    fresh = PetitionReadModel(app)
    assert fresh.readiness() == "petitions read model catching up: 0 of 0 events"
    with caplog.at_level(logging.INFO, logger="chassis.projection"):
        fresh.warm_up()
    assert fresh.readiness() is None
    assert "petitions read model: catching up from event 0 to 3" in caplog.text
    assert "petitions read model: ready at event 3" in caplog.text
    assert fresh.query(PetitionQuery(), TODAY).total == 3


def test_a_restart_finds_the_model_where_it_was_without_reading_the_log(
    tmp_path: Path, clock: SettableClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {"PERSISTENCE_MODULE": "eventsourcing.sqlite",
           "SQLITE_DBNAME": str(tmp_path / "petitions.db")}
    before = Petitions(env, clock=clock)
    road, school = record(before, ROAD), record(before, SCHOOL, "Mỹ Phong")
    before.forward(HDND, before.classify(
        HDND, road.id, field=PolicyField.TRANSPORT, level=JurisdictionLevel.PROVINCE,
        agency=Agency.UBND).id)
    expected = before.list_petitions(PetitionQuery())
    before.close()

    after = Petitions(env, clock=clock)
    monkeypatch.setattr(after.recorder, "select_notifications", _no_read_expected)
    after.read_model.warm_up()
    assert after.read_model.readiness() is None
    assert after.list_petitions(PetitionQuery()) == expected
    assert ids(after, status=PetitionStatus.FORWARDED) == [road.id]
    assert [row.id for row, _ in after.similar_to_text(ROAD_AGAIN)] == [road.id]
    assert school.id in ids(after, text="phong hoc")
    after.close()


def _no_read_expected(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("the log was read although the model was caught up")


def test_the_audit_finds_a_persisted_row_that_differs_from_its_events(
    tmp_path: Path, clock: SettableClock
) -> None:
    import sqlite3

    from petitions.application.audit import check_read_model

    path = tmp_path / "petitions.db"
    app = Petitions({"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(path)},
                    clock=clock)
    road, school = record(app, ROAD), record(app, SCHOOL, "Mỹ Phong")
    aggregates = {p.id: app.petition(p.id) for p in (road, school)}
    assert check_read_model(app, aggregates) == []
    with sqlite3.connect(path) as tampering:
        tampering.execute("UPDATE petitions_petition_rows SET summary = replace(summary, "
                          "'Tân Phú', 'Tân Phước') WHERE id = ?", (str(road.id),))
    assert check_read_model(app, aggregates) == [
        f"read model: petition {road.id} differs from its events"]
    app.close()
