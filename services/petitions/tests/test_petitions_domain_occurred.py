"""Domain: each act of a petition is dated the day it happened, not the day it is typed
(kernel.occurred): never in the future, never before the act it follows; due dates,
on-time and the rule in force follow that day (no I/O)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from petitions_testkit import (
    HDND,
    MTTQ,
    TODAY,
    UBND,
    answered,
    classified,
    fixed_deadlines,
    forwarded,
    held_meeting,
    new_events,
    recorded,
)

from chassis.web.problems import domain_problem
from contracts.vocabulary import Agency, JurisdictionLevel, PolicyField, ResolutionStatus
from kernel.errors import Wording
from kernel.occurred import OccurredOnError, occurred_on_of
from kernel.rulebook import load_rulebook
from petitions.domain.consolidation import consolidate, split
from petitions.domain.petition import Petition

TOMORROW = TODAY + timedelta(days=1)
WORDING = "Đề nghị sửa chữa đường tỉnh 864"


def refused(caught: pytest.ExceptionInfo[OccurredOnError], field: str, *words: str) -> None:
    """A 422 naming the field, in English and Vietnamese."""
    assert domain_problem(caught.value)[0] == 422
    assert caught.value.extensions["field"] == field
    detail = caught.value.detail
    assert isinstance(detail, Wording)
    for word in words:
        assert word in detail.en or word in detail.vi


# -- what is recorded ------------------------------------------------------------------------

def test_a_petition_received_last_week_is_recorded_with_that_day() -> None:
    received = TODAY - timedelta(days=7)
    petition = Petition.record(MTTQ, text=WORDING, commune="Tân Phú", channel="mail",
                               occurred_on=received, today=TODAY)
    [event] = new_events(petition)
    assert (event.occurred_on, petition.received_on) == (received, received)
    assert occurred_on_of(event) == received


def test_a_petition_raised_at_a_meeting_is_dated_the_meeting_day_unless_told() -> None:
    meeting = held_meeting(held_on=TODAY - timedelta(days=3))
    petition = Petition.record(MTTQ, text=WORDING, commune=None, channel="meeting",
                               meeting=meeting, today=TODAY)
    assert petition.received_on == TODAY - timedelta(days=3)
    with pytest.raises(OccurredOnError) as caught:
        Petition.record(MTTQ, text=WORDING, commune=None, channel="meeting", meeting=meeting,
                        occurred_on=TODAY - timedelta(days=4), today=TODAY)
    refused(caught, "occurred_on", "before the meeting it was raised at")


def test_nothing_is_recorded_as_received_tomorrow() -> None:
    with pytest.raises(OccurredOnError) as caught:
        Petition.record(MTTQ, text=WORDING, commune="Tân Phú", channel="mail",
                        occurred_on=TOMORROW, today=TODAY)
    refused(caught, "occurred_on", "future")


def test_a_meeting_is_held_on_a_past_day_but_not_tomorrow() -> None:
    meeting = held_meeting(held_on=TODAY - timedelta(days=30))
    assert meeting.held_on == TODAY - timedelta(days=30)
    with pytest.raises(OccurredOnError) as caught:
        held_meeting(held_on=TOMORROW)
    refused(caught, "held_on", "future")


# -- each act after the one it follows ---------------------------------------------------------

def test_classification_is_not_before_the_petition_was_received() -> None:
    petition = recorded(on=TODAY - timedelta(days=5))
    with pytest.raises(OccurredOnError) as caught:
        petition.classify(HDND, field=PolicyField.TRANSPORT, level=JurisdictionLevel.PROVINCE,
                          agency=Agency.UBND, occurred_on=TODAY - timedelta(days=6), today=TODAY)
    refused(caught, "occurred_on", "before the day it was received")
    assert new_events(petition) == []


def test_forwarding_is_not_before_classification_nor_in_the_future() -> None:
    petition = classified(recorded(on=TODAY - timedelta(days=10)))
    petition.classified_on = TODAY - timedelta(days=2)  # as if classified two days ago
    for day, words in ((TODAY - timedelta(days=3), "before its classification"),
                       (TOMORROW, "future")):
        with pytest.raises(OccurredOnError) as caught:
            petition.forward(HDND, forwarded_on=day, today=TODAY, deadlines=fixed_deadlines)
        refused(caught, "forwarded_on", words)
    assert new_events(petition) == [] and petition.forwarding is None


def test_an_answer_before_its_forwarding_is_refused() -> None:
    petition = forwarded(on=TODAY - timedelta(days=5))
    with pytest.raises(OccurredOnError) as caught:
        petition.give_answer(UBND, text="Đã sửa", answered_on=TODAY - timedelta(days=6),
                             today=TODAY)
    refused(caught, "answered_on", "before its forwarding", "trước ngày chuyển kiến nghị")
    assert petition.answer is None and new_events(petition) == []


def test_an_answer_is_not_dated_tomorrow() -> None:
    petition = forwarded(on=TODAY - timedelta(days=5))
    with pytest.raises(OccurredOnError) as caught:
        petition.give_answer(UBND, text="Đã sửa", answered_on=TOMORROW, today=TODAY)
    refused(caught, "answered_on", "future")


def test_a_reforwarding_is_not_before_the_forwarding_it_corrects() -> None:
    petition = forwarded(on=TODAY - timedelta(days=5))
    with pytest.raises(OccurredOnError) as caught:
        petition.reforward(HDND, to_agency=Agency.UBND, to_unit="Sở Y tế", level=None,
                           reason="Chuyển nhầm", forwarded_on=TODAY - timedelta(days=6),
                           today=TODAY, deadlines=fixed_deadlines)
    refused(caught, "forwarded_on", "before its forwarding")


def test_publication_is_not_before_the_answer() -> None:
    petition = answered(forwarded(on=TODAY - timedelta(days=9)), on=TODAY - timedelta(days=4))
    with pytest.raises(OccurredOnError) as caught:
        petition.publish_answer(MTTQ, published_on=TODAY - timedelta(days=5), today=TODAY)
    refused(caught, "published_on", "before its answer")
    petition.publish_answer(MTTQ, published_on=TODAY - timedelta(days=4), today=TODAY)
    [event] = new_events(petition)
    assert occurred_on_of(event) == TODAY - timedelta(days=4)


def test_a_resolution_update_follows_the_answer_and_the_previous_update() -> None:
    petition = answered(forwarded(on=TODAY - timedelta(days=30)), on=TODAY - timedelta(days=20))
    with pytest.raises(OccurredOnError) as caught:
        petition.update_resolution(UBND, status=ResolutionStatus.RESOLVED,
                                   updated_on=TODAY - timedelta(days=21), today=TODAY)
    refused(caught, "updated_on", "before its answer")
    petition.update_resolution(UBND, status=ResolutionStatus.EXPLAINED,
                               updated_on=TODAY - timedelta(days=10), today=TODAY)
    with pytest.raises(OccurredOnError) as caught:
        petition.update_resolution(UBND, status=ResolutionStatus.RESOLVED,
                                   updated_on=TODAY - timedelta(days=11), today=TODAY)
    refused(caught, "updated_on", "before the previous update")


def test_a_consolidation_follows_every_petition_it_merges_and_a_split_follows_it() -> None:
    one = recorded(on=TODAY - timedelta(days=10))
    two = recorded("Đề nghị sửa chữa đường tỉnh 864 đoạn qua xã Mỹ Phong", "Mỹ Phong",
                   on=TODAY - timedelta(days=4))
    with pytest.raises(OccurredOnError) as caught:
        consolidate(HDND, WORDING, [one, two], occurred_on=TODAY - timedelta(days=5),
                    today=TODAY)
    refused(caught, "occurred_on", "the last of the petitions it merges was received")
    merged = consolidate(HDND, WORDING, [one, two], occurred_on=TODAY - timedelta(days=4),
                         today=TODAY)
    assert merged.received_on == TODAY - timedelta(days=4)
    with pytest.raises(OccurredOnError):
        split(HDND, merged, [one, two], "khác nội dung", occurred_on=TODAY - timedelta(days=5),
              today=TODAY)
    split(HDND, merged, [one, two], "khác nội dung", today=TODAY)


# -- due dates, on-time and the rule in force follow the day it happened ------------------------

RULE_CHANGE = date(2024, 1, 1)
TWO_VERSIONS = load_rulebook("""
[[rule]]
id = "petition.answer.local"
title = "Trả lời kiến nghị (cũ)"
value = 30
unit = "days"
legal_source = "Quy chế cũ"
effective_from = 2016-01-01
confidence = "L"

[[rule]]
id = "petition.answer.local"
title = "Trả lời kiến nghị (mới)"
value = 15
unit = "days"
legal_source = "Quy chế mới"
effective_from = 2024-01-01
confidence = "L"
""")


@pytest.mark.parametrize(("forwarded_on", "due", "source"), [
    (RULE_CHANGE - timedelta(days=1), date(2024, 1, 30), "Quy chế cũ"),
    (RULE_CHANGE, date(2024, 1, 16), "Quy chế mới"),
])
def test_the_rule_in_force_on_the_day_it_was_forwarded_sets_the_due_date(
    forwarded_on: date, due: date, source: str
) -> None:
    petition = classified(recorded(on=date(2023, 12, 20)))
    petition.forward(HDND, forwarded_on=forwarded_on, today=TODAY,
                     deadlines=TWO_VERSIONS.deadline)  # recorded in 2025, long after
    assert petition.forwarding is not None
    assert (petition.forwarding.deadline.due_date,
            petition.forwarding.deadline.legal_source) == (due, source)


def test_an_answer_typed_after_the_due_date_is_on_time_if_given_by_it() -> None:
    petition = forwarded(classified(recorded(on=TODAY - timedelta(days=90))),
                         on=TODAY - timedelta(days=60))
    assert petition.forwarding is not None
    due = petition.forwarding.deadline.due_date  # 30 days after: a month ago
    petition.give_answer(UBND, text="Đã trả lời bằng văn bản", answered_on=due, today=TODAY)
    assert petition.answer is not None and petition.answer.on_time
    late = forwarded(classified(recorded(on=TODAY - timedelta(days=90))),
                     on=TODAY - timedelta(days=60))
    late.give_answer(UBND, text="Trả lời muộn", answered_on=due + timedelta(days=1),
                     today=TODAY)
    assert late.answer is not None and not late.answer.on_time
