"""Programmes and their coordination, on the application (SQLite and in memory): an HĐND
topic and an MTTQ one on the same unit in overlapping windows, or on the same topic in the
same period, are an overlap named once; resolving it three ways."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest
from oversight_builders import CULTURE_COMMITTEE, HDND, MTTQ, UBND, YEAR, names, topic

from kernel.occurred import OccurredOnError
from oversight.application import Oversight, translate
from oversight.domain.errors import (
    IllegalTransitionError,
    InvalidCommandError,
    NotPermittedError,
)
from oversight.domain.overlap import Overlap, OverlapResolution
from oversight.domain.values import SupervisingBody

MTTQ_BODY = SupervisingBody.MTTQ
COMMITTEE = SupervisingBody.COMMITTEE
CULTURE = "Ban Văn hóa - Xã hội"


def adopt_hdnd(app: Oversight, *topics: object) -> object:
    return app.adopt_programme(HDND, year=YEAR, body=COMMITTEE, body_name=CULTURE,
                               items=list(topics) or [topic()])  # type: ignore[arg-type]


def test_the_same_unit_in_overlapping_windows_is_an_overlap(app: Oversight) -> None:
    adopt_hdnd(app, topic())
    mttq = app.adopt_programme(MTTQ, year=YEAR, body=MTTQ_BODY, items=[topic(
        "Giám sát công tác phòng cháy chữa cháy", units=("trường thpt  TÂN PHÚ",),
        start=date(2026, 4, 20), end=date(2026, 5, 10))])
    [overlap] = app.list_overlaps(open_only=True)
    assert overlap.shared_units == ["trường thpt TÂN PHÚ"]  # as the later topic names it
    assert overlap.topic_similarity is None
    assert (overlap.period.start, overlap.period.end) == (date(2026, 4, 20), date(2026, 4, 30))
    assert overlap.second["programme_id"] == str(mttq.id)
    assert names(app.history(overlap.id)) == ["OverlapDetected"]


def test_a_similar_topic_in_the_same_period_is_an_overlap(app: Oversight) -> None:
    adopt_hdnd(app, topic())
    app.adopt_programme(MTTQ, year=YEAR, body=MTTQ_BODY, items=[topic(
        "Thực hiện chính sách hỗ trợ học sinh ở vùng khó khăn", units=("Xã Mỹ Phong",),
        start=date(2026, 4, 25), end=date(2026, 5, 5))])
    [overlap] = app.list_overlaps()
    assert overlap.shared_units == []
    assert overlap.topic_similarity is not None and overlap.topic_similarity >= 0.57


def test_no_overlap_apart_in_time_or_on_one_side(app: Oversight) -> None:
    adopt_hdnd(app, topic())
    app.adopt_programme(MTTQ, year=YEAR, body=MTTQ_BODY, items=[topic(start=date(2026, 9, 1),
                                                                      end=date(2026, 9, 30))])
    app.adopt_programme(HDND, year=YEAR, body=SupervisingBody.STANDING_COMMITTEE,
                        items=[topic()])  # HĐND with HĐND: coordinated inside HĐND
    app.adopt_programme(MTTQ, year=YEAR, body=MTTQ_BODY, items=[topic(
        "Công tác cải cách hành chính", units=("Sở Nội vụ",))])  # other unit, other topic
    assert app.list_overlaps() == []


def test_a_topic_added_later_is_checked_and_an_overlap_is_named_once(app: Oversight) -> None:
    hdnd = adopt_hdnd(app, topic("Công tác cải cách hành chính", units=("Sở Nội vụ",)))
    mttq = app.adopt_programme(MTTQ, year=YEAR, body=MTTQ_BODY, items=[topic()])
    assert app.list_overlaps() == []
    item_id = uuid4()
    app.add_item(HDND, hdnd.id, topic(item_id=item_id))  # type: ignore[attr-defined]
    app.add_item(HDND, hdnd.id, topic(item_id=item_id))  # type: ignore[attr-defined]  # retry
    [overlap] = app.list_overlaps()
    assert overlap.first["programme_id"] == str(mttq.id)


def test_joint_or_accepted_resolve_it_and_it_leaves_the_open_list(app: Oversight) -> None:
    adopt_hdnd(app, topic())
    app.adopt_programme(MTTQ, year=YEAR, body=MTTQ_BODY, items=[topic()])
    [overlap] = app.list_overlaps(open_only=True)
    with pytest.raises(InvalidCommandError):  # accepting needs a reason
        app.resolve_overlap(MTTQ, overlap.id, resolution=OverlapResolution.ACCEPTED)
    with pytest.raises(NotPermittedError):
        app.resolve_overlap(UBND, overlap.id, resolution=OverlapResolution.JOINT)
    resolved = app.resolve_overlap(MTTQ, overlap.id, resolution=OverlapResolution.JOINT)
    assert resolved.resolution is OverlapResolution.JOINT
    assert app.list_overlaps(open_only=True) == []
    with pytest.raises(IllegalTransitionError):
        app.resolve_overlap(HDND, overlap.id, resolution=OverlapResolution.ACCEPTED,
                            reason="Khác nội dung")


def test_rescheduling_resolves_the_overlap_it_leaves(app: Oversight) -> None:
    hdnd = adopt_hdnd(app, topic())
    app.adopt_programme(MTTQ, year=YEAR, body=MTTQ_BODY, items=[topic()])
    [overlap] = app.list_overlaps(open_only=True)
    item_id = next(iter(hdnd.items))  # type: ignore[attr-defined]
    app.reschedule_item(HDND, hdnd.id, item_id, window_start=date(2026, 8, 1),  # type: ignore[attr-defined]
                        window_end=date(2026, 8, 31), reason="Tránh trùng với MTTQ")
    resolved = app.load(Overlap, overlap.id, "overlap")
    assert resolved.resolution is OverlapResolution.RESCHEDULED
    assert app.list_overlaps(open_only=True) == []


def test_each_body_runs_its_own_programme(app: Oversight) -> None:
    with pytest.raises(NotPermittedError):
        app.adopt_programme(MTTQ, year=YEAR, body=COMMITTEE, body_name=CULTURE, items=[topic()])
    with pytest.raises(NotPermittedError):
        app.adopt_programme(HDND, year=YEAR, body=MTTQ_BODY, items=[topic()])
    with pytest.raises(NotPermittedError):  # one committee's staff, another committee
        app.adopt_programme(CULTURE_COMMITTEE, year=YEAR, body=COMMITTEE,
                            body_name="Ban Kinh tế - Ngân sách", items=[topic()])
    own = app.adopt_programme(CULTURE_COMMITTEE, year=YEAR, body=COMMITTEE,
                              body_name="ban văn hóa - xã hội", items=[topic()])
    with pytest.raises(NotPermittedError):
        app.add_item(MTTQ, own.id, topic())
    assert len(app.list_programmes()) == 1


@pytest.mark.parametrize("bad", [
    dict(items=[]),
    dict(items=[topic("   ")]),
    dict(items=[topic(units=(" ", ""))]),
    dict(items=[topic(start=date(2026, 5, 1), end=date(2026, 4, 1))]),
    dict(items=[topic(start=date(2027, 1, 1), end=date(2027, 1, 31))]),
    dict(body_name=None),
    dict(adopted_on=date(2020, 1, 1)),
])
def test_bad_programmes_store_nothing(memory_app: Oversight, bad: dict[str, object]) -> None:
    command = {"year": YEAR, "body": COMMITTEE, "body_name": CULTURE, "items": [topic()], **bad}
    with pytest.raises(InvalidCommandError):
        memory_app.adopt_programme(HDND, **command)  # type: ignore[arg-type]
    assert memory_app.recorder.max_notification_id() in (None, 0)


def test_as_of_shows_the_programme_before_a_topic_was_added(app: Oversight) -> None:
    hdnd = adopt_hdnd(app, topic())
    before = app.now()
    app.add_item(HDND, hdnd.id, topic("Công tác cải cách hành chính",  # type: ignore[attr-defined]
                                      units=("Sở Nội vụ",)))
    [then] = app.list_programmes(as_of=before)
    assert len(then.items) == 1
    assert len(app.list_programmes()[0].items) == 2


def test_a_reschedule_is_dated_the_day_it_was_decided_never_before_the_adoption(
        app: Oversight) -> None:
    hdnd = app.adopt_programme(HDND, year=YEAR, body=COMMITTEE, body_name=CULTURE,
                               items=[topic()], adopted_on=date(2026, 1, 10))
    app.adopt_programme(MTTQ, year=YEAR, body=MTTQ_BODY, items=[topic()])
    [overlap] = app.list_overlaps(open_only=True)
    item_id = next(iter(hdnd.items))
    with pytest.raises(OccurredOnError):  # before the programme it moves was adopted
        app.reschedule_item(HDND, hdnd.id, item_id, window_start=date(2026, 8, 1),
                            window_end=date(2026, 8, 31), reason="Tránh trùng",
                            rescheduled_on=date(2026, 1, 9))
    app.reschedule_item(HDND, hdnd.id, item_id, window_start=date(2026, 8, 1),
                        window_end=date(2026, 8, 31), reason="Tránh trùng",
                        rescheduled_on=date(2026, 2, 3))
    moved = translate(app.history(hdnd.id)[-1])
    resolved = translate(app.history(overlap.id)[-1])
    assert moved is not None and moved.occurred_on == date(2026, 2, 3)
    assert resolved is not None and resolved.occurred_on == date(2026, 2, 3)
