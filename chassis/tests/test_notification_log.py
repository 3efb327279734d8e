"""Reading a notification log a page at a time: every notification once, in order, the
last page short, and only the topics asked for."""

from __future__ import annotations

from pathlib import Path

from eventsourcing.domain import Aggregate, event
from eventsourcing.utils import get_topic

from chassis.application import ServiceApplication
from chassis.notification_log import pages_after


class Tally(Aggregate):
    @event("Created")
    def __init__(self) -> None:
        pass

    @event("Counted")
    def count(self) -> None:
        pass


def tallies(path: Path, created: int) -> ServiceApplication:
    app = ServiceApplication(env={"PERSISTENCE_MODULE": "eventsourcing.sqlite",
                                  "SQLITE_DBNAME": str(path / "tallies.db")})
    for _ in range(created):
        tally = Tally()
        tally.count()
        app.save(tally)
    return app


def test_pages_hold_every_notification_once_in_order(tmp_path: Path) -> None:
    app = tallies(tmp_path, 5)  # ten notifications
    pages = list(pages_after(app.recorder, 0, 4))
    assert [len(page) for page in pages] == [4, 4, 2]
    assert [n.id for page in pages for n in page] == list(range(1, 11))


def test_a_full_last_page_ends_the_reading_without_an_empty_page(tmp_path: Path) -> None:
    app = tallies(tmp_path, 4)  # eight notifications
    assert [len(page) for page in pages_after(app.recorder, 0, 4)] == [4, 4]
    assert list(pages_after(app.recorder, 8, 4)) == []


def test_reading_starts_after_the_given_id_and_keeps_to_the_topics(tmp_path: Path) -> None:
    app = tallies(tmp_path, 5)
    after_three = [n.id for page in pages_after(app.recorder, 3, 4) for n in page]
    assert after_three == list(range(4, 11))
    created = get_topic(Tally.Created)  # type: ignore[attr-defined]
    pages = list(pages_after(app.recorder, 0, 2, [created]))
    assert [n.topic for page in pages for n in page] == [created] * 5
    assert [len(page) for page in pages] == [2, 2, 1]
