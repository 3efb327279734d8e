"""The summary at the end of the petitions part, read back from ``GET /petitions``."""

from __future__ import annotations

from collections import Counter
from typing import Any

from demo.client import ServiceClient
from demo.progress import Progress

STATUSES = {
    "recorded": "đã ghi nhận", "classified": "đã phân loại", "forwarded": "đã chuyển",
    "answered": "đã trả lời", "published": "đã thông báo",
    "consolidated": "đã gộp vào kiến nghị tổng hợp", "withdrawn": "tổng hợp đã tách lại",
}
RESOLUTIONS = {
    "resolved": "đã giải quyết xong", "in_progress": "đang giải quyết (có lộ trình)",
    "explained": "giải trình", "unresolved": "chưa giải quyết",
}
PAGE = 200


def status_counts(client: ServiceClient) -> dict[str, int]:
    return {status: int(client.query("/petitions", {"status": status, "limit": 1})["total"])
            for status in STATUSES}


def active_petitions(client: ServiceClient) -> list[dict[str, Any]]:
    """Every petition that stands on its own (merged and withdrawn ones left out)."""
    rows: list[dict[str, Any]] = []
    while True:
        page = client.query("/petitions", {"limit": PAGE, "offset": len(rows)})
        rows.extend(page["items"])
        if not page["items"] or len(rows) >= page["total"]:
            return rows


def body_of(row: dict[str, Any]) -> str:
    """The competent body, with commune committees counted together."""
    if row["agency"] == "dbqh":
        return "Đoàn ĐBQH (kiến nghị gửi Quốc hội)"
    if row["level"] == "commune":
        return "UBND cấp xã"
    return str(row["unit"] or row["agency"].upper())


def print_summary(client: ServiceClient, progress: Progress) -> None:
    statuses = status_counts(client)
    rows = active_petitions(client)
    forwarded = [row for row in rows if row["forwarded_on"] is not None]
    per_body = Counter(body_of(row) for row in forwarded)
    answered = Counter(body_of(row) for row in forwarded if row["answered_on"] is not None)
    resolutions = Counter(row["resolution"] for row in rows if row["resolution"])
    progress.say(f"Tổng kết (đọc lại từ GET /petitions, mọi dữ liệu trong dịch vụ): "
                 f"{len(rows)} kiến nghị đang theo dõi")
    progress.say("  Trạng thái: " + " · ".join(
        f"{label} {statuses[status]}" for status, label in STATUSES.items()))
    progress.say("  Kết quả giải quyết: " + " · ".join(
        f"{label} {resolutions[status]}" for status, label in RESOLUTIONS.items()))
    overdue = sum(bool(row["overdue"]) for row in rows)
    progress.say(f"  Theo cơ quan, đơn vị (đã trả lời / được chuyển; quá hạn {overdue}):")
    width = max((len(body) for body in per_body), default=0)
    for body, count in sorted(per_body.items(), key=lambda item: (-item[1], item[0])):
        progress.say(f"    {body:<{width}}  {answered[body]:>3} / {count}")
