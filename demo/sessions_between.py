"""The sessions part, after and between the sessions: UBND's guidance and deployment
conferences, explanation sessions, matters decided between sessions, the shared calendar
and, in a term's third year, the confidence ratings."""

from __future__ import annotations

from typing import Any

from contracts.vocabulary import Agency
from demo.client import ServiceClient
from demo.progress import Progress, Step
from demo.sessions_plan import SessionsPlan
from demo.sessions_work import WorkPlan

STEPS_BETWEEN = 5


def work_between(client: ServiceClient, plan: SessionsPlan, work: WorkPlan,
                 sessions: list[str], resolutions: dict[int, str], progress: Progress) -> None:
    guide(client, plan, work, resolutions, progress)
    explain(client, work, progress)
    decide_matters(client, plan, work, sessions, progress)
    schedule(client, work, progress)
    rate(client, plan, work, sessions, progress)


def _send(client: ServiceClient, step: Step, path: str, agency: Agency, key: str,
          body: dict[str, Any] | None = None, unit: str | None = None) -> dict[str, Any]:
    result = client.command(path, agency, key, body, unit=unit)
    step.advance(replayed=client.last_replayed)
    return result


def guide(client: ServiceClient, plan: SessionsPlan, work: WorkPlan,
          resolutions: dict[int, str], progress: Progress) -> None:
    """The drafting department issues UBND's plan to implement each resolution; UBND
    deploys a session's resolutions at one conference."""
    guided = [g for g in work.guidance if g.issued_on is not None]
    deployed = [g for g in work.guidance if g.conference_on is not None]
    step = progress.step("Hướng dẫn, triển khai nghị quyết (UBND)", len(guided) + len(deployed))
    for g in guided:
        _send(client, step, f"/resolutions/{resolutions[g.document]}/guidance", Agency.UBND,
              f"guidance-{g.document}", {
                  "number": g.number, "issued_on": str(g.issued_on),
                  "title": f"Kế hoạch triển khai thực hiện Nghị quyết số {g.resolution_number}"
                           " của HĐND tỉnh"}, unit=g.unit)
    for g in deployed:
        _send(client, step, f"/resolutions/{resolutions[g.document]}/deployment-conference",
              Agency.UBND, f"conference-{g.document}", {
                  "place": work.conference_place,
                  "held_on": str(g.conference_on)})
    waiting = len(work.guidance) - len(guided)
    step.finish(f"{len(guided)} có văn bản hướng dẫn, {waiting} còn chờ; "
                f"{len(deployed)} đã triển khai tại hội nghị")


def explain(client: ServiceClient, work: WorkPlan, progress: Progress) -> None:
    """Explanation sessions (phiên giải trình) of the Standing Committee, scheduled and held."""
    step = progress.step("Phiên giải trình của Thường trực HĐND", 2 * len(work.explanations))
    for e in work.explanations:
        explanation = _send(client, step, "/explanation-sessions", Agency.HDND,
                            f"explanation-{e.index}", {
                                "topic": e.topic, "field": e.field,
                                "scheduled_on": str(e.on), "explaining": list(e.explaining)})
        _send(client, step, f"/explanation-sessions/{explanation['id']}/held", Agency.HDND,
              f"explanation-held-{e.index}", {
                  "conclusions": e.conclusions, "commitments": list(e.commitments),
                  "held_on": str(e.on)})
    commitments = sum(len(e.commitments) for e in work.explanations)
    step.finish(f"{len(work.explanations)} phiên, {commitments} cam kết được ghi nhận")


def decide_matters(client: ServiceClient, plan: SessionsPlan, work: WorkPlan,
                   sessions: list[str], progress: Progress) -> None:
    """The Standing Committee decides; each decision is reported to the next session."""
    reported = [m for m in work.matters if m.reported_to is not None]
    step = progress.step("Vấn đề phát sinh giữa hai kỳ họp", len(work.matters) + len(reported))
    for m in work.matters:
        matter = _send(client, step, "/between-session-matters", Agency.HDND,
                       f"matter-{m.index}", {
                           "title": m.title, "field": m.field, "summary": m.summary,
                           "decision_number": m.decision_number,
                           "decided_on": str(m.decided_on)})
        if m.reported_to is not None:
            session = plan.sessions[m.reported_to]
            _send(client, step, f"/between-session-matters/{matter['id']}/report",
                  Agency.HDND, f"matter-report-{m.index}", {
                      "session_id": sessions[m.reported_to],
                      "reported_on": str(session.opening)})
    step.finish(f"{len(work.matters)} vấn đề; {len(reported)} đã báo cáo kỳ họp kế tiếp, "
                f"{len(work.matters) - len(reported)} chờ kỳ họp đầu năm sau")


def schedule(client: ServiceClient, work: WorkPlan, progress: Progress) -> None:
    """Each body enters its meetings; the service records any clash it finds."""
    step = progress.step("Lịch họp của Thường trực, các Ban HĐND và UBND", len(work.calendar))
    clashes = 0
    for m in work.calendar:
        agency = Agency.UBND if m.meeting.organiser_kind == "ubnd" else Agency.HDND
        entry = _send(client, step, "/calendar", agency, f"meeting-{m.index}", {
            "organiser_kind": m.meeting.organiser_kind, "organiser": m.meeting.organiser,
            "title": m.title, "starts_at": m.starts_at.isoformat(),
            "ends_at": m.ends_at.isoformat(), "place": m.meeting.place,
            "participants": list(m.participants)})
        clashes += len(entry["clashes"])
    step.finish(f"{clashes} trùng lịch được phát hiện")


def rate(client: ServiceClient, plan: SessionsPlan, work: WorkPlan, sessions: list[str],
         progress: Progress) -> None:
    """Confidence ratings (NQ 96/2023/QH15) at the year-end session of a term's third year."""
    step = progress.step("Lấy phiếu tín nhiệm", len(work.ratings))
    if not plan.third_year:
        step.finish(f"không tổ chức: năm {plan.year} là năm thứ {plan.term_year} của "
                    f"nhiệm kỳ {plan.term} (lấy phiếu vào năm thứ ba)")
        return
    session_id = sessions[plan.year_end().index]
    outcomes = []
    for r in work.ratings:
        rating = _send(client, step, "/confidence-ratings", Agency.HDND, f"rating-{r.index}", {
            "session_id": session_id, "official": r.official, "position": r.position,
            "high": r.high, "confidence": r.confidence, "low": r.low,
            "rated_on": str(r.rated_on)})
        outcomes.append(rating["outcome"])
    low = sum(outcome != "none" for outcome in outcomes)
    step.finish(f"{len(outcomes)} người được lấy phiếu; {low} có quá nửa phiếu tín nhiệm thấp")
