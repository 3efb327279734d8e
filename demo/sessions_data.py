"""The council's year as data, read from ``demo/data/sessions.toml``: officials, sessions,
drafts and reports, questions, explanation sessions, matters and the calendar's meetings."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contracts.vocabulary import Agency, PolicyField
from demo.province import COMMITTEES, DATA

WHEN = ("mid_year", "year_end", "any")
CALLERS = ("standing_committee", "ubnd_chair", "deputies")


@dataclass(frozen=True)
class Official:
    position: str
    name: str
    rated: bool


@dataclass(frozen=True)
class Regular:
    when: str
    title: str
    opening: tuple[str, str]  # "MM-DD" window of the opening day
    days: int


@dataclass(frozen=True)
class Theme:
    title: str
    caller: str
    requesting_deputies: int | None
    opening: tuple[str, str]
    fields: tuple[PolicyField, ...]


@dataclass(frozen=True)
class Paper:
    """A document template: a draft resolution, or a report, scheme or submission."""

    title: str
    kind: str
    agency: Agency
    unit: str | None
    field: PolicyField | None
    when: str
    slot: str | None = None
    contested: bool = False

    @property
    def committee(self) -> str | None:
        """The HĐND committee that vets it: none for the Standing Committee's own papers."""
        if self.agency != Agency.UBND or self.field is None:
            return None
        return COMMITTEES.get(self.field)


@dataclass(frozen=True)
class Question:
    deputy: str
    position: str
    question: str
    answer: str
    follow_up: str | None


@dataclass(frozen=True)
class Explanation:
    topic: str
    field: PolicyField
    explaining: tuple[str, ...]
    on: tuple[str, str]
    conclusions: str
    commitments: tuple[str, ...]


@dataclass(frozen=True)
class Matter:
    title: str
    field: PolicyField
    summary: str


@dataclass(frozen=True)
class Meeting:
    organiser_kind: str
    organiser: str
    title: str
    place: str
    participants: tuple[str, ...]  # positions of officials
    hours: tuple[str, str] | None = None  # "HH:MM" start and end, for the clash pair


@dataclass(frozen=True)
class CouncilData:
    total_deputies: int
    place: str
    conference_place: str
    term_start: int
    term_number: int
    officials: tuple[Official, ...]
    regular: tuple[Regular, ...]
    themes: tuple[Theme, ...]
    drafts: tuple[Paper, ...]
    reports: tuple[Paper, ...]
    slots: dict[str, tuple[str, ...]]
    questions: tuple[Question, ...]
    explanations: tuple[Explanation, ...]
    matters: tuple[Matter, ...]
    meetings: tuple[Meeting, ...]
    clash_on: tuple[str, str]
    clash: tuple[Meeting, Meeting]

    def official(self, position: str) -> Official:
        """The first official holding ``position``."""
        for official in self.officials:
            if official.position == position:
                return official
        raise KeyError(f"no official holds the position {position!r}")

    def regular_session(self, when: str) -> Regular:
        return next(r for r in self.regular if r.when == when)


def load_council(path: Path = DATA / "sessions.toml") -> CouncilData:
    raw = _read(path)
    council = raw["council"]
    data = CouncilData(
        total_deputies=int(council["total_deputies"]), place=council["place"],
        conference_place=council["conference_place"], term_start=int(council["term_start"]),
        term_number=int(council["term_number"]),
        officials=tuple(Official(o["position"], o["name"], bool(o["rated"]))
                        for o in raw["official"]),
        regular=tuple(Regular(r["when"], r["title"], _pair(r["opening"]), int(r["days"]))
                      for r in raw["regular"]),
        themes=tuple(_theme(t) for t in raw["thematic"]),
        drafts=tuple(_draft(d) for d in raw["draft"]),
        reports=tuple(_report(r) for r in raw["report"]),
        slots={name: tuple(values) for name, values in raw["slots"].items()},
        questions=tuple(Question(q["deputy"], q["position"], q["question"], q["answer"],
                                 q.get("follow_up")) for q in raw["question"]),
        explanations=tuple(_explanation(e) for e in raw["explanation"]),
        matters=tuple(Matter(m["title"], PolicyField(m["field"]), m["summary"])
                      for m in raw["matter"]),
        meetings=tuple(_meeting(m) for m in raw["meeting"]),
        clash_on=_pair(raw["clash"]["on"]),
        clash=_clash_pair(raw["clash"]["meeting"]),
    )
    _check(data, path)
    return data


def _check(data: CouncilData, path: Path) -> None:
    """Refuse data the plan could not use, naming what is wrong."""
    if {r.when for r in data.regular} != {"mid_year", "year_end"}:
        raise ValueError(f"{path}: needs one mid_year and one year_end regular session")
    if [t.caller for t in data.themes[:3]] != ["deputies", "ubnd_chair", "standing_committee"]:
        raise ValueError(f"{path}: the first three themes are called by deputies, the UBND "
                         "chair and the Standing Committee, in that order")
    if sum(d.contested for d in data.drafts) != 1 or not any(
            d.contested and d.when == "mid_year" for d in data.drafts):
        raise ValueError(f"{path}: needs exactly one contested draft, at the mid-year session")
    for paper in (*data.drafts, *data.reports):
        if paper.when not in WHEN or (paper.slot and paper.slot not in data.slots):
            raise ValueError(f"{path}: {paper.title!r}: bad 'when' or 'slot'")
    for meeting in (*data.meetings, *data.clash):
        for position in meeting.participants:
            data.official(position)
    for question in data.questions:
        data.official(question.position)


def _theme(entry: dict[str, Any]) -> Theme:
    if entry["caller"] not in CALLERS:
        raise ValueError(f"theme {entry['title']!r}: unknown caller {entry['caller']!r}")
    return Theme(entry["title"], entry["caller"], entry.get("requesting_deputies"),
                 _pair(entry["opening"]), tuple(PolicyField(f) for f in entry["fields"]))


def _draft(entry: dict[str, Any]) -> Paper:
    return Paper(entry["title"], "draft_resolution", Agency.UBND, entry["unit"],
                 PolicyField(entry["field"]), entry["when"], entry.get("slot"),
                 bool(entry.get("contested", False)))


def _report(entry: dict[str, Any]) -> Paper:
    field = entry.get("field")
    return Paper(entry["title"], entry["kind"], Agency(entry["agency"]), entry.get("unit"),
                 PolicyField(field) if field else None, entry["when"])


def _explanation(entry: dict[str, Any]) -> Explanation:
    return Explanation(entry["topic"], PolicyField(entry["field"]), tuple(entry["explaining"]),
                       _pair(entry["on"]), entry["conclusions"], tuple(entry["commitments"]))


def _meeting(entry: dict[str, Any]) -> Meeting:
    hours = entry.get("hours")
    return Meeting(entry["organiser_kind"], entry["organiser"], entry["title"], entry["place"],
                   tuple(entry["participants"]), _pair(hours) if hours else None)


def _clash_pair(entries: list[dict[str, Any]]) -> tuple[Meeting, Meeting]:
    first, second = (_meeting(entry) for entry in entries)
    if first.hours is None or second.hours is None:
        raise ValueError("the two meetings of the clash give their hours")
    return first, second


def _pair(values: list[str]) -> tuple[str, str]:
    first, last = values
    return str(first), str(last)


def _read(path: Path) -> dict[str, Any]:
    with path.open("rb") as file:
        return tomllib.load(file)
