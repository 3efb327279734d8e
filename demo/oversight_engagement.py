"""The rest of oversight's year in the demo, over HTTP: MTTQ's social criticism of the
province's drafts, the comments on draft laws the delegation and MTTQ collect (seed 003:
17 draft laws commented), and the two-way reports the four bodies owe each other, most on
time, some late, a few not submitted (the monitoring pass flags those and the notifier
reminds them).

Every command has an Idempotency-Key from the caller's client (year, seed, scale): running
the demo again changes nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from contracts.vocabulary import Agency
from demo.client import ServiceClient
from demo.progress import Progress
from kernel.clock import SystemClock, today_in_vietnam

STEPS = 3
# (draft, drafting unit of UBND, month received, replied?)
DRAFTS = [
    ("Dự thảo Nghị quyết quy định mức hỗ trợ học sinh vùng khó khăn",
     "Sở Giáo dục và Đào tạo", 3, True),
    ("Dự thảo Nghị quyết về giá dịch vụ khám bệnh, chữa bệnh", "Sở Y tế", 5, True),
    ("Dự thảo Quy hoạch sử dụng đất cấp tỉnh", "Sở Nông nghiệp và Môi trường", 6, True),
    ("Dự thảo Nghị quyết quy định chính sách thu hút nhân lực y tế", "Sở Nội vụ", 8, True),
    ("Dự thảo Đề án chuyển đổi số cấp xã", "Sở Khoa học và Công nghệ", 10, False),
]
UPTAKES = ("taken_in", "partly", "explained")
DRAFT_LAWS = [
    "Luật Nhà giáo", "Luật Thuế thu nhập cá nhân (sửa đổi)", "Luật Dân số",
    "Luật Phòng bệnh", "Luật Bảo vệ dữ liệu cá nhân", "Luật Việc làm (sửa đổi)",
    "Luật Thi hành án dân sự (sửa đổi)", "Luật Quy hoạch đô thị và nông thôn",
    "Luật Địa chất và khoáng sản", "Luật Chất lượng sản phẩm, hàng hóa (sửa đổi)",
    "Luật Tổ chức chính quyền địa phương (sửa đổi)", "Luật Cán bộ, công chức (sửa đổi)",
    "Luật Giáo dục (sửa đổi)", "Luật Dữ liệu", "Luật Công nghiệp công nghệ số",
    "Luật Thương mại điện tử", "Luật Phòng, chống ma túy (sửa đổi)",
]
VOTERS = ("Nguyễn Văn Hòa", "Trần Thị Mai", "Lê Văn Tâm", "Phạm Thị Lan")
GROUPS = ("Hội Cựu chiến binh tỉnh", "Hội Liên hiệp Phụ nữ tỉnh", "Đoàn Luật sư tỉnh")


def run(client: ServiceClient, progress: Progress, year: int) -> None:
    criticise(client, progress, year)
    comment_draft_laws(client, progress, year)
    submit_reports(client, progress, year)


def criticise(client: ServiceClient, progress: Progress, year: int) -> None:
    """MTTQ receives each draft, holds its conference, sends its criticism; the drafting
    department replies to all but the last (still awaited)."""
    step = progress.step("Phản biện xã hội của Ủy ban MTTQ", len(DRAFTS))
    for number, (draft, unit, month, replied) in enumerate(DRAFTS):
        received = date(year, month, 3)
        criticism = client.command("/social-criticisms", Agency.MTTQ, f"draft-{number}", {
            "draft_title": draft, "drafting_agency": "ubnd", "drafting_unit": unit,
            "received_on": received.isoformat()})
        path = f"/social-criticisms/{criticism['id']}"
        client.command(f"{path}/conference", Agency.MTTQ, f"conference-{number}", {
            "participants": 35 + 5 * number, "held_on": (received + timedelta(10)).isoformat(),
            "summary": "Các chuyên gia, đại diện hội đoàn thể góp ý về đối tượng, mức "
                       "hỗ trợ và nguồn lực thực hiện."})
        client.command(f"{path}/criticism", Agency.MTTQ, f"criticism-{number}", {
            "document_number": f"{40 + number}/MTTQ-BTT",
            "sent_on": (received + timedelta(17)).isoformat(),
            "content": "Đề nghị làm rõ tiêu chí xác định đối tượng; đánh giá tác động "
                       "ngân sách; bổ sung cơ chế giám sát của Nhân dân."})
        if replied:
            client.command(f"{path}/reply", Agency.UBND, f"reply-{number}", {
                "uptake": UPTAKES[number % len(UPTAKES)],
                "replied_on": (received + timedelta(30)).isoformat(),
                "reply": "Cơ quan soạn thảo tiếp thu, chỉnh lý dự thảo; giải trình các "
                         "nội dung chưa tiếp thu."}, unit=unit)
        step.advance(replayed=client.last_replayed)
    step.finish()


def comment_draft_laws(client: ServiceClient, progress: Progress, year: int) -> None:
    """Seventeen draft laws: the delegation collects twelve, MTTQ five; each gets voters'
    and groups' comments and is sent on to the National Assembly's committee."""
    step = progress.step("Góp ý dự thảo luật (17 dự thảo)", len(DRAFT_LAWS))
    for number, law in enumerate(DRAFT_LAWS):
        collector = Agency.MTTQ if number % 7 in (3, 6) else Agency.DBQH
        opened = date(year, 2 + number * 9 // len(DRAFT_LAWS), 5)
        consultation = client.command("/draft-laws", collector, f"law-{number}", {
            "law_title": f"Dự thảo {law}", "opened_on": opened.isoformat()})
        path = f"/draft-laws/{consultation['id']}"
        for index in range(2 + number % 3):
            voter = index % 2 == 0
            client.command(f"{path}/comments", collector, f"law-{number}-comment-{index}", {
                "source": "voter" if voter else "group",
                "source_name": (VOTERS if voter else GROUPS)[(number + index) % 3],
                "received_on": (opened + timedelta(3 + index)).isoformat(),
                "content": "Đề nghị quy định rõ trách nhiệm của cơ quan thực hiện và "
                           "bảo đảm nguồn lực ở cơ sở."})
        client.command(f"{path}/send", collector, f"law-{number}-send", {
            "sent_on": (opened + timedelta(12)).isoformat(),
            "sent_to": "Văn phòng Quốc hội (tổng hợp gửi cơ quan chủ trì thẩm tra)",
            "summary": f"Tổng hợp ý kiến cử tri, tổ chức về dự thảo {law}."})
        step.advance(replayed=client.last_replayed)
    step.finish()


def submit_reports(client: ServiceClient, progress: Progress, year: int) -> None:
    """The reports due in the year: most submitted two days early, every fifth a week
    late, every seventh not at all (left for the monitoring pass to flag)."""
    today = today_in_vietnam(SystemClock())
    rows = [r for r in client.query("/reporting/reports", {"year": year})
            if date.fromisoformat(r["due_on"]) + timedelta(days=7) <= today]
    step = progress.step("Báo cáo hai chiều giữa các cơ quan", len(rows))
    for number, row in enumerate(rows):
        if number % 7 != 6 and row["submitted_on"] is None:
            submit(client, row, late=number % 5 == 2, key=f"report-{number}")
        step.advance(replayed=client.last_replayed)
    step.finish()


def submit(client: ServiceClient, row: dict[str, Any], *, late: bool, key: str) -> None:
    due, start = date.fromisoformat(row["due_on"]), date.fromisoformat(row["period_start"])
    submitted = due + timedelta(days=7) if late else max(due - timedelta(days=2), start)
    client.command("/reporting/reports", Agency(row["from_agency"]), key, {
        "obligation_id": row["obligation_id"], "period": row["period"],
        "submitted_on": submitted.isoformat(), "summary": f"{row['title']}, kỳ {row['period']}."})


def summary(client: ServiceClient, year: int) -> str:
    criticisms = client.query("/social-criticisms", {"year": year})
    laws = client.query("/draft-laws", {"year": year})
    rows = client.query("/reporting/reports", {"year": year})
    status = {s: sum(r["status"] == s for r in rows) for s in ("on_time", "late", "overdue")}
    return (f"  {len(criticisms)} dự thảo được phản biện "
            f"({sum(c['stage'] == 'replied' for c in criticisms)} đã có phản hồi); "
            f"{len(laws)} dự thảo luật được góp ý "
            f"({sum(law['comment_count'] for law in laws)} ý kiến, "
            f"{sum(law['sending'] is not None for law in laws)} đã gửi); "
            f"báo cáo hai chiều: {status['on_time']} đúng hạn, {status['late']} trễ hạn, "
            f"{status['overdue']} quá hạn chưa nộp.")
