"""How far each petition gets within the year, decided once the duplicates are merged.

Most are forwarded, answered and published; the last ones recorded are still being
classified; some forwarded ones still await an answer; some answers are not published
yet. Each resolution status that the answered topics lead to keeps at least one
petition, and the misrouted petition is answered, so every case shows at any scale.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum

from contracts.vocabulary import Agency, JurisdictionLevel
from demo.province import Topic

SHARES = {"recorded": 0.04, "classified": 0.03, "forwarded": 0.10, "answered": 0.08}
ROADMAP_DAYS = ((3, 31), (6, 30), (9, 30), (12, 31))


class Stage(IntEnum):
    RECORDED = 0
    CLASSIFIED = 1
    FORWARDED = 2
    ANSWERED = 3
    PUBLISHED = 4


@dataclass(frozen=True)
class Item:
    """A petition that stands on its own after consolidation: one to take further."""

    petition_id: str
    topic: Topic
    fill: dict[str, str]
    order: int  # recording order of its latest source
    sources: int
    received_on: date  # the day it was raised, or consolidated

    @property
    def agency(self) -> Agency:
        """Central matters go up through the NA delegation; the rest to the UBND."""
        return Agency.DBQH if self.topic.level == JurisdictionLevel.CENTRAL else Agency.UBND

    @property
    def unit(self) -> str | None:
        if self.topic.level == JurisdictionLevel.COMMUNE:
            return f"UBND {self.fill['xa']}"
        return self.topic.unit

    @property
    def coordinator(self) -> Agency:
        """Who classifies and forwards it: the delegation's office for central matters."""
        return Agency.DBQH if self.agency == Agency.DBQH else Agency.HDND


def misrouted(items: list[Item]) -> Item | None:
    """The petition first sent to the wrong unit (the first with a misroute in its topic)."""
    return next((item for item in sorted(items, key=lambda i: i.order)
                 if item.topic.misroute_unit), None)


def assign_stages(items: list[Item], rng: random.Random) -> dict[str, Stage]:
    stages = {item.petition_id: Stage.PUBLISHED for item in items}
    keep = misrouted(items)
    answered = Counter(item.topic.outcome for item in items)

    def may_stay_unanswered(item: Item) -> bool:
        return (item is not keep and stages[item.petition_id] == Stage.PUBLISHED
                and answered[item.topic.outcome] > 1)

    latest_first = sorted(items, key=lambda i: i.order, reverse=True)
    shuffled = rng.sample(items, len(items))
    for stage, pool in ((Stage.RECORDED, latest_first), (Stage.CLASSIFIED, latest_first),
                        (Stage.FORWARDED, shuffled)):
        wanted = _count(stage, len(items))
        for item in [i for i in pool if may_stay_unanswered(i)][:wanted]:
            stages[item.petition_id] = stage
            answered[item.topic.outcome] -= 1
    published = [i for i in shuffled if stages[i.petition_id] == Stage.PUBLISHED]
    for item in published[:min(_count(Stage.ANSWERED, len(items)), len(published) - 1)]:
        stages[item.petition_id] = Stage.ANSWERED
    return stages


@dataclass(frozen=True)
class ActDays:
    """The days a petition's acts happened on, in order, each after the one it follows: what
    the demo sends as occurred_on, forwarded_on, answered_on, published_on, updated_on."""

    classified: date
    forwarded: date
    reforwarded: date
    answered: date
    published: date
    followed_up: date


def act_days(item: Item, rng: random.Random, today: date) -> ActDays:
    """A petition's days: classified within a week of receipt, forwarded a few days later,
    answered 1 to 7 weeks on (some after the 30-day local limit), published and followed up
    after the answer; never after ``today``."""
    days, on = [], item.received_on
    for gap in ((1, 7), (1, 5), (1, 4), (7, 49), (2, 10), (5, 30)):
        on = min(on + timedelta(days=rng.randint(*gap)), today)
        days.append(on)
    return ActDays(*days)


def roadmap_date(year: int, rng: random.Random, today: date) -> date:
    """A roadmap date (lộ trình) two years on, and never in the past."""
    month, day = rng.choice(ROADMAP_DAYS)
    on = date(year + 2, month, day)
    return on if on > today else date(today.year + 1, month, day)


def _count(stage: Stage, total: int) -> int:
    return max(1, round(SHARES[stage.name.lower()] * total))
