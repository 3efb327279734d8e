"""The figures of the yearly review (báo cáo sơ kết), each a rule over the facts.

A figure is one small function ``(facts, period) -> Result`` (the records it counts, or a
value computed from them, and its parts) and one line in ``FIGURES``: its key (dotted
``section.name``, stable once published), its labels and its unit. The review computes
each for the period and for the previous one (``review.report``); the records are what
``/review/figures/{key}`` lists. A figure whose events do not exist yet is left out, not
faked. No I/O here: the tests call these functions on facts they make.
"""
from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from oversight.review.facts import Fact
from oversight.review.figure_kit import (
    NO_RECORDS,
    Compute,
    Facts,
    Figure,
    Part,
    Result,
    count,
    days,
    distinct,
    latest_by_record,
    share,
    split,
)
from oversight.review.periods import Period

# -- sessions (HĐND) ----------------------------------------------------------------------

def sessions_held(facts: Facts, period: Period) -> Result:
    convened = distinct(facts.within("session.convened", period))
    kinds = {f.record_id: f.attr("session_kind") for f in facts.of("session.planned")}
    return Result(convened, parts=split(convened, [
        ("thematic", "chuyên đề", "thematic"), ("regular", "thường lệ", "regular")],
        lambda f: kinds.get(f.record_id)))


def questioning_sessions(facts: Facts, period: Period) -> Result:
    questions = facts.within("session.question", period)
    return Result(distinct(questions), parts=[
        Part("questions", "chất vấn", "questions", len(questions))])


def confidence_ratings(facts: Facts, period: Period) -> Result:
    rated = facts.within("session.confidence_rating", period)
    low = sum(f.attr("outcome") != "none" for f in rated)
    return Result(rated, parts=[
        Part("low_majority", "quá nửa phiếu tín nhiệm thấp", "more than half low", low)])


# -- implementing resolutions ---------------------------------------------------------------

def first_guidance(facts: Facts, period: Period) -> list[Fact]:
    return [f for f in facts.within("resolution.guidance", period) if f.attr("first")]


def guidance_median_lag(facts: Facts, period: Period) -> Result:
    first = first_guidance(facts, period)
    lag = days([int(f.attr("lag_days")) for f in first], statistics.median)
    return Result(first, lag, counted=False, note=NO_RECORDS if lag is None else None)


def guidance_longest_lag(facts: Facts, period: Period) -> Result:
    first = first_guidance(facts, period)
    lag = days([int(f.attr("lag_days")) for f in first], max)
    longest = [f for f in first if lag is not None and f.attr("lag_days") == lag]
    return Result(longest, lag, counted=False, note=NO_RECORDS if lag is None else None)


def resolutions_without_guidance(facts: Facts, period: Period) -> Result:
    """Passed in the period, and no guidance issued by its end."""
    guided = {f.record_id for f in facts.of("resolution.guidance")
              if f.occurred_on <= period.end}
    return Result([f for f in facts.within("resolution.passed", period)
                   if f.record_id not in guided])


# -- supervision ------------------------------------------------------------------------------

def topics(facts: Facts, period: Period) -> Result:
    """Topics whose window begins in the period; a topic added later to a programme
    counts for the body that adopted the programme."""
    bodies = {f.attr("programme_id"): f.bodies for f in facts.of("oversight.topic") if f.bodies}
    planned = [f for f in facts.of("oversight.topic") if period.contains(f.occurred_on)]
    counted = [f for f in planned if facts.body is None
               or facts.body in bodies.get(f.attr("programme_id"), ())]
    owner = {f.record_id: bodies.get(f.attr("programme_id"), ("",))[0] for f in counted}
    return Result(counted, parts=split(counted, [
        ("hdnd", "HĐND", "People's Council"), ("mttq", "MTTQ", "Fatherland Front")],
        lambda f: owner[f.record_id]))


def overlaps_resolved(facts: Facts, period: Period) -> Result:
    resolved = facts.within("oversight.overlap_resolved", period)
    return Result(resolved, parts=split(resolved, [
        ("joint", "giám sát liên tịch", "joint supervision"),
        ("rescheduled", "dời thời gian", "rescheduled"),
        ("accepted", "chấp nhận có lý do", "accepted with a reason")],
        lambda f: f.attr("resolution")))


def recommendations_answered(facts: Facts, period: Period) -> Result:
    answered = _of_counted_recommendations(facts, facts.within(
        "oversight.recommendation_answered", period))
    return Result(answered, parts=split(answered, [
        ("implemented", "đã thực hiện", "implemented"),
        ("partly", "thực hiện một phần", "partly"),
        ("not_yet", "chưa thực hiện", "not yet")], lambda f: f.attr("outcome")))


def recommendation_step(kind: str) -> Compute:
    def compute(facts: Facts, period: Period) -> Result:
        return Result(_of_counted_recommendations(facts, facts.within(kind, period)))
    return compute


def _of_counted_recommendations(facts: Facts, records: list[Fact]) -> list[Fact]:
    """Answers, acceptances and reopenings name no body: they count for the bodies of
    the recommendation they concern."""
    if facts.body is None:
        return records
    issued = {f.record_id for f in facts.of("oversight.recommendation") if facts.counts(f)}
    return [r for r in records if r.record_id in issued]


def recommendations_overdue(facts: Facts, period: Period) -> Result:
    """Due in the period and not answered by the due day (answered late, or not yet)."""
    answered: dict[str, date] = {}
    for f in facts.of("oversight.recommendation_answered"):
        answered.setdefault(f.record_id, f.occurred_on)
    overdue = []
    for f in facts.of("oversight.recommendation"):
        due = date.fromisoformat(str(f.attr("due_on")))
        if period.contains(due) and facts.counts(f):
            first_answer = answered.get(f.record_id)
            if first_answer is None or first_answer > due:
                overdue.append(f)
    return Result(overdue)


# -- petitions --------------------------------------------------------------------------------

def petitions_forwarded(reforwarded: bool) -> Compute:
    def compute(facts: Facts, period: Period) -> Result:
        return Result([f for f in facts.within("petition.forwarded", period)
                       if bool(f.attr("reforwarded")) is reforwarded])
    return compute


def petitions_consolidated(facts: Facts, period: Period) -> Result:
    """Consolidations made in the period and not split again by its end (a split gives
    the petitions back: they were not duplicates)."""
    split_again = {f.record_id for f in facts.of("petition.split") if f.occurred_on <= period.end}
    made = [f for f in facts.within("petition.consolidated", period)
            if f.record_id not in split_again]
    return Result(made, parts=[
        Part("sources", "nguồn được giữ lại", "sources kept",
             sum(int(f.attr("sources") or 0) for f in made)),
        Part("merged", "kiến nghị được gộp", "petitions merged",
             sum(int(f.attr("merged") or 0) for f in made))])


def petitions_answered(facts: Facts, period: Period) -> Result:
    answered = facts.within("petition.answered", period)
    return Result(answered, parts=split(answered, [
        ("on_time", "đúng hạn", "on time"), ("late", "trễ hạn", "late")],
        lambda f: "on_time" if f.attr("on_time") else "late"))


def petitions_on_time_share(facts: Facts, period: Period) -> Result:
    answered = facts.within("petition.answered", period)
    on_time = [f for f in answered if f.attr("on_time")]
    value = share(len(on_time), len(answered))
    return Result(on_time, value, counted=False, note=NO_RECORDS if value is None else None)


STATUSES = [("resolved", "đã giải quyết xong", "resolved"),
            ("in_progress", "đang giải quyết, có lộ trình", "in progress with a roadmap"),
            ("explained", "giải trình, cung cấp thông tin", "explained"),
            ("unresolved", "chưa giải quyết", "unresolved")]


def latest_statuses(facts: Facts, period: Period) -> list[Fact]:
    """Each petition's last resolution status recorded in the period (answered is not
    resolved: this is what the agency reported after answering)."""
    return list(latest_by_record(facts.within("petition.status", period)).values())


def petitions_resolution_status(facts: Facts, period: Period) -> Result:
    latest = latest_statuses(facts, period)
    return Result(latest, parts=split(latest, STATUSES, lambda f: f.attr("status")))


def petitions_resolved_share(facts: Facts, period: Period) -> Result:
    latest = latest_statuses(facts, period)
    resolved = [f for f in latest if f.attr("status") == "resolved"]
    value = share(len(resolved), len(latest))
    return Result(resolved, value, counted=False, note=NO_RECORDS if value is None else None)


@dataclass(frozen=True)
class Answering:
    """One answer and the days it took from the (last) forwarding before it."""

    answer: Fact
    days: int


def answering_days(facts: Facts, period: Period) -> list[Answering]:
    forwarded: dict[str, list[date]] = defaultdict(list)
    for f in facts.of("petition.forwarded"):
        forwarded[f.record_id].append(f.occurred_on)
    took = []
    for answer in facts.within("petition.answered", period):
        before = [d for d in forwarded.get(answer.record_id, []) if d <= answer.occurred_on]
        if before:
            took.append(Answering(answer, (answer.occurred_on - max(before)).days))
    return took


def petitions_median_days(facts: Facts, period: Period) -> Result:
    took = answering_days(facts, period)
    value = days([a.days for a in took], statistics.median)
    return Result([a.answer for a in took], value, counted=False,
                  note=NO_RECORDS if value is None else None)


@dataclass(frozen=True)
class AgencyAnswering:
    agency: str
    unit: str | None
    answered: int
    median_days: float
    ranked: bool


def agencies_answering(facts: Facts, period: Period, minimum: int) -> list[AgencyAnswering]:
    """Median days to answer per agency and unit; ranked only from ``minimum`` answers up
    (the rulebook's ``petition.answer.minimum_for_share``: one fast answer must not top
    the table). Ranked ones first, fastest first."""
    groups: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    for a in answering_days(facts, period):
        agency = a.answer.bodies[0] if a.answer.bodies else ""
        groups[(agency, a.answer.unit)].append(a.days)
    rows = [AgencyAnswering(agency, unit, len(d), float(statistics.median(d)),
                            len(d) >= minimum) for (agency, unit), d in groups.items()]
    return sorted(rows, key=lambda r: (not r.ranked, r.median_days if r.ranked else 0,
                                       r.agency, r.unit or ""))


# -- citizens' letters ---------------------------------------------------------------------

LETTER_KINDS = [("complaint", "khiếu nại", "complaints"),
                ("denunciation", "tố cáo", "denunciations"),
                ("petition", "kiến nghị", "petitions"),
                ("reflection", "phản ánh", "reflections"),
                ("information", "thông tin (tố cáo nặc danh…)", "information")]


def letters_received(facts: Facts, period: Period) -> Result:
    received = facts.within("letter.received", period)
    return Result(received, parts=split(received, LETTER_KINDS,
                                        lambda f: f.attr("letter_kind")))


def letters_decided(facts: Facts, period: Period) -> Result:
    decided = facts.within("letter.decided", period)
    return Result(decided, parts=split(decided, [
        ("on_time", "trong thời hạn", "within the limit"),
        ("late", "quá thời hạn", "past the limit")],
        lambda f: "on_time" if f.attr("on_time") else "late"))


def letters_appealed(facts: Facts, period: Period) -> Result:
    """The first letters appealed: counted for the body that handled them."""
    handled = {f.record_id for f in facts.of("letter.received") if facts.counts(f)}
    return Result([f for f in facts.of("letter.appealed")
                   if period.contains(f.occurred_on)
                   and (facts.body is None or f.record_id in handled)])


def reports_submitted(facts: Facts, period: Period) -> Result:
    submitted = facts.within("report.submitted", period)
    return Result(submitted, parts=split(submitted, [
        ("on_time", "đúng hạn", "on time"), ("late", "trễ hạn", "late")],
        lambda f: "on_time" if f.attr("on_time") else "late"))


# -- the table: one line per figure ---------------------------------------------------------

SECTIONS: dict[str, tuple[str, str]] = {
    "sessions": ("Kỳ họp và hoạt động của HĐND", "Council sessions"),
    "guidance": ("Triển khai thực hiện nghị quyết", "Implementing resolutions"),
    "oversight": ("Hoạt động giám sát", "Supervision"),
    "petitions": ("Kiến nghị cử tri", "Voters' petitions"),
    "letters": ("Tiếp nhận, xử lý đơn thư", "Citizens' letters"),
    "reporting": ("Chế độ thông tin, báo cáo hai chiều", "Two-way reporting"),
}

FIGURES: list[Figure] = [
    Figure("sessions.held", "Kỳ họp đã tổ chức", "Sessions held", "count", sessions_held),
    Figure("sessions.joint_meetings", "Hội nghị liên tịch chuẩn bị kỳ họp",
           "Joint meetings held", "count", count("session.joint_meeting")),
    Figure("sessions.documents_late", "Tài liệu gửi đại biểu trễ hạn",
           "Documents submitted late", "count", count("session.document_late")),
    Figure("sessions.resolutions_passed", "Nghị quyết được thông qua", "Resolutions passed",
           "count", count("resolution.passed")),
    Figure("sessions.drafts_rejected", "Dự thảo nghị quyết không được thông qua",
           "Draft resolutions rejected", "count", count("resolution.rejected")),
    Figure("sessions.questioning", "Kỳ họp có hoạt động chất vấn", "Questioning sessions",
           "count", questioning_sessions),
    Figure("sessions.explanations", "Phiên giải trình", "Explanation sessions", "count",
           count("session.explanation")),
    Figure("sessions.between_matters", "Vấn đề phát sinh giữa hai kỳ họp đã quyết định",
           "Matters decided between sessions", "count", count("session.between_matter")),
    Figure("sessions.confidence_ratings", "Người được lấy phiếu tín nhiệm",
           "Confidence ratings", "count", confidence_ratings),
    Figure("guidance.median_lag", "Thời gian ban hành văn bản hướng dẫn (trung vị)",
           "Guidance lag (median)", "days", guidance_median_lag),
    Figure("guidance.longest_lag", "Thời gian ban hành văn bản hướng dẫn (dài nhất)",
           "Guidance lag (longest)", "days", guidance_longest_lag),
    Figure("guidance.without", "Nghị quyết chưa có văn bản hướng dẫn",
           "Resolutions with no guidance", "count", resolutions_without_guidance),
    Figure("oversight.topics", "Chuyên đề giám sát", "Supervision topics", "count", topics),
    Figure("oversight.supervisions", "Đợt giám sát đã tiến hành", "Supervisions conducted",
           "count", count("oversight.supervision")),
    Figure("oversight.overlaps_detected", "Trùng lặp được phát hiện", "Overlaps detected",
           "count", count("oversight.overlap")),
    Figure("oversight.overlaps_resolved", "Trùng lặp đã xử lý", "Overlaps resolved",
           "count", overlaps_resolved),
    Figure("oversight.recommendations_issued", "Kiến nghị sau giám sát",
           "Recommendations issued", "count", count("oversight.recommendation")),
    Figure("oversight.recommendations_answered", "Kiến nghị sau giám sát đã được trả lời",
           "Recommendations answered", "count", recommendations_answered),
    Figure("oversight.recommendations_accepted", "Kiến nghị sau giám sát được chấp nhận kết "
           "quả", "Recommendations accepted", "count",
           recommendation_step("oversight.recommendation_accepted")),
    Figure("oversight.recommendations_reopened", "Kiến nghị sau giám sát phải thực hiện lại",
           "Recommendations reopened", "count",
           recommendation_step("oversight.recommendation_reopened")),
    Figure("oversight.recommendations_overdue", "Kiến nghị sau giám sát quá hạn trả lời",
           "Recommendations overdue", "count", recommendations_overdue),
    Figure("oversight.criticism_conferences", "Hội nghị phản biện xã hội của MTTQ",
           "Social criticism conferences", "count", count("criticism.conference")),
    Figure("oversight.criticisms_sent", "Văn bản phản biện xã hội đã gửi",
           "Social criticisms sent", "count", count("criticism.sent")),
    Figure("oversight.draft_laws_commented", "Dự thảo luật được góp ý",
           "Draft laws commented", "count", count("draft_law.commented")),
    Figure("petitions.recorded", "Kiến nghị cử tri tiếp nhận", "Petitions recorded", "count",
           count("petition.recorded")),
    Figure("petitions.consolidated", "Kiến nghị tổng hợp (gộp trùng)", "Petitions consolidated",
           "count", petitions_consolidated),
    Figure("petitions.forwarded", "Kiến nghị đã chuyển cơ quan có thẩm quyền",
           "Petitions forwarded", "count", petitions_forwarded(reforwarded=False)),
    Figure("petitions.rerouted", "Kiến nghị chuyển lại cơ quan khác", "Petitions re-routed",
           "count", petitions_forwarded(reforwarded=True)),
    Figure("petitions.answered", "Kiến nghị đã được trả lời", "Petitions answered", "count",
           petitions_answered),
    Figure("petitions.on_time_share", "Tỷ lệ trả lời đúng hạn", "Answered on time (share)",
           "share", petitions_on_time_share),
    Figure("petitions.resolution_status", "Kết quả giải quyết kiến nghị",
           "Resolution status", "count", petitions_resolution_status),
    Figure("petitions.resolved_share", "Tỷ lệ kiến nghị đã giải quyết xong",
           "Resolved (share)", "share", petitions_resolved_share),
    Figure("petitions.published", "Kết quả trả lời đã thông báo đến cử tri",
           "Answers published", "count", count("petition.published")),
    Figure("petitions.median_days_to_answer", "Số ngày trả lời (trung vị)",
           "Days to answer (median)", "days", petitions_median_days),
    Figure("letters.received", "Đơn thư tiếp nhận", "Letters received", "count",
           letters_received),
    Figure("letters.accepted", "Đơn thư được thụ lý", "Letters accepted", "count",
           count("letter.accepted")),
    Figure("letters.forwarded", "Đơn thư chuyển cơ quan có thẩm quyền", "Letters forwarded",
           "count", count("letter.forwarded")),
    Figure("letters.guided", "Đơn thư hướng dẫn người gửi", "Letters guided", "count",
           count("letter.guided")),
    Figure("letters.decided", "Đơn thư đã giải quyết", "Letters decided", "count",
           letters_decided),
    Figure("letters.appealed", "Khiếu nại lần hai", "Letters appealed", "count",
           letters_appealed),
    Figure("letters.withdrawn", "Khiếu nại được rút", "Complaints withdrawn", "count",
           count("letter.withdrawn")),
    Figure("reporting.submitted", "Báo cáo định kỳ, chuyên đề đã gửi", "Reports submitted",
           "count", reports_submitted),
    Figure("reporting.overdue", "Báo cáo quá hạn chưa gửi (đã nhắc)",
           "Reports overdue (reminded)", "count", count("report.overdue")),
]
BY_KEY = {figure.key: figure for figure in FIGURES}
