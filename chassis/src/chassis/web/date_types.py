"""Dates and times as the APIs read them: ISO 8601 / RFC 3339 text, and nothing else.

Left to itself, pydantic also reads a number, or a string of digits, as seconds since
1970: ``?as_of=2025`` would silently mean 1970-01-01T00:33:45Z and ``"held_on": 0`` the
first of January 1970. The OpenAPI documents promise ``format: date`` and
``format: date-time`` strings, so anything else is refused with 422.

Every day and time read also lies within the kernel's plausible range around today
(``kernel.clock.plausible_days``): ``0001-01-01`` or ``9999-12-31T23:59:59-23:59`` would
overflow deadline arithmetic or a time-zone conversion later, so they are a 422 here, in
the one place every route reads dates through.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, BeforeValidator, Field, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from kernel.clock import SystemClock, check_plausible_day, plausible_years, today_in_vietnam

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?"
_DATE_TIME_WITH_OFFSET = re.compile(_TIME + r"([Zz]|[+-]\d{2}:\d{2})")
_DATE_TIME = re.compile(_TIME + r"([Zz]|[+-]\d{2}:\d{2})?")


def _text_like(pattern: re.Pattern[str], example: str) -> Callable[[object], object]:
    def check(value: object) -> object:
        if isinstance(value, date):  # built in Python, not read from a request
            return value
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise ValueError(f"expected text such as {example}")
        return value
    return check


def _plausible_day(day: date) -> date:
    return check_plausible_day(day, today_in_vietnam(SystemClock()))


def _plausible_time(moment: datetime) -> datetime:
    # The wall-clock day as written: converting to UTC first could itself overflow.
    check_plausible_day(moment.date(), today_in_vietnam(SystemClock()))
    return moment


class _DocumentedRange:
    """Writes the plausible years into the OpenAPI document as a ``pattern``, so clients
    (and the API fuzzing's generators) see the range the validators enforce."""

    def __init__(self, rest_of_pattern: str) -> None:
        self.rest_of_pattern = rest_of_pattern

    def __get_pydantic_json_schema__(self, core: CoreSchema, handler: GetJsonSchemaHandler
                                     ) -> JsonSchemaValue:
        schema = handler(core)
        years = "|".join(str(year) for year in plausible_years(today_in_vietnam(SystemClock())))
        day = f"({years})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
        schema["pattern"] = f"^{day}{self.rest_of_pattern}$"
        return schema


_CLOCK_TIME = r"[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?"
_OFFSET = r"([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])"

Day = Annotated[date, BeforeValidator(_text_like(_DATE, "2025-09-15")),
                AfterValidator(_plausible_day), _DocumentedRange("")]
"""A calendar day, ``2025-09-15``."""

Moment = Annotated[datetime, BeforeValidator(_text_like(_DATE_TIME, "2025-09-15T08:00:00+07:00")),
                   AfterValidator(_plausible_time), _DocumentedRange(f"{_CLOCK_TIME}{_OFFSET}?")]
"""A time; without an offset the route reads it as UTC (and says so in its description)."""

Instant = Annotated[
    AwareDatetime, BeforeValidator(_text_like(_DATE_TIME_WITH_OFFSET, "2025-07-15T08:00:00+07:00")),
    AfterValidator(_plausible_time), _DocumentedRange(f"{_CLOCK_TIME}{_OFFSET}"),
]
"""A time that must carry its UTC offset."""

OccurredOn = Annotated[Day | None, Field(
    description="Ngày xảy ra — the day the act happened, when it is recorded later (not in "
    "the future, not before the act it follows); today when left out.")]
"""The day an act happened, as every command that records one takes it: ``occurred_on``,
or the act's own field (``held_on``, ``answered_on``). Read here (a ``Day``: ISO text,
plausible); the domain checks it against today and the acts it follows
(``kernel.occurred.check_occurred_on``); left out, the application takes today."""
