"""A review document exactly in the shape the oversight service serves (``GET /review``,
docs: the review's JSON shape), for the portal's renderers: two sections, every unit of
figure, a figure that cannot be computed, and agencies ranked and not."""

from __future__ import annotations

from typing import Any

PERIOD = "from=2023-01-01&to=2023-12-31"


def figure(key: str, label: str, label_en: str, value: float | None, previous: float | None,
           unit: str = "count", **more: Any) -> dict[str, Any]:
    return {"key": key, "label": label, "label_en": label_en, "unit": unit, "value": value,
            "previous": previous, "note": None, "note_en": None, "parts": [],
            "records": f"/review/figures/{key}?{PERIOD}"} | more


def sample_review() -> dict[str, Any]:
    return {
        "jurisdiction": "tien-giang", "body": None,
        "period": {"from": "2023-01-01", "to": "2023-12-31"},
        "previous_period": {"from": "2022-01-01", "to": "2022-12-31"},
        "as_of": "2026-12-03T19:30:00+07:00",
        "sections": [
            {"key": "sessions", "title": "Kỳ họp và hoạt động của HĐND",
             "title_en": "Council sessions",
             "figures": [
                 figure("sessions.held", "Kỳ họp đã tổ chức", "Sessions held", 8, 6,
                        parts=[{"key": "thematic", "label": "chuyên đề",
                                "label_en": "thematic", "value": 6, "previous": 4}]),
                 figure("sessions.resolutions_passed", "Nghị quyết được thông qua",
                        "Resolutions passed", 97, 103),
                 figure("sessions.questioning", "Phiên chất vấn", "Questioning sessions",
                        1, 1),
             ]},
            {"key": "petitions", "title": "Tiếp nhận và giải quyết kiến nghị cử tri",
             "title_en": "Voters' petitions",
             "figures": [
                 figure("petitions.recorded", "Kiến nghị đã tiếp nhận", "Petitions recorded",
                        1234, 1100),
                 figure("petitions.answered_on_time", "Tỷ lệ trả lời đúng hạn",
                        "Answered on time", 0.8, 0.75, unit="share"),
                 figure("petitions.median_days", "Số ngày trả lời (trung vị)",
                        "Median days to answer", 21.5, 24, unit="days"),
                 figure("petitions.backlog_cleared", "Kiến nghị tồn đọng đã giải quyết",
                        "Backlog cleared", None, 12,
                        note="Chưa có số liệu kỳ trước để đối chiếu tồn đọng",
                        note_en="No earlier period to compare the backlog with"),
             ]},
        ],
        "agencies": [
            {"agency": "ubnd", "unit": "Sở Xây dựng", "answered": 12, "median_days": 21.5,
             "ranked": True},
            {"agency": "ubnd", "unit": "Sở Giáo dục và Đào tạo", "answered": 30,
             "median_days": 9, "ranked": True},
            {"agency": "ubnd", "unit": "Sở Y tế", "answered": 15, "median_days": 21.5,
             "ranked": True},
            {"agency": "ubnd", "unit": "Sở Tài chính", "answered": 1, "median_days": 2,
             "ranked": False},
        ],
    }
