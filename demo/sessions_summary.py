"""The summary at the end of the sessions part, read back from the service's GET routes:
the year's figures as the yearly review (báo cáo sơ kết, seed 003) counts them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from demo.client import ServiceClient
from demo.progress import Progress


def year_figures(client: ServiceClient, year: int) -> dict[str, Any]:
    """Everything of ``year`` in the service (other batches of that year included)."""
    sessions = client.query("/sessions", {"year": year})["items"]
    ids = {s["id"] for s in sessions}
    span = {"from": f"{year}-01-01T00:00:00+07:00", "until": f"{year + 1}-01-01T00:00:00+07:00"}
    return {
        "sessions": sessions,
        "lag": client.query("/resolutions/guidance-lag", {"year": year}),
        "resolutions": client.query("/resolutions", {"year": year})["items"],
        "explanations": client.query("/explanation-sessions", {"year": year}),
        "matters": client.query("/between-session-matters", {"year": year}),
        "calendar": client.query("/calendar", span),
        "clashes": [c for c in client.query("/calendar/clashes")
                    if _year(c["overlap_start"]) == year],
        "ratings": [r for r in client.query("/confidence-ratings") if r["session_id"] in ids],
    }


def _year(moment: str) -> int:
    return datetime.fromisoformat(moment).year


def _day(moment: str) -> str:
    return datetime.fromisoformat(moment).strftime("%d/%m")


def print_summary(client: ServiceClient, progress: Progress, year: int) -> None:
    f = year_figures(client, year)
    sessions, lag = f["sessions"], f["lag"]
    thematic = sum(s["kind"] == "thematic" for s in sessions)
    questioned = [s for s in sessions if s["question_count"]]
    progress.say(f"Tổng kết năm {year} (đọc lại từ các GET của dịch vụ, mọi dữ liệu năm "
                 f"{year} trong dịch vụ):")
    progress.say(
        f"  {len(sessions):02d} kỳ họp ({thematic:02d} chuyên đề) · "
        f"{sum(s['document_count'] for s in sessions)} tài liệu, "
        f"{sum(s['late_document_count'] for s in sessions)} gửi trễ hạn · "
        f"{len(questioned):02d} kỳ họp có chất vấn "
        f"({sum(s['question_count'] for s in questioned)} chất vấn)")
    progress.say(
        f"  {sum(s['resolutions_passed'] for s in sessions):02d} nghị quyết được thông qua · "
        f"{sum(s['drafts_rejected'] for s in sessions):02d} dự thảo không được thông qua")
    progress.say(
        f"  Văn bản hướng dẫn (tính đến {_vn(lag['as_of'])}): {lag['guided']} có, độ trễ "
        f"trung bình {lag['average_lag_days']} ngày, trung vị {lag['median_lag_days']}, "
        f"dài nhất {lag['max_lag_days']} · {lag['awaiting']} còn chờ (lâu nhất "
        f"{lag['longest_waiting_days']} ngày) · "
        f"{sum(r['conference_held_on'] is not None for r in f['resolutions'])} đã có hội "
        "nghị triển khai")
    held = sum(e["held_on"] is not None for e in f["explanations"])
    reported = sum(m["reported_to"] is not None for m in f["matters"])
    progress.say(f"  {held:02d} phiên giải trình · {len(f['matters']):02d} vấn đề phát sinh "
                 f"giữa hai kỳ họp ({reported} đã báo cáo kỳ họp)")
    progress.say(f"  Lịch họp: {len(f['calendar'])} cuộc họp, {len(f['clashes'])} trùng lịch")
    for c in f["clashes"]:
        shared = ("cùng có " + ", ".join(c["shared_participants"])
                  if c["shared_participants"] else "cùng cơ quan")
        progress.say(f"    {_day(c['overlap_start'])}: {c['organiser']} trùng "
                     f"{c['other_organiser']} ({shared})")
    if f["ratings"]:
        low = sum(r["outcome"] != "none" for r in f["ratings"])
        progress.say(f"  Lấy phiếu tín nhiệm: {len(f['ratings'])} người, {low} có quá nửa "
                     "phiếu tín nhiệm thấp")


def _vn(day: str) -> str:
    return date.fromisoformat(day).strftime("%d/%m/%Y")
