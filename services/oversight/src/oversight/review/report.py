"""The review document (the JSON shape the portal and the DOCX are built on) and one
figure's records, from the facts: every figure for the period and the previous one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from oversight.review.facts import Fact
from oversight.review.figure_kit import Facts, Figure
from oversight.review.figures import BY_KEY, FIGURES, SECTIONS, agencies_answering
from oversight.review.periods import Period


@dataclass(frozen=True)
class Scope:
    """What a review is of: a period, one body or all, one jurisdiction."""

    period: Period
    body: str | None
    jurisdiction: str

    def query(self, previous: bool = False) -> str:
        """The query string that asks for the same review (or its previous period)."""
        params = {"from": self.period.start.isoformat(), "to": self.period.end.isoformat()}
        if self.body is not None:
            params["body"] = self.body
        params["jurisdiction"] = self.jurisdiction
        if previous:
            params["period"] = "previous"
        return urlencode(params)


def figure_json(figure: Figure, facts: Facts, scope: Scope) -> dict[str, Any]:
    now, before = (figure.compute(facts, scope.period),
                   figure.compute(facts, scope.period.previous()))
    previous_parts = {p.key: p.value for p in before.parts}
    return {
        "key": figure.key, "label": figure.label, "label_en": figure.label_en,
        "unit": figure.unit, "value": now.figure, "previous": before.figure,
        "note": now.note[0] if now.note else None,
        "note_en": now.note[1] if now.note else None,
        "parts": [{"key": p.key, "label": p.label, "label_en": p.label_en, "value": p.value,
                   "previous": previous_parts.get(p.key)} for p in now.parts],
        "records": f"/review/figures/{figure.key}?{scope.query()}",
    }


def review_json(facts: Iterable[Fact], scope: Scope, *, minimum_for_rank: int,
                as_of: datetime) -> dict[str, Any]:
    """Every figure, by section, with the previous period's beside it; the agencies'
    median days to answer."""
    indexed = Facts(facts, scope.body)
    sections = []
    for key, (title, title_en) in SECTIONS.items():
        figures = [figure_json(f, indexed, scope) for f in FIGURES if f.section == key]
        sections.append({"key": key, "title": title, "title_en": title_en,
                         "figures": figures})
    return {
        "jurisdiction": scope.jurisdiction, "body": scope.body,
        "period": scope.period.as_json(), "previous_period": scope.period.previous().as_json(),
        "as_of": as_of.isoformat(),
        "sections": sections,
        "agencies": [{"agency": a.agency, "unit": a.unit, "answered": a.answered,
                      "median_days": a.median_days, "ranked": a.ranked}
                     for a in agencies_answering(indexed, scope.period, minimum_for_rank)],
    }


def record_json(fact: Fact) -> dict[str, Any]:
    return {"id": fact.record_id, "kind": fact.record_kind, "title": fact.title,
            "occurred_on": fact.occurred_on.isoformat(), "href": fact.href}


def figure_records_json(key: str, facts: Iterable[Fact], period: Period,
                        body: str | None) -> dict[str, Any]:
    """The records behind one figure in ``period``."""
    figure = BY_KEY[key]
    result = figure.compute(Facts(facts, body), period)
    return {"key": figure.key, "label": figure.label, "label_en": figure.label_en,
            "unit": figure.unit, "value": result.figure,
            "period": period.as_json(),
            "records": [record_json(f) for f in result.records]}


def figures_of(facts: Iterable[Fact], period: Period, body: str | None = None
               ) -> dict[str, Any]:
    """Each figure's value and parts in ``period``: what the audit compares."""
    indexed = Facts(facts, body)
    out: dict[str, Any] = {}
    for figure in FIGURES:
        result = figure.compute(indexed, period)
        out[figure.key] = (result.figure, [(p.key, p.value) for p in result.parts],
                           sorted(f.fact_id for f in result.records))
    return out
