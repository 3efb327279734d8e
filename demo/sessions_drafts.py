"""Titles of the year's draft resolutions, drawn from the data's templates (no I/O)."""

from __future__ import annotations

import random

from demo.sessions_data import CouncilData, Paper


class DraftPool:
    """Titles of drafts: each template (and slot value) once, then amendments of the fixed
    ones ("sửa đổi, bổ sung"), then further rounds ("đợt 2" …) at large scales."""

    def __init__(self, data: CouncilData, rng: random.Random, year: int) -> None:
        self.rng, self.data, self.year = rng, data, year
        self.by_when: dict[str, list[tuple[Paper, str]]] = {
            when: [pair for d in data.drafts if d.when == when for pair in self._titles(d)]
            for when in ("mid_year", "year_end", "any")
        }
        rng.shuffle(self.by_when["any"])
        self.round = 1

    def regular(self, when: str) -> list[tuple[Paper, str]]:
        """The drafts that belong to one regular session, the contested one first."""
        return sorted(self.by_when[when], key=lambda pair: not pair[0].contested)

    def take(self, count: int, fields: tuple[str, ...] = ()) -> list[tuple[Paper, str]]:
        """``count`` drafts of the open pool, those of ``fields`` first."""
        taken: list[tuple[Paper, str]] = []
        while len(taken) < count:
            pool = self.by_when["any"]
            if not pool:
                self._refill()
                continue
            preferred = [p for p in pool if p[0].field in fields] or pool
            pair = preferred[0]
            pool.remove(pair)
            taken.append(pair)
        return taken

    def _refill(self) -> None:
        self.round += 1
        fixed = [d for d in self.data.drafts if d.when == "any" and not d.slot]
        titles = [(d, self._again(title)) for d in fixed for _, title in self._titles(d)]
        self.rng.shuffle(titles)
        self.by_when["any"] = titles

    def _again(self, title: str) -> str:
        if self.round == 2:
            return "Nghị quyết sửa đổi, bổ sung một số điều của " + title
        return f"{title} (đợt {self.round - 1})"

    def _titles(self, paper: Paper) -> list[tuple[Paper, str]]:
        years = {"year": self.year, "next": self.year + 1, "prev": self.year - 1}
        values = self.data.slots[paper.slot] if paper.slot else ("",)
        return [(paper, paper.title.format(x=value, **years)) for value in values]
