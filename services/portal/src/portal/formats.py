"""Dates, times and numbers as people in each language write them."""

from __future__ import annotations

from datetime import date, datetime

from contracts.vocabulary import VIETNAM
from portal.words import Language


def day(value: date | str | None, language: Language) -> str:
    """A date as people write it: 05/12/2026 in Vietnamese, 5 Dec 2026 in English."""
    if value is None or value == "":
        return ""
    when = date.fromisoformat(value[:10]) if isinstance(value, str) else value
    if language == "en":
        return f"{when.day} {when:%b %Y}"
    return f"{when:%d/%m/%Y}"


def moment(value: datetime | str | None, language: Language) -> str:
    """A time in Vietnam's time zone: 14:05 05/12/2026."""
    if value is None or value == "":
        return ""
    when = datetime.fromisoformat(value) if isinstance(value, str) else value
    local = when.astimezone(VIETNAM)
    return f"{local:%H:%M} {day(local.date(), language)}"


def number(value: int | float, language: Language) -> str:
    """12.345 in Vietnamese (dot groups thousands), 12,345 in English."""
    grouped = f"{value:,}"
    return grouped if language == "en" else grouped.replace(",", ".")


def percent(value: float, language: Language) -> str:
    shown = f"{value * 100:.0f}"
    return f"{shown}%" if language == "en" else f"{shown}\u00a0%"  # never "%" alone on a line
