"""The letters part of the demo: a year of citizens' letters at UBND's reception, over HTTP.

Complaints, denunciations (some anonymous: kept as information), petitions and reflections
come in at reception, by mail and, from 2026-07-01, online, each about a matter of its own;
one in eight is an earlier letter sent again (flagged as a repeat, and only these). Most
are accepted within their limits and decided; some are forwarded to HĐND or the sender is
guided elsewhere; one denunciation is extended; one complaint is appealed;
and, once Law 136/2025 is in force, one complaint received after 2026-07-01 is withdrawn.
Denouncers are made-up people: their identities go to the service's vault and no output
here prints them.

Every command has an Idempotency-Key derived from the year, seed and scale: running the
same demo again replays the stored responses and changes nothing.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta
from typing import Any

from contracts.vocabulary import Agency
from demo.client import ServiceClient
from demo.petitions_year import last_year
from demo.progress import Progress
from kernel.clock import SystemClock, today_in_vietnam

UBND, HDND = Agency.UBND, Agency.HDND
# Each letter is about a matter of its own: one of these at one of the communes below (a
# matter names its commune, so the same matter elsewhere is another matter).
SUBJECTS = (
    "việc bồi thường, hỗ trợ khi thu hồi đất làm đường tỉnh 864 tại {place}",
    "việc cấp giấy chứng nhận quyền sử dụng đất chậm tại {place}",
    "việc thu phí chợ không đúng quy định tại chợ {place}",
    "việc xây dựng nhà xưởng gây ô nhiễm tiếng ồn ở {place}",
    "việc xét hộ nghèo không công khai tại {place}",
    "việc lấn chiếm đất công ven kênh Nguyễn Tấn Thành thuộc {place}",
)
PLACES = ("xã Tân Phú", "xã Vĩnh Kim", "xã Long Hưng", "xã Bình Đức", "xã Mỹ Phong",
          "xã Thạnh Phú", "xã Hòa Định")
# One letter in eight is its sender's earlier letter sent again, four letters later (the
# same kind and matter): these, and only these, are the demo's repeats.
RESENT_EVERY, RESENT_AFTER = 8, 4
KINDS = ("complaint", "denunciation", "petition", "reflection")
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng")
GIVEN = ("Văn Hòa", "Thị Mai", "Văn Tâm", "Thị Thu", "Minh Trí", "Thị Lan")
VERBS = {"complaint": "Khiếu nại", "denunciation": "Tố cáo", "petition": "Kiến nghị",
         "reflection": "Phản ánh"}


def run(base_url: str, jurisdiction: str, progress: Progress, *, seed: int, scale: float,
        year: int | None) -> None:
    year = year or last_year()
    people = seed * 31 + year
    count = max(8, round(40 * scale))
    prefix = f"demo-letters-{year}-{seed}-{scale:g}"
    progress.part(f"Đơn thư — tiếp công dân, {year} ({count} đơn)", 3)
    made: list[tuple[dict[str, Any], str]] = []
    with ServiceClient(base_url, jurisdiction, prefix) as client:
        step = progress.step("Tiếp nhận, phân loại đơn", count)
        for i in range(count):
            kind = KINDS[i % len(KINDS)]
            body = _letter(people, kind, i, year)
            letter = client.command("/letters", UBND, f"letter-{i}", body)
            made.append((letter, kind))
            step.advance(client.last_replayed)
        step.finish()
        step = progress.step("Thụ lý, chuyển, hướng dẫn, giải quyết", len(made))
        for i, (letter, kind) in enumerate(made):
            _handle(client, letter, kind, i)
            step.advance(client.last_replayed)
        step.finish()
        step = progress.step("Khiếu nại lần hai, rút khiếu nại", 2)
        _appeal(client, made, year)
        step.advance(client.last_replayed)
        _withdrawal(client)
        step.advance(client.last_replayed)
        step.finish()
        listed = client.query("/letters", agency=UBND)["items"]
    statuses = Counter(item["status"] for item in listed)
    repeats = sum(1 for item in listed if item["repeats"])
    progress.say(f"  {len(listed)} đơn: " + ", ".join(f"{s} {n}" for s, n in
                                                      sorted(statuses.items()))
                 + f"; {repeats} đơn trùng được đánh dấu")


def _letter(seed: int, kind: str, i: int, year: int) -> dict[str, Any]:
    received = date(year, 1, 5) + timedelta(days=(i * 337) // 40 % 330)
    resent = _resent(i)
    matter = i - RESENT_AFTER if resent else i  # a letter sent again: the same kind too
    subject = SUBJECTS[matter % len(SUBJECTS)].format(
        place=PLACES[(matter // len(SUBJECTS)) % len(PLACES)])
    again = "Gửi lại đơn: " if resent else ""
    body: dict[str, Any] = {
        "kind": kind, "channel": ("reception", "mail")[i % 2], "received_on": str(received),
        "summary": f"{again}{VERBS[kind]} {subject}", "remote": i % 9 == 0,
        "complex_case": i % 7 == 0}
    person = random.Random(seed * 1000 + matter)  # the same sender when sent again
    if kind == "denunciation":
        if (matter // 4) % 4:  # one denunciation in four is anonymous
            body["denouncer"] = {
                "name": f"{person.choice(FAMILY)} {person.choice(GIVEN)}",
                "identity_number": f"0{person.randrange(80, 90)}"
                                   f"{person.randrange(10**8, 10**9)}",
                "phone": f"09{person.randrange(10**7, 10**8)}"}
    else:
        body["sender_name"] = f"{person.choice(FAMILY)} {person.choice(GIVEN)}"
    if kind == "complaint":
        body["decision_known_on"] = str(received - timedelta(days=20 + i % 30))
    return body


def _resent(i: int) -> bool:
    """One letter in eight, at a place in its eight that moves, so each kind is sent again."""
    return i % RESENT_EVERY == RESENT_EVERY - 1 - (i // RESENT_EVERY) % 4


def _days_after(letter: dict[str, Any], days: int) -> str:
    return str(date.fromisoformat(letter["received_on"]) + timedelta(days=days))


def _handle(client: ServiceClient, letter: dict[str, Any], kind: str, i: int) -> None:
    lid, key = letter["id"], f"handle-{i}"
    if letter["status"] == "filed":  # an anonymous denunciation: kept as information
        return
    if i % 11 == 3:
        client.command(f"/letters/{lid}/forward", UBND, key, {
            "to": "hdnd", "reason": "Thuộc thẩm quyền Thường trực HĐND",
            "forwarded_on": _days_after(letter, 3)})
        return
    if i % 13 == 5:
        client.command(f"/letters/{lid}/guide", UBND, key, {
            "reason": "Nội dung thuộc thẩm quyền Tòa án; hướng dẫn người viết đơn khởi kiện",
            "guided_on": _days_after(letter, 4)})
        return
    client.command(f"/letters/{lid}/accept", UBND, key, {"accepted_on": _days_after(letter, 5)})
    if kind == "denunciation":
        client.command(f"/letters/{lid}/denouncer-notified", UBND, f"{key}-notified",
                       {"notified_on": _days_after(letter, 8)})
        if i % 3 == 1:
            client.command(f"/letters/{lid}/extend", UBND, f"{key}-extended", {
                "reason": "Vụ việc phức tạp, cần xác minh thêm",
                "extended_on": _days_after(letter, 30)})
    if kind in ("complaint", "denunciation"):
        client.command(f"/letters/{lid}/decide", UBND, f"{key}-decided", {
            "outcome": "Đã xác minh, kết luận và trả lời người viết đơn",
            "decided_on": _days_after(letter, 28)})


def _appeal(client: ServiceClient, made: list[tuple[dict[str, Any], str]], year: int) -> None:
    """The first decided complaint is appealed to the body above, within 30 days."""
    for i, (letter, kind) in enumerate(made):
        if kind == "complaint" and i % 11 != 3 and i % 13 != 5:
            decided = date.fromisoformat(letter["received_on"]) + timedelta(days=28)
            client.command(f"/letters/{letter['id']}/appeal", UBND, "appeal", {
                "kind": "complaint", "channel": "mail", "received_on": str(
                    decided + timedelta(days=12)),
                "summary": "Khiếu nại lần hai: không đồng ý với quyết định giải quyết lần đầu",
                "sender_name": letter["sender_name"]})
            return


def _withdrawal(client: ServiceClient) -> None:
    """Under Law 136/2025 (from 2026-07-01) a complainant may withdraw: one does."""
    received = date(2026, 7, 6)
    if today_in_vietnam(SystemClock()) < received + timedelta(days=10):
        return
    letter = client.command("/letters", UBND, "withdrawn", {
        "kind": "complaint", "channel": "online", "received_on": str(received),
        "summary": "Khiếu nại quyết định xử phạt vi phạm hành chính về trật tự xây dựng",
        "sender_name": "Trương Văn Nghĩa"})
    client.command(f"/letters/{letter['id']}/accept", UBND, "withdrawn-accept",
                   {"accepted_on": str(received + timedelta(days=3))})
    client.command(f"/letters/{letter['id']}/withdraw", UBND, "withdrawn-withdraw", {
        "reason": "Các bên đã tự thỏa thuận", "withdrawn_on": str(received + timedelta(days=9))})
