"""The sessions part of the demo: a province council's year, over HTTP.

Sessions are planned (regular and thematic) and prepared: UBND is asked for its items, the
joint meeting of HĐND, UBND and MTTQ agrees the agenda, UBND's departments submit documents
(some late), the committees vet them. Each session opens with its attendance, the year-end
one questions officials, every draft is voted on (one is rejected) and the session closes.
Then UBND guides and deploys the resolutions, and the Standing Committee does its work
between sessions (``sessions_between``).

Every command has an Idempotency-Key derived from the year, seed and scale: running the
same demo again replays the stored responses and changes nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from contracts.vocabulary import Agency
from demo.client import ServiceClient
from demo.petitions_year import DEFAULT_SEED, last_year
from demo.progress import Progress, Step
from demo.province import load_province
from demo.sessions_between import STEPS_BETWEEN, work_between
from demo.sessions_data import load_council
from demo.sessions_plan import PlannedDocument, SessionsPlan, build_sessions
from demo.sessions_summary import print_summary
from demo.sessions_work import build_work
from kernel.clock import SystemClock, today_in_vietnam

STEPS = 8 + STEPS_BETWEEN
CALLERS = {"standing_committee": "Thường trực HĐND", "ubnd_chair": "Chủ tịch UBND",
           "deputies": "đại biểu"}


@dataclass
class Ids:
    """What the service named: sessions by plan index, documents and resolutions by the
    document's plan index."""

    sessions: list[str] = field(default_factory=list)
    agenda: dict[int, str] = field(default_factory=dict)
    documents: dict[int, str] = field(default_factory=dict)
    resolutions: dict[int, str] = field(default_factory=dict)


def run(base_url: str, jurisdiction: str, progress: Progress, *, seed: int = DEFAULT_SEED,
        scale: float = 1.0, year: int | None = None) -> None:
    """Fill the sessions service at ``base_url`` with a year of the province's council."""
    year = year or last_year()
    data, province = load_council(), load_province()
    plan = build_sessions(data, province.council_deputies, seed=seed, scale=scale, year=year)
    work = build_work(data, plan, seed=seed, scale=scale, today=today_in_vietnam(SystemClock()))
    with ServiceClient(base_url, jurisdiction, f"demo-{year}-s{seed}-x{scale:g}") as client:
        progress.part(f"Kỳ họp HĐND — {province.name} {year}, khóa {plan.term} "
                      f"({base_url})", STEPS)
        ids = Ids()
        plan_sessions(client, plan, ids, progress)
        propose_items(client, plan, ids, progress)
        hold_joint_meetings(client, plan, ids, progress)
        submit_documents(client, plan, ids, progress)
        vet_documents(client, plan, ids, progress)
        convene(client, plan, ids, progress)
        question(client, plan, ids, progress)
        vote_and_close(client, plan, ids, progress)
        work_between(client, plan, work, ids.sessions, ids.resolutions, progress)
        print_summary(client, progress, year)


def send(client: ServiceClient, step: Step, path: str, agency: Agency, key: str,
         body: dict[str, Any] | None = None, unit: str | None = None) -> dict[str, Any]:
    result = client.command(path, agency, key, body, unit=unit)
    step.advance(replayed=client.last_replayed)
    return result


def plan_sessions(client: ServiceClient, plan: SessionsPlan, ids: Ids,
                  progress: Progress) -> None:
    """The Standing Committee plans each session and asks UBND for the items it submits."""
    step = progress.step("Lập kế hoạch kỳ họp, đề nghị UBND gửi nội dung", 2 * len(plan.sessions))
    for s in plan.sessions:
        body: dict[str, Any] = {
            "number": s.number, "term": plan.term, "title": s.title, "kind": s.kind,
            "planned_opening": str(s.opening), "planned_closing": str(s.closing),
            "place": plan.place, "total_deputies": plan.total_deputies,
        }
        if s.caller is not None:
            body["requested_by"] = s.caller
        if s.requesting_deputies is not None:
            body["requesting_deputies"] = s.requesting_deputies
        session_id = send(client, step, "/sessions", Agency.HDND, f"session-{s.index}",
                          body)["id"]
        ids.sessions.append(session_id)
        send(client, step, f"/sessions/{session_id}/agenda-requests", Agency.HDND,
             f"agenda-request-{s.index}", {
                 "due_on": str(s.agenda_due),
                 "note": "Đề nghị UBND tỉnh gửi danh mục tờ trình, báo cáo, dự thảo nghị "
                         f"quyết trình {s.title.split(' — ')[0]}."})
    callers = Counter(CALLERS[s.caller] for s in plan.sessions if s.caller)
    regular = sum(s.kind == "regular" for s in plan.sessions)
    step.finish(f"{regular} thường lệ, {len(plan.sessions) - regular} chuyên đề (theo đề "
                "nghị của " + ", ".join(f"{who} {n}" for who, n in callers.items()) + ")")


def propose_items(client: ServiceClient, plan: SessionsPlan, ids: Ids,
                  progress: Progress) -> None:
    """UBND's departments answer the request with the items they will submit."""
    items = [(s, d) for s in plan.sessions for d in s.documents if d.paper.agency == Agency.UBND]
    step = progress.step("UBND đề xuất nội dung trình kỳ họp", len(items))
    for s, d in items:
        send(client, step, f"/sessions/{ids.sessions[s.index]}/agenda-proposals", Agency.UBND,
             f"proposal-{d.index}", {"title": d.title, "kind": d.paper.kind,
                                     "vetting_committee": d.paper.committee}, unit=d.paper.unit)
    step.finish(f"từ {len({d.paper.unit for _, d in items})} sở, ngành")


def hold_joint_meetings(client: ServiceClient, plan: SessionsPlan, ids: Ids,
                        progress: Progress) -> None:
    """HĐND, UBND and MTTQ agree dates and agenda; UBND and MTTQ confirm the record."""
    step = progress.step("Họp liên tịch HĐND – UBND – MTTQ", 3 * len(plan.sessions))
    for s, session_id in zip(plan.sessions, ids.sessions, strict=True):
        agenda = [_agenda_item(d) for d in s.documents]
        result = send(client, step, f"/sessions/{session_id}/joint-meeting", Agency.HDND,
                      f"joint-meeting-{s.index}", {
                          "held_on": str(s.joint_on), "attending": ["hdnd", "ubnd", "mttq"],
                          "agreed_opening": str(s.opening), "agreed_closing": str(s.closing),
                          "agenda": agenda,
                          "notes": "Thống nhất thời gian, chương trình và phân công chuẩn bị."})
        for document, item in zip(s.documents, result["agenda"], strict=True):
            ids.agenda[document.index] = item["item_id"]
        for agency in (Agency.UBND, Agency.MTTQ):
            send(client, step, f"/sessions/{session_id}/joint-meeting/confirmations", agency,
                 f"joint-confirmed-{s.index}-{agency.value}")
    items = sum(len(s.documents) for s in plan.sessions)
    step.finish(f"{items} nội dung được phân công chuẩn bị")


def _agenda_item(d: PlannedDocument) -> dict[str, Any]:
    return {"title": d.title, "kind": d.paper.kind, "prepared_by": d.paper.agency.value,
            "preparing_unit": d.paper.unit, "vetting_committee": d.paper.committee}


def submit_documents(client: ServiceClient, plan: SessionsPlan, ids: Ids,
                     progress: Progress) -> None:
    """UBND's departments (and the Standing Committee) submit; late ones are flagged."""
    documents = [(s, d) for s in plan.sessions for d in s.documents]
    step = progress.step("Trình tài liệu kỳ họp", len(documents))
    late = 0
    for s, d in documents:
        body: dict[str, Any] = {"kind": d.paper.kind, "title": d.title,
                                "agenda_item_id": ids.agenda[d.index],
                                "submitted_on": str(d.submitted_on)}
        if d.paper.field is not None:
            body["field"] = d.paper.field.value
        result = send(client, step, f"/sessions/{ids.sessions[s.index]}/documents",
                      d.paper.agency, f"document-{d.index}", body, unit=d.paper.unit)
        ids.documents[d.index] = result["document_id"]
        late += not result["on_time"]
    drafts = sum(d.draft for _, d in documents)
    step.finish(f"{drafts} dự thảo nghị quyết; {late} gửi đại biểu trễ hạn")


def vet_documents(client: ServiceClient, plan: SessionsPlan, ids: Ids,
                  progress: Progress) -> None:
    vetted = [(s, d) for s in plan.sessions for d in s.documents if d.vetted_on is not None]
    step = progress.step("Thẩm tra của các Ban HĐND", len(vetted))
    for s, d in vetted:
        send(client, step, f"/sessions/{ids.sessions[s.index]}/vetting-reports", Agency.HDND,
             f"vetting-{d.index}", {
                 "document_id": ids.documents[d.index], "committee": d.paper.committee,
                 "conclusion": _conclusion(d), "reported_on": str(d.vetted_on)})
    committees = Counter(str(d.paper.committee) for _, d in vetted)
    step.finish(", ".join(f"{name} {n}" for name, n in sorted(committees.items())))


def _conclusion(d: PlannedDocument) -> str:
    committee = d.paper.committee
    if d.paper.contested:
        text = (f"{committee}: còn nhiều ý kiến khác nhau về mức thu, đề nghị HĐND tỉnh cân "
                "nhắc khi biểu quyết.")
    elif d.draft:
        text = f"{committee} thống nhất với nội dung dự thảo, đề nghị HĐND tỉnh thông qua."
    else:
        paper = "đề án" if d.paper.kind == "scheme" else "báo cáo"
        text = f"{committee} thống nhất với {paper}, đề nghị làm rõ thêm hạn chế, nguyên nhân."
    if d.late:
        text += " Tài liệu gửi chậm, Ban thẩm tra trong thời gian ngắn."
    return text


def convene(client: ServiceClient, plan: SessionsPlan, ids: Ids, progress: Progress) -> None:
    step = progress.step("Khai mạc kỳ họp", len(plan.sessions))
    for s in plan.sessions:
        send(client, step, f"/sessions/{ids.sessions[s.index]}/convene", Agency.HDND,
             f"convene-{s.index}", {"present": s.present, "absent_deputies": list(s.absent),
                                    "opened_on": str(s.opening)})
    present = sum(s.present for s in plan.sessions) / len(plan.sessions)
    step.finish(f"bình quân {present:.1f}/{plan.total_deputies} đại biểu có mặt")


def question(client: ServiceClient, plan: SessionsPlan, ids: Ids, progress: Progress) -> None:
    """Questioning (chất vấn) at the year-end session: question, answer, follow-up."""
    s = plan.year_end()
    path = f"/sessions/{ids.sessions[s.index]}/questions"
    total = sum(2 + (q.follow_up is not None) for q in s.questions)
    step = progress.step("Chất vấn và trả lời chất vấn", total)
    for q in s.questions:
        asked = send(client, step, path, Agency.HDND, f"question-{q.index}", {
            "deputy": q.deputy, "question": q.question, "official": q.official,
            "official_position": q.position, "asked_on": str(q.asked_on)})
        qid = asked["question_id"]
        send(client, step, f"{path}/{qid}/answer", Agency.UBND, f"answer-{q.index}",
             {"answer": q.answer, "answered_on": str(q.asked_on)},
             unit=q.position.removeprefix("Giám đốc "))
        if q.follow_up is not None:
            send(client, step, f"{path}/{qid}/follow-ups", Agency.HDND, f"follow-up-{q.index}",
                 {"text": q.follow_up})
    step.finish(f"{len(s.questions)} chất vấn tại {s.title.split(' — ')[0]}")


def vote_and_close(client: ServiceClient, plan: SessionsPlan, ids: Ids,
                   progress: Progress) -> None:
    """A vote on every draft (passed only with yes > 1/2 of all deputies), then close."""
    total = sum(len(s.votes) + 1 for s in plan.sessions)
    step = progress.step("Biểu quyết, bế mạc kỳ họp", total)
    passed = rejected = 0
    for s in plan.sessions:
        session_path = f"/sessions/{ids.sessions[s.index]}"
        for v in s.votes:
            body: dict[str, Any] = {
                "document_id": ids.documents[v.document], "yes": v.yes, "no": v.no,
                "abstain": v.abstain, "absent": v.absent, "voted_on": str(v.voted_on)}
            if v.number is not None:
                body["number"] = v.number
            result = send(client, step, f"{session_path}/votes", Agency.HDND,
                          f"vote-{v.document}", body)
            if result["passed"]:
                ids.resolutions[v.document] = result["resolution_id"]
            passed, rejected = passed + result["passed"], rejected + (not result["passed"])
        send(client, step, f"{session_path}/close", Agency.HDND, f"close-{s.index}",
             {"closed_on": str(s.closing)})
    step.finish(f"{passed} nghị quyết được thông qua, {rejected} dự thảo không được thông qua")
