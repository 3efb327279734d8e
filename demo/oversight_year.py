"""The oversight part of the demo: a province's year of supervision, over HTTP.

Sixteen topics at province level (seed 003): the Standing Committee's, the committees' and
MTTQ's programmes, adopted in December of the year before. Where an MTTQ topic meets an
HĐND one (the same unit in overlapping windows, or the same topic), the service names the
overlap, and the two bodies resolve it: a joint supervision, another window, or going
ahead for a reason. HĐND's bodies then supervise their topics, report, and issue
recommendations to UBND's departments, which answer (some on time, some late, some not
yet); the bodies accept the answers or ask again. Then MTTQ's social criticism, the
comments on 17 draft laws and the two-way reports (``demo.oversight_engagement``).

Every command has an Idempotency-Key derived from the year, seed and scale: running the
same demo again replays the stored responses and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from contracts.vocabulary import Agency
from demo import oversight_engagement
from demo.client import ServiceClient
from demo.petitions_year import DEFAULT_SEED, last_year
from demo.progress import Progress
from kernel.clock import SystemClock, today_in_vietnam

STEPS = 5 + oversight_engagement.STEPS


@dataclass(frozen=True)
class Topic:
    topic: str
    field: str
    units: tuple[str, ...]
    month: int  # the planned window: days 1 to 28 of this month


EDUCATION, HEALTH = "Sở Giáo dục và Đào tạo", "Sở Y tế"
AGRICULTURE, CONSTRUCTION = "Sở Nông nghiệp và Môi trường", "Sở Xây dựng"
FINANCE, HOME = "Sở Tài chính", "Sở Nội vụ"
PROGRAMMES: list[tuple[Agency, str, str | None, list[Topic]]] = [
    (Agency.HDND, "standing_committee", None, [
        Topic("Việc giải quyết kiến nghị cử tri gửi đến kỳ họp", "administration",
              (HOME, "Xã Tân Phú"), 3),
        Topic("Công tác cải cách hành chính, chuyển đổi số", "administration", (HOME,), 9),
        Topic("Thực hiện các nghị quyết của HĐND về đầu tư công", "economy", (FINANCE,), 11),
    ]),
    (Agency.HDND, "committee", "Ban Văn hóa - Xã hội", [
        Topic("Thực hiện chính sách hỗ trợ học sinh vùng khó khăn", "education",
              (EDUCATION, "Trường THPT Tân Phú", "Xã Tân Phú"), 4),
        Topic("Công tác khám chữa bệnh bảo hiểm y tế tại tuyến xã", "health",
              (HEALTH, "Trạm y tế xã Mỹ Phong"), 6),
    ]),
    (Agency.HDND, "committee", "Ban Kinh tế - Ngân sách", [
        Topic("Quản lý, sử dụng vốn đầu tư xây dựng cơ bản", "economy",
              (CONSTRUCTION, FINANCE), 5),
        Topic("Thực hiện chương trình xây dựng nông thôn mới", "agriculture",
              (AGRICULTURE, "Xã Long Định"), 8),
    ]),
    (Agency.HDND, "committee", "Ban Pháp chế", [
        Topic("Công tác tiếp công dân, giải quyết khiếu nại, tố cáo", "public_order",
              ("Thanh tra tỉnh", "Xã Bình Đức"), 7),
        Topic("Phòng chống ma túy trong trường học", "public_order",
              (EDUCATION, "Trường THCS Bình Đức"), 10),
    ]),
    (Agency.MTTQ, "mttq", None, [
        Topic("Giám sát chính sách hỗ trợ học sinh ở vùng khó khăn", "education",
              ("Trường THPT Mỹ Tho",), 4),  # the same topic as Ban Văn hóa - Xã hội's
        Topic("Giám sát việc thu, chi quỹ bảo hiểm y tế hộ gia đình", "health",
              ("Trạm y tế xã Mỹ Phong",), 6),  # the same unit, the same month
        Topic("Giám sát bảo vệ môi trường tại khu công nghiệp", "environment",
              ("Khu công nghiệp Tân Hương",), 5),
        Topic("Giám sát thực hiện dân chủ ở cơ sở", "administration", ("Xã Thạnh Phú",), 6),
        Topic("Giám sát an toàn thực phẩm bếp ăn tập thể", "health",
              ("Trường Tiểu học Long Hưng",), 9),
        Topic("Giám sát chính sách đối với người có công", "social_policy",
              ("Sở Nội vụ",), 3),  # the same unit in March: gone ahead, for a reason
        Topic("Giám sát cấp giấy chứng nhận quyền sử dụng đất", "land",
              ("Văn phòng đăng ký đất đai tỉnh",), 8),
    ]),
]
RESPONSE_DAYS = (30, 75, None)  # on time, late, not yet: in turn over the recommendations


def run(base_url: str, jurisdiction: str, progress: Progress, *, seed: int = DEFAULT_SEED,
        scale: float = 1.0, year: int | None = None) -> None:
    """Fill the oversight service at ``base_url`` with a province's year of supervision."""
    year = year or last_year()
    with ServiceClient(base_url, jurisdiction, f"demo-{year}-s{seed}-x{scale:g}") as client:
        progress.part(f"Giám sát — năm {year} ({base_url})", STEPS)
        programmes = adopt(client, progress, year)
        resolve_overlaps(client, progress, year, programmes)
        supervised = supervise(client, progress, programmes)
        follow_up(client, progress, supervised)
        oversight_engagement.run(client, progress, year)
        summary(client, progress, year)
        progress.say(oversight_engagement.summary(client, year))


def adopt(client: ServiceClient, progress: Progress, year: int) -> list[dict[str, Any]]:
    step = progress.step("Chương trình giám sát (16 chuyên đề)", len(PROGRAMMES))
    adopted = []
    for number, (agency, body, name, topics) in enumerate(PROGRAMMES):
        adopted.append(client.command("/programmes", agency, f"programme-{number}", {
            "year": year, "body": body, "body_name": name, "adopted_on": f"{year - 1}-12-15",
            "topics": [{"topic": t.topic, "field": t.field, "units": list(t.units),
                        "window_start": date(year, t.month, 1).isoformat(),
                        "window_end": date(year, t.month, 28).isoformat()} for t in topics]}))
        step.advance(replayed=client.last_replayed)
    step.finish()
    return adopted


def resolve_overlaps(client: ServiceClient, progress: Progress, year: int,
                     programmes: list[dict[str, Any]]) -> None:
    """The first overlap becomes a joint supervision, the second is rescheduled by HĐND,
    the others go ahead with a reason."""
    found = client.query("/overlaps", {"year": year, "open": "true"})
    step = progress.step("Phối hợp, tránh trùng lặp", len(found))
    for number, overlap in enumerate(found):
        hdnd = overlap["first"] if overlap["first"]["body"] != "mttq" else overlap["second"]
        if number == 0:
            client.command(f"/overlaps/{overlap['id']}/resolve", Agency.MTTQ,
                           f"overlap-{number}", {"resolution": "joint",
                                                 "resolved_on": f"{year}-01-12"})
        elif number == 1:
            client.command(
                f"/programmes/{hdnd['programme_id']}/topics/{hdnd['item_id']}/reschedule",
                Agency.HDND, f"overlap-{number}", {
                    "window_start": f"{year}-12-01", "window_end": f"{year}-12-20",
                    "rescheduled_on": f"{year}-01-15",
                    "reason": "Tránh trùng với đoàn giám sát của Ủy ban MTTQ"})
        else:
            client.command(f"/overlaps/{overlap['id']}/resolve", Agency.HDND,
                           f"overlap-{number}", {
                               "resolution": "accepted", "resolved_on": f"{year}-01-19",
                               "reason": "Hai đoàn giám sát hai nội dung khác nhau"})
        step.advance(replayed=client.last_replayed)
    step.finish()


def supervise(client: ServiceClient, progress: Progress, programmes: list[dict[str, Any]]
              ) -> list[dict[str, Any]]:
    """HĐND's bodies supervise each of their topics, report, and recommend."""
    topics = [(p, t) for p in client.query("/programmes", {"year": programmes[0]["year"]})
              if p["body"] != "mttq" for t in p["topics"]]
    step = progress.step("Đợt giám sát, báo cáo, kiến nghị", len(topics))
    recommendations: list[dict[str, Any]] = []
    for number, (programme, topic) in enumerate(topics):
        start = date.fromisoformat(topic["window_start"]) + timedelta(days=2)
        department = topic["units"][0]
        supervision = client.command("/supervisions", Agency.HDND, f"supervision-{number}", {
            "programme_id": programme["id"], "item_id": topic["item_id"],
            "members": ["Nguyễn Thị Lan", "Trần Văn Minh", "Lê Hoàng Phúc"],
            "started_on": start.isoformat(), "ended_on": (start + timedelta(days=2)).isoformat(),
            "units_visited": topic["units"]})
        reported_on = start + timedelta(days=9)
        report = client.command(f"/supervisions/{supervision['id']}/report", Agency.HDND,
                                f"report-{number}", {
            "reported_on": reported_on.isoformat(),
            "findings": f"{topic['topic']}: cơ bản đạt yêu cầu; còn chậm ở một số đơn vị.",
            "causes": "Hướng dẫn chưa kịp thời; nhân lực còn thiếu.",
            "responsibility": f"{department} và các đơn vị liên quan.",
            "recommendations": [
                {"addressee_agency": "ubnd", "addressee_unit": department,
                 "action": f"Khắc phục tồn tại về {topic['topic'].lower()}"},
                {"addressee_agency": "ubnd", "addressee_unit": department,
                 "action": "Báo cáo kết quả rà soát, xử lý trách nhiệm"}]})
        recommendations += [{"id": rid, "unit": department, "issued_on": reported_on}
                            for rid in report["report"]["recommendation_ids"]]
        step.advance(replayed=client.last_replayed)
    step.finish()
    return recommendations


def follow_up(client: ServiceClient, progress: Progress,
              recommendations: list[dict[str, Any]]) -> None:
    step = progress.step("Theo dõi sau giám sát", len(recommendations))
    today = today_in_vietnam(SystemClock())  # what has not happened yet stays open
    for number, item in enumerate(recommendations):
        days = RESPONSE_DAYS[number % len(RESPONSE_DAYS)]
        answered_on = item["issued_on"] + timedelta(days=days or 0)
        if days is not None and answered_on + timedelta(days=5) <= today:
            path = f"/recommendations/{item['id']}"
            outcome = "implemented" if number % 4 else "partly"
            client.command(f"{path}/answer", Agency.UBND, f"answer-{number}", {
                "outcome": outcome, "done": "Đã ban hành văn bản chỉ đạo, khắc phục.",
                "responded_on": answered_on.isoformat()}, unit=item["unit"])
            if outcome == "implemented":
                client.command(f"{path}/accept", Agency.HDND, f"accept-{number}",
                               {"accepted_on": (answered_on + timedelta(days=5)).isoformat()})
            else:
                client.command(f"{path}/reopen", Agency.HDND, f"reopen-{number}", {
                    "reason": "Chưa khắc phục hết", "reopened_on": (
                        answered_on + timedelta(days=5)).isoformat(),
                    "due_on": (answered_on + timedelta(days=60)).isoformat()})
        step.advance(replayed=client.last_replayed)
    step.finish()


def summary(client: ServiceClient, progress: Progress, year: int) -> None:
    programmes = client.query("/programmes", {"year": year})
    overlaps = client.query("/overlaps", {"year": year})
    recommendations = client.query("/recommendations")
    step = progress.step("Tổng hợp", 1)
    step.advance()
    step.finish()
    by_status: dict[str, int] = {}
    for r in recommendations:
        by_status[r["status"]] = by_status.get(r["status"], 0) + 1
    progress.say(
        f"  {sum(len(p['topics']) for p in programmes)} chuyên đề giám sát; "
        f"{len(overlaps)} trùng lặp ({sum(not o['open'] for o in overlaps)} đã xử lý); "
        f"{len(client.query('/supervisions', {'year': year}))} đợt giám sát; "
        f"{len(recommendations)} kiến nghị ({by_status.get('accepted', 0)} hoàn thành, "
        f"{by_status.get('answered', 0)} đã trả lời, {by_status.get('open', 0)} đang chờ, "
        f"{sum(r['overdue'] for r in recommendations)} quá hạn).")
