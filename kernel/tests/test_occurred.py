"""The day an act happened: checked once, for every service (kernel.occurred)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import ClassVar

import pytest

from contracts.petitions.v1 import VoterContactMeetingHeld
from kernel.clock import plausible_days
from kernel.errors import Invalid, Wording
from kernel.occurred import Follows, OccurredOnError, check_occurred_on, occurred_on_of, stamp

TODAY = date(2025, 9, 15)
FORWARDED = Follows(date(2025, 9, 1), Wording("its forwarding", "ngày chuyển kiến nghị"))


def test_a_day_up_to_today_and_after_what_it_follows_is_accepted() -> None:
    for day in (TODAY, date(2025, 9, 1), date(2024, 1, 1)):
        assert check_occurred_on(day, today=TODAY) == day
    assert check_occurred_on(TODAY, today=TODAY, follows=[FORWARDED]) == TODAY
    assert check_occurred_on(FORWARDED.day or TODAY, today=TODAY, follows=[FORWARDED])


def test_tomorrow_is_refused_in_both_languages() -> None:
    with pytest.raises(OccurredOnError) as caught:
        check_occurred_on(TODAY + timedelta(days=1), today=TODAY, field="answered_on")
    error = caught.value
    assert isinstance(error, Invalid) and isinstance(error.detail, Wording)
    assert "answered_on" in error.detail.en and "future" in error.detail.en
    assert error.detail.vi == "answered_on: ngày 16/09/2025 chưa đến (hôm nay là 15/09/2025)"
    assert error.extensions == {"field": "answered_on", "occurred_on": "2025-09-16",
                                "today": "2025-09-15"}


def test_a_day_before_the_act_it_follows_is_refused() -> None:
    with pytest.raises(OccurredOnError) as caught:
        check_occurred_on(date(2025, 8, 31), today=TODAY, field="answered_on",
                          follows=[FORWARDED])
    detail = caught.value.detail
    assert isinstance(detail, Wording)
    assert "before its forwarding (2025-09-01)" in detail.en
    assert "trước ngày chuyển kiến nghị (01/09/2025)" in detail.vi
    assert caught.value.extensions["not_before"] == "2025-09-01"


def test_an_act_that_has_not_happened_is_nothing_to_follow() -> None:
    never = Follows(None, Wording("its answer", "ngày trả lời"))
    assert check_occurred_on(date(2020, 1, 1), today=TODAY, follows=[never])


def test_a_day_older_than_the_plausible_range_is_refused() -> None:
    first, _ = plausible_days(TODAY)
    assert check_occurred_on(first, today=TODAY) == first
    with pytest.raises(OccurredOnError) as caught:
        check_occurred_on(first - timedelta(days=1), today=TODAY)
    assert caught.value.extensions["earliest"] == first.isoformat()


@dataclass(frozen=True)
class _Held:
    """A stored event naming its day in a field of its own."""

    held_on: date
    timestamp: datetime
    occurred_field: ClassVar[str] = "held_on"


@dataclass(frozen=True)
class _Recorded:
    timestamp: datetime
    occurred_on: date | None = None


RECORDED_AT = datetime(2025, 9, 20, 2, 30, tzinfo=UTC)


def test_the_day_is_read_from_the_field_the_event_names() -> None:
    assert occurred_on_of(_Held(date(2025, 9, 10), RECORDED_AT)) == date(2025, 9, 10)
    assert occurred_on_of(_Recorded(RECORDED_AT, date(2025, 9, 12))) == date(2025, 9, 12)
    assert occurred_on_of(_Recorded(RECORDED_AT)) is None  # stored before it had one
    assert occurred_on_of(object()) is None


def _held_event() -> VoterContactMeetingHeld:
    return VoterContactMeetingHeld(
        meeting_id="6f1c1f4e-7f7c-4b8f-9a6e-2d6c4b1f0a11", held_on=date(2025, 9, 10),
        place="Hội trường", commune="Tân Phú", attendance=10, deputies=["A"])


def test_stamp_puts_both_days_on_the_integration_event() -> None:
    stamped = stamp(_held_event(), _Held(date(2025, 9, 10), RECORDED_AT))
    assert (stamped.occurred_on, stamped.recorded_at) == (date(2025, 9, 10), RECORDED_AT)
    unknown = stamp(_held_event(), _Recorded(RECORDED_AT))
    assert (unknown.occurred_on, unknown.recorded_at) == (None, RECORDED_AT)
    round_trip = VoterContactMeetingHeld.model_validate_json(stamped.model_dump_json())
    assert round_trip == stamped
