"""Values of the sessions domain: kinds and statuses, and checks on dates and texts."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from kernel.clock import day_in_vietnam
from kernel.errors import Wording
from kernel.occurred import Follows, check_occurred_on
from sessions.domain.errors import InvalidCommandError

# Dates in the records are Vietnamese calendar days, whatever the server's timezone.


def check_occurred(day: date, at: datetime, field: str, *follows: Follows) -> date:
    """The kernel's one check of the day an act happened (kernel.occurred), today being
    the Vietnamese day of the command's time ``at``."""
    return check_occurred_on(day, today=day_in_vietnam(at), field=field, follows=follows)


def follows(day: date | None, en: str, vi: str) -> Follows:
    """An earlier act of the record the new one comes after (kernel.occurred.Follows)."""
    return Follows(day, Wording(en, vi))


def check_positive_text(value: str, what: str) -> str:
    cleaned = value.strip()
    if not cleaned:
        raise InvalidCommandError(f"{what} must not be empty")
    return cleaned


class SessionKind(StrEnum):
    REGULAR = "regular"  # kỳ họp thường lệ
    THEMATIC = "thematic"  # kỳ họp chuyên đề


class SessionStatus(StrEnum):
    PLANNED = "planned"  # đang chuẩn bị
    CONVENED = "convened"  # đã khai mạc
    CLOSED = "closed"  # đã bế mạc


class ThematicCaller(StrEnum):
    """Who may call a thematic session (NQ 104/2025/UBTVQH15)."""

    STANDING_COMMITTEE = "standing_committee"  # Thường trực HĐND
    UBND_CHAIR = "ubnd_chair"  # Chủ tịch UBND
    DEPUTIES = "deputies"  # ít nhất một phần ba tổng số đại biểu


class DocumentKind(StrEnum):
    SUBMISSION = "submission"  # tờ trình
    REPORT = "report"  # báo cáo
    SCHEME = "scheme"  # đề án
    DRAFT_RESOLUTION = "draft_resolution"  # dự thảo nghị quyết


class OrganiserKind(StrEnum):
    """Bodies whose meetings share one calendar so they do not clash (seed 003)."""

    STANDING_COMMITTEE = "standing_committee"  # Thường trực HĐND
    COMMITTEE = "committee"  # các Ban HĐND
    UBND = "ubnd"  # UBND


class ConfidenceOutcome(StrEnum):
    """What a confidence rating leads to (NQ 96/2023/QH15)."""

    NONE = "none"
    MAY_RESIGN = "may_resign"  # > 1/2 low: may resign, else faces a confidence vote
    DISMISSAL_REQUIRED = "dismissal_required"  # ≥ 2/3 low: dismissal must be proposed
