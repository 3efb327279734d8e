"""The plan of a council's sessions in one year, drawn from a seed (no I/O).

Two regular sessions (mid-year, year-end) and thematic ones, each prepared (agenda asked of
UBND, joint meeting, documents, vetting) and held (attendance, votes, close). At scale 1
the year is seed 003's: 8 sessions (6 thematic), 98 drafts of which 97 pass and one is
rejected, questioning at the year-end session; a few documents reach deputies late.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from demo.sessions_data import CouncilData, Paper
from demo.sessions_drafts import DraftPool

DRAFTS_PER_YEAR = 98
THEMATIC_PER_YEAR = 6
LATE_PER_YEAR = 5
QUESTIONS_PER_YEAR = 5
# Shares of the drafts at the regular sessions, capped so one agenda stays readable.
YEAR_END_SHARE, MID_YEAR_SHARE = 0.40, 0.28
MAX_YEAR_END, MAX_MID_YEAR = 60, 45


@dataclass(frozen=True)
class PlannedDocument:
    index: int  # across the year: names its commands
    paper: Paper
    title: str
    submitted_on: date
    late: bool
    vetted_on: date | None  # by the committee that vets it, if any

    @property
    def draft(self) -> bool:
        return self.paper.kind == "draft_resolution"


@dataclass(frozen=True)
class PlannedVote:
    document: int  # PlannedDocument.index of the draft
    yes: int
    no: int
    abstain: int
    absent: int
    number: str | None  # số nghị quyết; None when the draft is rejected
    voted_on: date

    @property
    def passed(self) -> bool:
        return self.number is not None


@dataclass(frozen=True)
class PlannedQuestion:
    index: int
    deputy: str
    official: str
    position: str
    question: str
    answer: str
    follow_up: str | None
    asked_on: date


@dataclass(frozen=True)
class PlannedSession:
    index: int
    number: int
    title: str
    kind: str  # regular | thematic
    when: str | None  # mid_year | year_end for the regular ones
    caller: str | None
    requesting_deputies: int | None
    opening: date
    closing: date
    joint_on: date
    agenda_due: date
    documents: tuple[PlannedDocument, ...]
    absent: tuple[str, ...]  # named absent deputies
    present: int
    questions: tuple[PlannedQuestion, ...]
    votes: tuple[PlannedVote, ...]


@dataclass(frozen=True)
class SessionsPlan:
    year: int
    term: str
    term_year: int  # 1 for the first year of the term
    total_deputies: int
    place: str
    sessions: tuple[PlannedSession, ...]

    @property
    def third_year(self) -> bool:
        """Confidence ratings are held once a term, at the end of its third year."""
        return self.term_year == 3

    def year_end(self) -> PlannedSession:
        return next(s for s in self.sessions if s.when == "year_end")


def term_of(data: CouncilData, year: int) -> tuple[str, int]:
    """The council's term in ``year`` ("X, 2021–2026") and the year's place in it."""
    start = data.term_start + 5 * ((year - data.term_start) // 5)
    number = data.term_number + (start - data.term_start) // 5
    return f"{roman(number)}, {start}–{start + 5}", year - start + 1


def roman(number: int) -> str:
    digits = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    text = ""
    for value, letters in digits:
        while number >= value:
            text, number = text + letters, number - value
    return text


def build_sessions(data: CouncilData, deputies: tuple[str, ...], *, seed: int, scale: float,
                   year: int) -> SessionsPlan:
    rng = random.Random(f"phoihop-demo-sessions:{seed}:{scale}:{year}")
    term, term_year = term_of(data, year)
    drafts = max(8, round(DRAFTS_PER_YEAR * scale))
    thematic = max(3, round(THEMATIC_PER_YEAR * scale))
    year_end = min(MAX_YEAR_END, max(2, round(drafts * YEAR_END_SHARE)))
    mid_year = min(MAX_MID_YEAR, max(2, round(drafts * MID_YEAR_SHARE)))
    pool = DraftPool(data, rng, year)
    shells = _thematic_shells(data, rng, year, thematic, drafts - year_end - mid_year, pool)
    shells += [_regular_shell(data, rng, year, "mid_year", mid_year, pool),
               _regular_shell(data, rng, year, "year_end", year_end, pool)]
    shells.sort(key=lambda shell: shell.opening)
    late = _late_documents(shells, rng, max(1, round(LATE_PER_YEAR * scale)))
    sessions, numbers, index = [], itertools.count(1), 0
    for n, shell in enumerate(shells):
        documents = []
        opening, caller = shell.opening, shell.caller
        closing, joint_on = _dates(data, rng, shell.kind, shell.when, opening)
        for paper, title in shell.papers:
            documents.append(_document(rng, index, paper, title, joint_on, opening,
                                       index in late))
            index += 1
        absent = rng.sample(deputies, min(len(deputies), rng.choice((1, 2, 2, 3, 3, 4))))
        votes = tuple(_vote(rng, data.total_deputies, d, len(absent), closing, year, numbers)
                      for d in documents if d.draft)
        number = len(shells) * (term_year - 1) + n + 1
        sessions.append(PlannedSession(
            index=n, number=number,
            title=_title(data, number, shell.kind, shell.when, shell.theme, year),
            kind=shell.kind, when=shell.when, caller=caller,
            requesting_deputies=_requesting(data, caller, shell.theme), opening=opening,
            closing=closing, joint_on=joint_on,
            agenda_due=joint_on - timedelta(days=rng.randrange(4, 8)),
            documents=tuple(documents), absent=tuple(absent),
            present=data.total_deputies - len(absent),
            questions=(), votes=votes,
        ))
    sessions = [replace(s, questions=_questions(data, s, scale)) if s.when == "year_end" else s
                for s in sessions]
    return SessionsPlan(year, term, term_year, data.total_deputies, data.place, tuple(sessions))


@dataclass
class Shell:
    """A session before its dates and documents are worked out."""

    opening: date
    kind: str
    when: str | None
    caller: str | None
    theme: str | None
    papers: list[tuple[Paper, str]]


def _thematic_shells(data: CouncilData, rng: random.Random, year: int, count: int,
                     drafts: int, pool: DraftPool) -> list[Shell]:
    shells: list[Shell] = []
    for t in range(count):
        theme = data.themes[t % len(data.themes)]
        # Deputies call one thematic session; repeats of their theme are the Standing
        # Committee's.
        caller = theme.caller if t < len(data.themes) else "standing_committee"
        share = drafts // count + (t < drafts % count)
        papers = pool.take(share, tuple(f.value for f in theme.fields))
        opening = weekday_in(year, theme.opening, rng)
        shells.append(Shell(opening, "thematic", None, caller, theme.title, papers))
    return shells


def _regular_shell(data: CouncilData, rng: random.Random, year: int, when: str, count: int,
                   pool: DraftPool) -> Shell:
    regular = data.regular_session(when)
    own = pool.regular(when)[:count]
    papers = own + pool.take(count - len(own))
    years = {"year": year, "next": year + 1, "prev": year - 1}
    reports = [(r, r.title.format(**years)) for r in data.reports if r.when == when]
    opening = weekday_in(year, regular.opening, rng, last_weekday=5 - regular.days)
    return Shell(opening, "regular", when, None, None, reports + papers)


def _late_documents(shells: list[Shell], rng: random.Random, count: int) -> set[int]:
    """Indices (in year order) of UBND documents that reach deputies after the deadline."""
    ubnd = [i for i, paper in enumerate(p for shell in shells for p, _ in shell.papers)
            if paper.committee is not None]
    return set(rng.sample(ubnd, min(count, len(ubnd))))


def _dates(data: CouncilData, rng: random.Random, kind: str, when: str | None,
           opening: date) -> tuple[date, date]:
    """Closing day and the day of the joint meeting (họp liên tịch) that prepares it."""
    if kind == "regular" and when is not None:
        days = data.regular_session(when).days
        return opening + timedelta(days=days - 1), opening - timedelta(days=rng.randrange(18, 26))
    return opening, opening - timedelta(days=rng.randrange(12, 17))


def _document(rng: random.Random, index: int, paper: Paper, title: str, joint_on: date,
              opening: date, late: bool) -> PlannedDocument:
    """On time: well before any deadline of days before opening; late: in the last days."""
    if late:
        submitted = opening - timedelta(days=rng.randrange(1, 4))
    else:
        submitted = joint_on + timedelta(days=rng.randrange(1, (opening - joint_on).days - 7))
    vetted = None
    if paper.committee is not None:
        vetted = min(submitted + timedelta(days=rng.randrange(1, 5)),
                     opening - timedelta(days=1))
    return PlannedDocument(index, paper, title, submitted, late, vetted)


def _vote(rng: random.Random, total: int, document: PlannedDocument, absent: int,
          voted_on: date, year: int, numbers: Iterator[int]) -> PlannedVote:
    """Counts of a ~50-deputy council: near-unanimous, or split for the contested draft."""
    if document.paper.contested:
        yes, no = rng.randrange(20, total // 2 - 1), rng.randrange(13, 19)
        return PlannedVote(document.index, yes, no, total - absent - yes - no, absent, None,
                           voted_on)
    no, abstain = rng.choice((0, 0, 0, 1, 1, 2)), rng.choice((0, 0, 1, 1, 2))
    yes = total - absent - no - abstain
    if yes * 2 <= total:
        raise ValueError(f"a council of {total} deputies cannot pass drafts this way")
    number = f"{next(numbers)}/{year}/NQ-HĐND"
    return PlannedVote(document.index, yes, no, abstain, absent, number, voted_on)


def _title(data: CouncilData, number: int, kind: str, when: str | None, theme: str | None,
           year: int) -> str:
    if kind == "regular" and when is not None:
        return f"Kỳ họp thứ {number} — " + data.regular_session(when).title.format(year=year)
    return f"Kỳ họp thứ {number} (chuyên đề) — {theme}"


def _requesting(data: CouncilData, caller: str | None, theme: str | None) -> int | None:
    if caller != "deputies":
        return None
    return next(t.requesting_deputies for t in data.themes if t.title == theme)


def _questions(data: CouncilData, session: PlannedSession,
               scale: float) -> tuple[PlannedQuestion, ...]:
    """Questioning (chất vấn) on the second day of the year-end session."""
    count = min(len(data.questions), max(2, round(QUESTIONS_PER_YEAR * scale)))
    asked_on = min(session.opening + timedelta(days=1), session.closing)
    return tuple(
        PlannedQuestion(i, q.deputy, data.official(q.position).name, q.position, q.question,
                        q.answer, q.follow_up, asked_on)
        for i, q in enumerate(data.questions[:count])
    )


def weekday_in(year: int, window: tuple[str, str], rng: random.Random,
               last_weekday: int = 4) -> date:
    """A day within the "MM-DD" window, moved back to a weekday no later than
    ``last_weekday`` (Monday 0), so a session of several days ends within the week."""
    first, last = (date.fromisoformat(f"{year}-{day}") for day in window)
    day = first + timedelta(days=rng.randrange((last - first).days + 1))
    while day.weekday() > last_weekday:
        day -= timedelta(days=1)
    return day
