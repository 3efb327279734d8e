"""The sessions part's data and plan, without a service: seed 003's year at scale 1, every
case planned at any scale, and dates that a service accepts (none after today)."""

from __future__ import annotations

from datetime import date
from itertools import combinations

import pytest

from demo.province import load_province
from demo.sessions_data import load_council
from demo.sessions_plan import SessionsPlan, build_sessions, term_of
from demo.sessions_work import PlannedMeeting, WorkPlan, build_work

TODAY = date(2026, 11, 22)


def plans(scale: float, year: int = 2025, seed: int = 3,
          today: date = TODAY) -> tuple[SessionsPlan, WorkPlan]:
    data = load_council()
    plan = build_sessions(data, load_province().council_deputies, seed=seed, scale=scale,
                          year=year)
    return plan, build_work(data, plan, seed=seed, scale=scale, today=today)


def overlapping(a: PlannedMeeting, b: PlannedMeeting) -> bool:
    return a.starts_at < b.ends_at and b.starts_at < a.ends_at


def test_scale_one_is_the_yearly_review_of_seed_003() -> None:
    plan, work = plans(1.0)
    votes = [v for s in plan.sessions for v in s.votes]
    assert len(plan.sessions) == 8 and sum(s.kind == "thematic" for s in plan.sessions) == 6
    assert sum(v.passed for v in votes) == 97 and len(votes) == 98
    assert [s.kind for s in plan.sessions if s.questions] == ["regular"]
    assert len(work.explanations) == 3 and len(work.matters) == 14


@pytest.mark.parametrize("scale", [0.05, 0.2, 1.0, 3.0])
def test_every_case_is_planned_at_any_scale(scale: float) -> None:
    plan, work = plans(scale)
    assert {s.kind for s in plan.sessions} == {"regular", "thematic"}
    assert {s.caller for s in plan.sessions if s.kind == "thematic"} == {
        "standing_committee", "ubnd_chair", "deputies"}
    assert sum(s.caller == "deputies" for s in plan.sessions) == 1
    votes = [v for s in plan.sessions for v in s.votes]
    assert sum(not v.passed for v in votes) == 1
    for v in votes:
        assert v.yes + v.no + v.abstain + v.absent == plan.total_deputies
        assert (2 * v.yes > plan.total_deputies) == v.passed
    numbers = [v.number for v in votes if v.number]
    assert len(set(numbers)) == len(numbers)
    assert any(d.late for s in plan.sessions for d in s.documents)
    issued = [g.issued_on for g in work.guidance]
    assert None in issued and any(issued)
    lags = {g.issued_on - plan.sessions[g.session].closing for g in work.guidance
            if g.issued_on}
    assert len(lags) > 1 or len(issued) < 3


@pytest.mark.parametrize("scale", [0.05, 1.0, 3.0])
def test_the_calendar_has_exactly_one_clash_sharing_a_participant(scale: float) -> None:
    _, work = plans(scale)
    pairs = [(a, b) for a, b in combinations(work.calendar, 2) if overlapping(a, b)]
    assert [(a.clash, b.clash) for a, b in pairs] == [(True, True)]
    [(a, b)] = pairs
    assert set(a.participants) & set(b.participants)
    assert a.meeting.organiser != b.meeting.organiser


def test_sessions_are_prepared_before_they_open_and_only_planned_documents_are_late() -> None:
    plan, _ = plans(1.0)
    for s in plan.sessions:
        assert s.agenda_due < s.joint_on < s.opening <= s.closing
        for d in s.documents:
            assert d.submitted_on < s.opening
            # late ones in the last three days; the others clear of any deadline of days
            before = (s.opening - d.submitted_on).days
            assert 1 <= before <= 3 if d.late else before >= 8
            if d.vetted_on is not None:
                assert d.submitted_on <= d.vetted_on < s.opening


def test_nothing_is_dated_after_today() -> None:
    today = date(2026, 1, 20)  # early in the next year: late guidance must still wait
    plan, work = plans(1.0, year=2025, today=today)
    late_passed = [g for g in work.guidance if plan.sessions[g.session].closing.month == 12]
    assert late_passed and all(g.issued_on is None or g.issued_on <= today for g in work.guidance)
    assert all(g.conference_on is None or g.conference_on <= today for g in work.guidance)
    assert any(g.issued_on is None for g in late_passed)


def test_ratings_only_in_the_third_year_of_a_term() -> None:
    assert term_of(load_council(), 2023) == ("X, 2021–2026", 3)
    assert term_of(load_council(), 2026) == ("XI, 2026–2031", 1)
    rated = sum(o.rated for o in load_council().officials)
    third, work = plans(1.0, year=2023)
    assert third.third_year and len(work.ratings) == rated
    for r in work.ratings:
        assert 2 * r.low < third.total_deputies
        assert r.high + r.confidence + r.low <= third.year_end().present
    assert plans(1.0, year=2025)[1].ratings == ()
