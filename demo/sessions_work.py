"""The plan of the work around the sessions, drawn from a seed (no I/O): UBND's guidance and
deployment conferences for the resolutions, the Standing Committee's explanation sessions
and matters decided between sessions, the shared calendar with one deliberate clash, and
the confidence ratings of a term's third year.

Resolutions wait for guidance for varying lags (seed 000's pain); some still wait, and a
lag that would end after today leaves the resolution waiting too.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from contracts.vocabulary import VIETNAM
from demo.sessions_data import CouncilData, Meeting
from demo.sessions_plan import PlannedSession, SessionsPlan, weekday_in

EXPLANATIONS_PER_YEAR = 3
MATTERS_PER_YEAR = 14
MEETINGS_PER_YEAR = 30
MAX_MEETINGS = 400
WAITING_SHARE = 0.12
# Half-day slots that never overlap, so only the deliberate pair clashes.
SLOTS = (("08:00", "09:45"), ("10:00", "11:30"), ("14:00", "15:45"), ("16:00", "17:00"))


@dataclass(frozen=True)
class PlannedGuidance:
    document: int  # the draft's PlannedDocument.index: names the resolution's commands
    session: int
    unit: str
    number: str
    resolution_number: str
    issued_on: date | None  # None: still waiting for guidance
    conference_on: date | None


@dataclass(frozen=True)
class PlannedExplanation:
    index: int
    topic: str
    field: str
    explaining: tuple[str, ...]
    on: date
    conclusions: str
    commitments: tuple[str, ...]


@dataclass(frozen=True)
class PlannedMatter:
    index: int
    title: str
    field: str
    summary: str
    decision_number: str
    decided_on: date
    reported_to: int | None  # index of the session it is reported to


@dataclass(frozen=True)
class PlannedMeeting:
    index: int
    meeting: Meeting
    title: str
    participants: tuple[str, ...]  # names
    starts_at: datetime
    ends_at: datetime
    clash: bool  # one of the deliberate pair


@dataclass(frozen=True)
class PlannedRating:
    index: int
    official: str
    position: str
    high: int
    confidence: int
    low: int
    rated_on: date


@dataclass(frozen=True)
class WorkPlan:
    guidance: tuple[PlannedGuidance, ...]
    explanations: tuple[PlannedExplanation, ...]
    matters: tuple[PlannedMatter, ...]
    calendar: tuple[PlannedMeeting, ...]
    ratings: tuple[PlannedRating, ...]
    conference_place: str


def build_work(data: CouncilData, plan: SessionsPlan, *, seed: int, scale: float,
               today: date) -> WorkPlan:
    rng = random.Random(f"phoihop-demo-sessions-work:{seed}:{scale}:{plan.year}")
    return WorkPlan(
        guidance=_guidance(rng, plan, today),
        explanations=_explanations(data, rng, plan.year, scale),
        matters=_matters(data, rng, plan, scale),
        calendar=_calendar(data, rng, plan.year, scale),
        ratings=_ratings(data, rng, plan.year_end()) if plan.third_year else (),
        conference_place=data.conference_place,
    )


def _guidance(rng: random.Random, plan: SessionsPlan,
              today: date) -> tuple[PlannedGuidance, ...]:
    """Each resolution's first guidance after a lag: quick, usual or slow; or none yet.
    UBND deploys a session's guided resolutions at one conference after it closes."""
    passed = [(s, v) for s in plan.sessions for v in s.votes if v.number is not None]
    lags = [_lag(rng) for _ in passed]
    if lags and None not in lags:
        lags[-1] = None  # at least one resolution still waits
    if lags and all(lag is None for lag in lags):
        lags[0] = 20
    conferences = {s.index: s.closing + timedelta(days=rng.randrange(6, 21))
                   for s in plan.sessions}
    planned, number = [], rng.randrange(120, 400)
    for (session, vote), lag in zip(passed, lags, strict=True):
        number += rng.randrange(1, 9)
        issued = vote.voted_on + timedelta(days=lag) if lag is not None else None
        if issued is not None and issued > today:
            issued = None  # it would be issued after today: as of today, it waits
        conference = conferences[session.index]
        held = conference if issued is not None and conference <= today else None
        unit = next(d.paper.unit for d in session.documents if d.index == vote.document)
        planned.append(PlannedGuidance(vote.document, session.index, unit or "",
                                       f"{number}/KH-UBND", str(vote.number), issued, held))
    return tuple(planned)


def _lag(rng: random.Random) -> int | None:
    roll = rng.random()
    if roll < WAITING_SHARE:
        return None
    if roll < 0.45:
        return rng.randrange(7, 31)
    return rng.randrange(31, 61) if roll < 0.8 else rng.randrange(61, 151)


def _explanations(data: CouncilData, rng: random.Random, year: int,
                  scale: float) -> tuple[PlannedExplanation, ...]:
    count, size = max(1, round(EXPLANATIONS_PER_YEAR * scale)), len(data.explanations)
    chosen = sorted(((data.explanations[i % size], i // size + 1) for i in range(count)),
                    key=lambda pair: pair[0].on)
    return tuple(
        PlannedExplanation(i, e.topic if round_ == 1 else f"{e.topic} (lần {round_})",
                           e.field.value, e.explaining, weekday_in(year, e.on, rng),
                           e.conclusions, e.commitments)
        for i, (e, round_) in enumerate(chosen)
    )


def _matters(data: CouncilData, rng: random.Random, plan: SessionsPlan,
             scale: float) -> tuple[PlannedMatter, ...]:
    """Spread over the year; each reported to the next session that opens after it."""
    count = max(2, round(MATTERS_PER_YEAR * scale))
    years = {"year": plan.year, "prev": plan.year - 1, "next": plan.year + 1}
    first = date(plan.year, 1, 5)
    planned, number = [], rng.randrange(20, 60)
    for i in range(count):
        matter = data.matters[i % len(data.matters)]
        day = first + timedelta(days=int((i + rng.random()) * 350 / count))
        while day.weekday() > 4:
            day -= timedelta(days=1)
        number += rng.randrange(3, 15)
        later = [s for s in plan.sessions if s.opening >= day]
        planned.append(PlannedMatter(
            i, matter.title.format(**years), matter.field.value, matter.summary,
            f"{number}/HĐND-VP", day, later[0].index if later else None))
    return tuple(planned)


def _calendar(data: CouncilData, rng: random.Random, year: int,
              scale: float) -> tuple[PlannedMeeting, ...]:
    """Meetings of the three bodies in distinct slots, plus the deliberate clashing pair."""
    clash_day = weekday_in(year, data.clash_on, rng)
    used: set[tuple[date, int]] = {(clash_day, slot) for slot in range(len(SLOTS))}
    count = max(5, min(MAX_MEETINGS, round(MEETINGS_PER_YEAR * scale)))
    planned: list[tuple[Meeting, int, datetime, datetime, bool]] = []
    for k in range(count):
        meeting, month = data.meetings[k % len(data.meetings)], 1 + k * 12 // count
        day, slot = _free_slot(rng, year, month, used)
        start, end = SLOTS[slot]
        planned.append((meeting, month, _at(day, start), _at(day, end), False))
    for meeting in data.clash:
        assert meeting.hours is not None
        planned.append((meeting, clash_day.month, _at(clash_day, meeting.hours[0]),
                        _at(clash_day, meeting.hours[1]), True))
    planned.sort(key=lambda row: row[2])
    years = {"year": year, "next": year + 1, "prev": year - 1}
    return tuple(
        PlannedMeeting(i, meeting, meeting.title.format(month=month, **years),
                       tuple(data.official(p).name for p in meeting.participants),
                       starts, ends, clash)
        for i, (meeting, month, starts, ends, clash) in enumerate(planned)
    )


def _free_slot(rng: random.Random, year: int, month: int,
               used: set[tuple[date, int]]) -> tuple[date, int]:
    first = date(year, month, 1)
    days = [first + timedelta(days=d) for d in range(31)
            if (first + timedelta(days=d)).month == month
            and (first + timedelta(days=d)).weekday() < 5]
    free = [(day, slot) for day in days for slot in range(len(SLOTS)) if (day, slot) not in used]
    if not free:
        raise ValueError(f"no free slot left in {year}-{month:02d}: lower --scale")
    choice = rng.choice(free)
    used.add(choice)
    return choice


def _at(day: date, hour: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(hour), VIETNAM)


def _ratings(data: CouncilData, rng: random.Random,
             session: PlannedSession) -> tuple[PlannedRating, ...]:
    """Ballots of the deputies present at the year-end session; nobody rated low by half."""
    rated_on = min(session.opening + timedelta(days=1), session.closing)
    planned = []
    for i, official in enumerate(o for o in data.officials if o.rated):
        low, confidence = rng.choice((0, 0, 1, 1, 2, 3, 5)), rng.randrange(2, 15)
        high = session.present - low - confidence - rng.choice((0, 0, 0, 1))
        planned.append(PlannedRating(i, official.name, official.position.strip(), high,
                                     confidence, low, rated_on))
    return tuple(planned)
