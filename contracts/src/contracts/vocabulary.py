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



AGENCY_NAMES: dict[Agency, tuple[str, str]] = {
    Agency.HDND: ("HĐND tỉnh", "People's Council"),
    Agency.UBND: ("UBND tỉnh", "People's Committee"),
    Agency.DBQH: ("Đoàn ĐBQH", "National Assembly delegation"),
    Agency.MTTQ: ("Ủy ban MTTQ Việt Nam tỉnh", "Fatherland Front"),
}
"""Each body's name (Vietnamese, English), as the portal and the Open311 requests show it."""

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



POLICY_FIELD_NAMES: dict[PolicyField, tuple[str, str]] = {
    PolicyField.LAND: ("Đất đai", "Land"),
    PolicyField.TRANSPORT: ("Giao thông", "Transport"),
    PolicyField.HEALTH: ("Y tế", "Health"),
    PolicyField.EDUCATION: ("Giáo dục", "Education"),
    PolicyField.SOCIAL_POLICY: ("Chính sách xã hội", "Social policy"),
    PolicyField.ENVIRONMENT: ("Môi trường", "Environment"),
    PolicyField.AGRICULTURE: ("Nông nghiệp", "Agriculture"),
    PolicyField.ECONOMY: ("Kinh tế", "Economy"),
    PolicyField.PUBLIC_ORDER: ("An ninh, trật tự", "Public order"),
    PolicyField.ADMINISTRATION: ("Hành chính", "Administration"),
    PolicyField.CULTURE: ("Văn hóa", "Culture"),
    PolicyField.OTHER: ("Khác", "Other"),
}
"""Each field's name (Vietnamese, English): the portal's labels and the Open311 service
list name fields by these."""

class ResolutionStatus(StrEnum):
    """How far a petition has been resolved (giám sát đến cùng)."""

    RESOLVED = "resolved"  # đã giải quyết xong
    IN_PROGRESS = "in_progress"  # đang giải quyết, có lộ trình
    EXPLAINED = "explained"  # giải trình, cung cấp thông tin
    UNRESOLVED = "unresolved"  # chưa giải quyết
