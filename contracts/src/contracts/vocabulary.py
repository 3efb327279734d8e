"""Values shared by several services' events: agency codes, jurisdiction levels, fields."""

from datetime import timedelta, timezone
from enum import StrEnum

VIETNAM = timezone(timedelta(hours=7), "ICT")
"""Vietnam's time: UTC+7 all year (no daylight saving); dates in events are local dates."""


class Agency(StrEnum):
    """The four bodies of the coordination regulation."""

    DBQH = "dbqh"  # Đoàn đại biểu Quốc hội
    HDND = "hdnd"  # Hội đồng nhân dân
    UBND = "ubnd"  # Ủy ban nhân dân
    MTTQ = "mttq"  # Ủy ban Mặt trận Tổ quốc Việt Nam


class JurisdictionLevel(StrEnum):
    """Levels of government since 1 July 2025; ``district`` only for older records."""

    CENTRAL = "central"
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"


class PolicyField(StrEnum):
    """Field (lĩnh vực) a petition or resolution belongs to."""

    LAND = "land"
    TRANSPORT = "transport"
    HEALTH = "health"
    EDUCATION = "education"
    SOCIAL_POLICY = "social_policy"
    ENVIRONMENT = "environment"
    AGRICULTURE = "agriculture"
    ECONOMY = "economy"
    PUBLIC_ORDER = "public_order"
    ADMINISTRATION = "administration"
    CULTURE = "culture"
    OTHER = "other"


class ResolutionStatus(StrEnum):
    """How far a petition has been resolved (giám sát đến cùng)."""

    RESOLVED = "resolved"  # đã giải quyết xong
    IN_PROGRESS = "in_progress"  # đang giải quyết, có lộ trình
    EXPLAINED = "explained"  # giải trình, cung cấp thông tin
    UNRESOLVED = "unresolved"  # chưa giải quyết
