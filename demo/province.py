"""The province the demo fills and what its voters ask, read from ``demo/data/*.toml``."""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contracts.vocabulary import JurisdictionLevel, PolicyField, ResolutionStatus

DATA = Path(__file__).parent / "data"
# Slots naming the place a petition is about: the petition then comes from that commune.
PLACE_SLOTS = ("riverside", "coast", "durian")

# Which HĐND committee (Ban) follows a field up. Tiền Giang has no Ban Dân tộc: its
# council has the three committees below.
COMMITTEES = {
    PolicyField.TRANSPORT: "Ban Kinh tế - Ngân sách",
    PolicyField.LAND: "Ban Kinh tế - Ngân sách",
    PolicyField.AGRICULTURE: "Ban Kinh tế - Ngân sách",
    PolicyField.ENVIRONMENT: "Ban Kinh tế - Ngân sách",
    PolicyField.ECONOMY: "Ban Kinh tế - Ngân sách",
    PolicyField.HEALTH: "Ban Văn hóa - Xã hội",
    PolicyField.EDUCATION: "Ban Văn hóa - Xã hội",
    PolicyField.SOCIAL_POLICY: "Ban Văn hóa - Xã hội",
    PolicyField.CULTURE: "Ban Văn hóa - Xã hội",
    PolicyField.PUBLIC_ORDER: "Ban Pháp chế",
    PolicyField.ADMINISTRATION: "Ban Pháp chế",
}


@dataclass(frozen=True)
class Occasion:
    """A round of voter contact around a session, held within a window of dates."""

    title: str
    window: tuple[str, str]  # "MM-DD" first and last day
    na: bool  # the NA delegation takes part


@dataclass(frozen=True)
class Province:
    name: str
    communes: tuple[str, ...]
    na_deputies: tuple[str, ...]
    council_deputies: tuple[str, ...]
    occasions: tuple[Occasion, ...]
    slots: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Topic:
    """One kind of petition: its wordings, how it is classified and how it is answered."""

    key: str
    role: str  # single | duplicate | split
    field: PolicyField
    level: JurisdictionLevel
    unit: str | None
    outcome: ResolutionStatus
    texts: tuple[str, ...]
    summary: str | None
    answer: str
    note: str | None
    misroute_unit: str | None
    misroute_reason: str | None

    @property
    def slots(self) -> frozenset[str]:
        """The slot names its texts use, e.g. ``{"xa", "road"}``."""
        parts = (*self.texts, self.summary or "", self.answer)
        return frozenset(name for text in parts
                         for _, name, _, _ in string.Formatter().parse(text) if name)

    @property
    def place_slot(self) -> str | None:
        return next((slot for slot in PLACE_SLOTS if slot in self.slots), None)

    @property
    def committee(self) -> str | None:
        """The HĐND committee that follows it: none for central or commune matters."""
        return COMMITTEES.get(self.field) if self.level == JurisdictionLevel.PROVINCE else None


@dataclass(frozen=True)
class Catalogue:
    topics: tuple[Topic, ...]
    split_summary: str
    split_reason: str

    def with_role(self, role: str) -> list[Topic]:
        return [topic for topic in self.topics if topic.role == role]


def load_province(path: Path = DATA / "province.toml") -> Province:
    raw = _read(path)
    occasions = tuple(Occasion(o["title"], (o["window"][0], o["window"][1]), bool(o["na"]))
                      for o in raw["occasion"])
    return Province(
        name=raw["name"], communes=tuple(raw["communes"]),
        na_deputies=tuple(raw["na_deputies"]), council_deputies=tuple(raw["council_deputies"]),
        occasions=occasions, slots={k: tuple(v) for k, v in raw["slots"].items()},
    )


def load_catalogue(path: Path = DATA / "petitions.toml") -> Catalogue:
    raw = _read(path)
    topics = tuple(_topic(entry) for entry in raw["topic"])
    catalogue = Catalogue(topics, raw["split"]["summary"], raw["split"]["reason"])
    if len(catalogue.with_role("split")) != 2 or not catalogue.with_role("duplicate"):
        raise ValueError(f"{path}: needs two 'split' topics and some 'duplicate' ones")
    return catalogue


def _topic(entry: dict[str, Any]) -> Topic:
    level = JurisdictionLevel(entry["level"])
    unit = entry.get("unit")
    if (level == JurisdictionLevel.PROVINCE) != (unit is not None):
        raise ValueError(f"topic {entry['key']}: province topics, and only they, name a unit")
    if entry["role"] not in {"single", "duplicate", "split"}:
        raise ValueError(f"topic {entry['key']}: unknown role {entry['role']!r}")
    return Topic(
        key=entry["key"], role=entry["role"], field=PolicyField(entry["field"]), level=level,
        unit=unit, outcome=ResolutionStatus(entry["outcome"]), texts=tuple(entry["texts"]),
        summary=entry.get("summary"), answer=entry["answer"], note=entry.get("note"),
        misroute_unit=entry.get("misroute_unit"), misroute_reason=entry.get("misroute_reason"),
    )


def _read(path: Path) -> dict[str, Any]:
    with path.open("rb") as file:
        return tomllib.load(file)
