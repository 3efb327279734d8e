"""The demo's data and plan, without a service: every text fills, every case is planned."""

from __future__ import annotations

import random
import string
from datetime import date, timedelta

import pytest

from demo.petitions_outcomes import Item, Stage, act_days, assign_stages
from demo.petitions_plan import build_plan
from demo.province import load_catalogue, load_province


def test_every_text_of_the_catalogue_fills_from_the_province_slots() -> None:
    province, catalogue = load_province(), load_catalogue()
    slots = {*province.slots, "xa"}
    for topic in catalogue.topics:
        assert topic.slots <= slots, topic.key
        fill = {slot: "x" for slot in slots}
        for text in (*topic.texts, topic.summary or "", topic.answer):
            assert "{" not in text.format(**fill), topic.key
    assert {name for _, name, _, _ in string.Formatter().parse(catalogue.split_summary)
            if name} <= {"xa"}


@pytest.mark.parametrize("scale", [0.1, 0.3, 1.0, 2.5])
def test_a_plan_has_meetings_duplicates_across_communes_and_a_split_pair(scale: float) -> None:
    plan = build_plan(load_province(), load_catalogue(), seed=3, scale=scale, year=2025)
    assert len(plan.petitions) == max(12, round(80 * scale))
    assert len(plan.meetings) == max(4, round(12 * scale))
    assert [m.held_on for m in plan.meetings] == sorted(m.held_on for m in plan.meetings)
    assert all(m.held_on.year == 2025 for m in plan.meetings)
    duplicates = [g for g in plan.groups if g.split_reason is None]
    assert len(duplicates) >= 2
    for group in duplicates:
        communes = {plan.petitions[m].commune for m in group.members}
        assert len(communes) == len(group.members) >= 2
    assert sum(g.split_reason is not None for g in plan.groups) == 1


@pytest.mark.parametrize("seed", range(5))
def test_stages_leave_every_outcome_answered_and_every_stage_used(seed: int) -> None:
    plan = build_plan(load_province(), load_catalogue(), seed=seed, scale=0.3, year=2025)
    items = [Item(str(p.index), p.topic, p.fill, p.index, 1, p.received_on or date(2025, 1, 1))
             for p in plan.petitions]
    stages = assign_stages(items, random.Random(seed))
    assert set(stages.values()) == set(Stage)
    answered = {i.topic.outcome for i in items if stages[i.petition_id] >= Stage.ANSWERED}
    assert answered == {i.topic.outcome for i in items}


def test_every_petition_is_raised_in_the_year_and_its_acts_follow_in_order() -> None:
    plan = build_plan(load_province(), load_catalogue(), seed=7, scale=0.3, year=2023)
    held = {m.index: m.held_on for m in plan.meetings}
    for p in plan.petitions:
        assert p.received_on is not None and p.received_on.year == 2023
        if p.meeting is not None:
            assert p.received_on == held[p.meeting]
    today = date(2024, 1, 20)  # close behind the year: no act may come after it
    for p in plan.petitions:
        assert p.received_on is not None
        item = Item(str(p.index), p.topic, p.fill, p.index, 1, p.received_on)
        days = act_days(item, random.Random(p.index), today)
        ordered = [p.received_on, days.classified, days.forwarded, days.reforwarded,
                   days.answered, days.published, days.followed_up]
        assert ordered == sorted(ordered) and ordered[-1] <= today
        assert days.answered - days.reforwarded <= timedelta(days=49)
