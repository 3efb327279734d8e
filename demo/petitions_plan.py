"""The plan of a province's year of voter contact, drawn from a seed (no I/O).

Meetings spread over the rounds of voter contact before and after the sessions; each
petition is a topic with its slots filled, raised at a meeting or through another channel;
duplicate groups are one topic raised at several meetings of different communes in
different words; the split pair is two petitions that look alike but are not.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from demo.province import Catalogue, Province, Topic

MEETINGS_PER_YEAR = 12
PETITIONS_PER_YEAR = 80
DUPLICATE_GROUPS_PER_YEAR = 8
OTHER_CHANNELS = ("mail", "online", "reception", "deputy")


@dataclass(frozen=True)
class PlannedMeeting:
    index: int
    title: str
    scheduled_on: date
    held_on: date
    place: str
    commune: str
    deputies: tuple[str, ...]
    attendance: int
    na: bool


@dataclass(frozen=True)
class PlannedPetition:
    index: int  # recording order
    topic: Topic
    fill: dict[str, str]  # slot values; "xa" is the commune or ward concerned
    text: str
    commune: str  # where the voters who raised it live
    meeting: int | None
    channel: str
    deputy: str | None
    group: int | None  # duplicate group or split pair it belongs to
    received_on: date | None = None  # the day it was raised (set once the drafts are sorted)


@dataclass(frozen=True)
class PlannedGroup:
    index: int
    topic: Topic  # for the split pair: the first of the two topics
    fill: dict[str, str]
    members: tuple[int, ...]  # petition indices, in recording order
    summary: str  # the consolidated wording
    split_reason: str | None  # the split pair only: why it is split again


@dataclass(frozen=True)
class YearPlan:
    province: str
    year: int
    meetings: tuple[PlannedMeeting, ...]
    petitions: tuple[PlannedPetition, ...]
    groups: tuple[PlannedGroup, ...]


def build_plan(province: Province, catalogue: Catalogue, *, seed: int, scale: float,
               year: int) -> YearPlan:
    rng = random.Random(f"phoihop-demo:{seed}:{scale}:{year}")
    meetings = _meetings(province, rng, year, max(4, round(MEETINGS_PER_YEAR * scale)))
    drafts: list[tuple[date, PlannedPetition]] = []
    groups = _duplicate_groups(province, catalogue, rng, meetings, scale, drafts)
    groups.append(_split_pair(province, catalogue, rng, meetings, len(groups), drafts))
    singles = max(1, max(12, round(PETITIONS_PER_YEAR * scale)) - len(drafts))
    for topic in _singles(catalogue, singles):
        drafts.append(_single(province, rng, meetings, year, topic, len(drafts)))
    drafts.sort(key=lambda draft: (draft[0], draft[1].index))
    order = {draft.index: n for n, (_, draft) in enumerate(drafts)}
    petitions = tuple(replace(draft, index=order[draft.index], received_on=on)
                      for on, draft in drafts)
    groups = [replace(g, members=tuple(sorted(order[m] for m in g.members))) for g in groups]
    return YearPlan(province.name, year, tuple(meetings), petitions, tuple(groups))


def _meetings(province: Province, rng: random.Random, year: int,
              count: int) -> list[PlannedMeeting]:
    communes = rng.sample(province.communes, min(count, len(province.communes)))
    meetings = []
    for i in range(count):
        occasion = province.occasions[i * len(province.occasions) // count]
        first, last = (date.fromisoformat(f"{year}-{day}") for day in occasion.window)
        scheduled = first + timedelta(days=rng.randrange((last - first).days + 1))
        commune = communes[i % len(communes)]
        place = rng.choice([f"Hội trường UBND {commune}", f"Hội trường Ủy ban MTTQ {commune}",
                            f"Nhà văn hóa {_hamlet(province, rng, commune)}, {commune}"])
        council = rng.sample(province.council_deputies, rng.choice((2, 2, 3)))
        deputies = ([*rng.sample(province.na_deputies, rng.choice((1, 2))), *council[:2]]
                    if occasion.na else council)
        meetings.append(PlannedMeeting(
            index=i, title=f"{occasion.title.format(year=year)} — {commune}",
            scheduled_on=scheduled, held_on=scheduled + timedelta(days=rng.choice((0, 0, 0, 1))),
            place=place, commune=commune, deputies=tuple(deputies),
            attendance=rng.randrange(70, 261), na=occasion.na,
        ))
    meetings.sort(key=lambda m: (m.held_on, m.scheduled_on, m.commune))
    return [replace(meeting, index=i) for i, meeting in enumerate(meetings)]


def _duplicate_groups(province: Province, catalogue: Catalogue, rng: random.Random,
                      meetings: list[PlannedMeeting], scale: float,
                      drafts: list[tuple[date, PlannedPetition]]) -> list[PlannedGroup]:
    topics = catalogue.with_role("duplicate")
    rng.shuffle(topics)
    groups = []
    for g in range(max(2, round(DUPLICATE_GROUPS_PER_YEAR * scale))):
        topic = topics[g % len(topics)]
        size = min(rng.choice((2, 2, 3, 3, 4)), len(topic.texts) + 1, len(meetings))
        at = sorted(rng.sample(meetings, size), key=lambda m: m.held_on)
        fill = _fill(province, rng, topic, at[0].commune)
        members = []
        for n, meeting in enumerate(at):
            text = topic.texts[n % len(topic.texts)].format(**fill)
            members.append(len(drafts))
            drafts.append((meeting.held_on, PlannedPetition(
                len(drafts), topic, fill, text, meeting.commune, meeting.index, "meeting",
                None, g)))
        summary = (topic.summary or topic.texts[0]).format(**fill)
        groups.append(PlannedGroup(g, topic, fill, tuple(members), summary, None))
    return groups


def _split_pair(province: Province, catalogue: Catalogue, rng: random.Random,
                meetings: list[PlannedMeeting], g: int,
                drafts: list[tuple[date, PlannedPetition]]) -> PlannedGroup:
    """Two petitions raised at one meeting that look alike: consolidated, then split."""
    meeting = rng.choice(meetings)
    pair = catalogue.with_role("split")
    members = []
    for topic in pair:
        fill = _fill(province, rng, topic, meeting.commune)
        members.append(len(drafts))
        drafts.append((meeting.held_on, PlannedPetition(
            len(drafts), topic, fill, topic.texts[0].format(**fill), meeting.commune,
            meeting.index, "meeting", None, g)))
    return PlannedGroup(g, pair[0], {"xa": meeting.commune}, tuple(members),
                        catalogue.split_summary.format(xa=meeting.commune),
                        catalogue.split_reason)


def _singles(catalogue: Catalogue, count: int) -> list[Topic]:
    """Singles in file order; past the end, again those whose slots make a new petition."""
    first = catalogue.with_role("single")
    again = [topic for topic in first if topic.slots] or first
    return [first[n] if n < len(first) else again[(n - len(first)) % len(again)]
            for n in range(count)]


def _single(province: Province, rng: random.Random, meetings: list[PlannedMeeting],
            year: int, topic: Topic, index: int) -> tuple[date, PlannedPetition]:
    if rng.random() < 0.82:
        meeting = rng.choice(meetings)
        fill = _fill(province, rng, topic, meeting.commune)
        petition = PlannedPetition(index, topic, fill, rng.choice(topic.texts).format(**fill),
                                   fill["xa"], meeting.index, "meeting", None, None)
        return meeting.held_on, petition
    channel = rng.choice(OTHER_CHANNELS)
    fill = _fill(province, rng, topic, rng.choice(province.communes))
    deputy = rng.choice(province.council_deputies) if channel == "deputy" else None
    on = date(year, 1, 10) + timedelta(days=rng.randrange(340))
    return on, PlannedPetition(index, topic, fill, rng.choice(topic.texts).format(**fill),
                               fill["xa"], None, channel, deputy, None)


def _fill(province: Province, rng: random.Random, topic: Topic, commune: str) -> dict[str, str]:
    fill = {slot: rng.choice(values) for slot, values in province.slots.items()}
    place = topic.place_slot
    fill["xa"] = fill[place] if place else commune
    fill["hamlet"] = _hamlet(province, rng, fill["xa"])
    return fill


def _hamlet(province: Province, rng: random.Random, commune: str) -> str:
    """A hamlet (ấp) of a commune, or a quarter (khu phố) of a ward."""
    return rng.choice(province.slots["quarter" if commune.startswith("phường") else "hamlet"])
