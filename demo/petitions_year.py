"""The petitions part of the demo: a province's year of voter contact, over HTTP.

Meetings are planned and held; petitions are recorded at them (and through other
channels); duplicates the service suggests are consolidated, one mistaken consolidation
is split; then petitions are classified, forwarded (one re-forwarded for misrouting),
answered by the competent agency or unit, published by MTTQ and followed up.

Every command has an Idempotency-Key derived from the year, seed and scale: running the
same demo again replays the stored responses and changes nothing; another seed, scale or
year adds another batch.

Every act is dated the day it happened in the year played (occurred_on, forwarded_on,
answered_on, published_on, updated_on), not the day the demo runs: due dates, on-time
answers and the rules in force are those of that year.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from contracts.vocabulary import Agency, ResolutionStatus
from demo.client import ServiceClient
from demo.petitions_outcomes import (
    ActDays,
    Item,
    Stage,
    act_days,
    assign_stages,
    misrouted,
    roadmap_date,
)
from demo.petitions_plan import PlannedPetition, YearPlan, build_plan
from demo.petitions_summary import print_summary
from demo.progress import Progress, Step
from demo.province import load_catalogue, load_province
from kernel.clock import SystemClock, today_in_vietnam

DEFAULT_SEED = 2025
STEPS = 8
NOTES = {
    ResolutionStatus.RESOLVED: "Đã giải quyết xong; kết quả đã thông tin đến cử tri.",
    ResolutionStatus.IN_PROGRESS: "Đang giải quyết theo lộ trình đã cam kết.",
    ResolutionStatus.EXPLAINED: "Đã giải trình, cung cấp thông tin cho cử tri.",
    ResolutionStatus.UNRESOLVED: "Chưa giải quyết được; tiếp tục theo dõi, đôn đốc.",
}


def last_year() -> int:
    """The last full year: every meeting of it has been held by now."""
    return today_in_vietnam(SystemClock()).year - 1


def run(base_url: str, jurisdiction: str, progress: Progress, *, seed: int = DEFAULT_SEED,
        scale: float = 1.0, year: int | None = None) -> None:
    """Fill the petitions service at ``base_url`` with a year of the province."""
    year = year or last_year()
    plan = build_plan(load_province(), load_catalogue(), seed=seed, scale=scale, year=year)
    with ServiceClient(base_url, jurisdiction, f"demo-{year}-s{seed}-x{scale:g}") as client:
        progress.part(f"Kiến nghị cử tri — {plan.province} {year} ({base_url})", STEPS)
        meeting_ids = plan_meetings(client, plan, progress)
        ids = record_petitions(client, plan, meeting_ids, progress)
        today = today_in_vietnam(SystemClock())
        items = consolidate(client, plan, ids, progress, today)
        stages = assign_stages(items, random.Random(f"{seed}:{scale}:{year}:stages"))
        days = {item.petition_id: act_days(
            item, random.Random(f"{seed}:{scale}:{year}:days:{item.order}"), today)
            for item in items}
        classify(client, items, stages, days, progress)
        forward(client, items, stages, days, progress)
        answer(client, items, stages, days, progress)
        publish_and_follow_up(client, items, stages, days, progress,
                              random.Random(f"{seed}:{scale}:{year}:roadmap"), year)
        print_summary(client, progress)


def _send(client: ServiceClient, step: Step, path: str, agency: Agency, key: str,
          body: dict[str, Any] | None = None, unit: str | None = None) -> dict[str, Any]:
    result = client.command(path, agency, key, body, unit=unit)
    step.advance(replayed=client.last_replayed)
    return result


def plan_meetings(client: ServiceClient, plan: YearPlan, progress: Progress) -> list[str]:
    """MTTQ plans each meeting, then marks it held with its attendance."""
    step = progress.step("Lập kế hoạch hội nghị TXCT", len(plan.meetings))
    ids = []
    for m in plan.meetings:
        ids.append(_send(client, step, "/voter-contacts", Agency.MTTQ, f"meeting-{m.index}", {
            "title": m.title, "scheduled_on": str(m.scheduled_on), "place": m.place,
            "commune": m.commune, "deputies": list(m.deputies),
        })["id"])
    step.finish(f"{sum(m.na for m in plan.meetings)} có Đoàn ĐBQH cùng tiếp xúc")
    step = progress.step("Tổ chức hội nghị TXCT", len(plan.meetings))
    for m, meeting_id in zip(plan.meetings, ids, strict=True):
        _send(client, step, f"/voter-contacts/{meeting_id}/held", Agency.MTTQ,
              f"held-{m.index}", {"held_on": str(m.held_on), "attendance": m.attendance})
    step.finish(f"{sum(m.attendance for m in plan.meetings):,} lượt cử tri dự".replace(",", "."))
    return ids


def record_petitions(client: ServiceClient, plan: YearPlan, meeting_ids: list[str],
                     progress: Progress) -> list[tuple[str, set[str]]]:
    """Record each petition; keep the ids the service suggests as similar to it."""
    step = progress.step("Ghi nhận kiến nghị", len(plan.petitions))
    recorded: list[tuple[str, set[str]]] = []
    for p in plan.petitions:
        body: dict[str, Any] = {"text": p.text, "channel": p.channel, "commune": p.commune,
                                "occurred_on": str(p.received_on)}
        if p.meeting is not None:
            body["meeting_id"] = meeting_ids[p.meeting]
        if p.deputy is not None:
            body["deputy"] = p.deputy
        result = _send(client, step, "/petitions", _recorder(p), f"petition-{p.index}", body)
        recorded.append((result["petition"]["id"],
                         {s["petition_id"] for s in result["similar"]}))
    at_meetings = sum(p.meeting is not None for p in plan.petitions)
    step.finish(f"{at_meetings} tại hội nghị, {len(plan.petitions) - at_meetings} qua kênh khác")
    return recorded


def _recorder(p: PlannedPetition) -> Agency:
    """MTTQ records what is raised at its meetings; the council's office the rest."""
    return Agency.MTTQ if p.channel in ("meeting", "online") else Agency.HDND


def consolidate(client: ServiceClient, plan: YearPlan, recorded: list[tuple[str, set[str]]],
                progress: Progress, today: date) -> list[Item]:
    """Merge each duplicate group as far as the service's suggestions link it; merge the
    split pair and split it again. Returns the petitions that stand on their own.
    A group is merged two days after the last of its petitions was raised."""
    ids = [petition_id for petition_id, _ in recorded]
    received = {p.index: _received(p) for p in plan.petitions}
    items = {p.index: Item(ids[p.index], p.topic, p.fill, p.index, 1, received[p.index])
             for p in plan.petitions}

    def merged_on(members: tuple[int, ...] | list[int]) -> date:
        return min(max(received[m] for m in members) + timedelta(days=2), today)

    merges = [(g, linked(g.members, recorded)) for g in plan.groups if not g.split_reason]
    merges = [(g, members) for g, members in merges if len(members) > 1]
    planned = sum(len(g.members) for g in plan.groups if not g.split_reason)
    found = sum(len(members) for _, members in merges)
    step = progress.step("Tổng hợp kiến nghị trùng", len(merges) + 2)
    for group, members in merges:
        merged = _send(client, step, "/petitions/consolidate", Agency.HDND,
                       f"consolidate-{group.index}", {
                           "petition_ids": [ids[m] for m in members], "text": group.summary,
                           "occurred_on": str(merged_on(members))})
        for m in members:
            del items[m]
        items[members[0]] = Item(merged["id"], group.topic, group.fill, members[-1],
                                 len(members), merged_on(members))
    pair = next(g for g in plan.groups if g.split_reason)
    merged = _send(client, step, "/petitions/consolidate", Agency.MTTQ, "consolidate-pair",
                   {"petition_ids": [ids[m] for m in pair.members], "text": pair.summary,
                    "occurred_on": str(merged_on(pair.members))})
    _send(client, step, f"/petitions/{merged['id']}/split", Agency.HDND, "split-pair",
          {"reason": pair.split_reason,
           "occurred_on": str(min(merged_on(pair.members) + timedelta(days=1), today))})
    step.finish(f"hệ thống gợi ý {found}/{planned} kiến nghị trùng, gộp thành {len(merges)}; "
                "tách lại 1 tổng hợp nhầm")
    return sorted(items.values(), key=lambda item: item.order)


def _received(p: PlannedPetition) -> date:
    assert p.received_on is not None, "build_plan dates every petition"
    return p.received_on


def linked(members: tuple[int, ...], recorded: list[tuple[str, set[str]]]) -> list[int]:
    """The largest set of ``members`` joined by suggestions (staff confirm what the service
    suggests; a duplicate it does not suggest stays on its own)."""
    parent = {m: m for m in members}

    def root(m: int) -> int:
        while parent[m] != m:
            m = parent[m]
        return m

    by_id = {recorded[m][0]: m for m in members}
    for m in members:
        for other in recorded[m][1]:
            if other in by_id:
                parent[root(m)] = root(by_id[other])
    groups: dict[int, list[int]] = {}
    for m in members:
        groups.setdefault(root(m), []).append(m)
    return max(groups.values(), key=lambda g: (len(g), -g[0]))


def classify(client: ServiceClient, items: list[Item], stages: dict[str, Stage],
             days: dict[str, ActDays], progress: Progress) -> None:
    todo = [i for i in items if stages[i.petition_id] >= Stage.CLASSIFIED]
    wrong = misrouted(items)
    step = progress.step("Phân loại kiến nghị", len(todo))
    for item in todo:
        unit = item.topic.misroute_unit if item is wrong else item.unit
        _send(client, step, f"/petitions/{item.petition_id}/classify", item.coordinator,
              f"classify-{item.petition_id}", {
                  "field": item.topic.field.value, "level": item.topic.level.value,
                  "agency": item.agency.value, "unit": unit,
                  "committee": item.topic.committee,
                  "occurred_on": str(days[item.petition_id].classified)})
    levels = {level: sum(i.topic.level == level for i in todo)
              for level in ("province", "commune", "central")}
    step.finish(f"cấp tỉnh {levels['province']}, cấp xã {levels['commune']}, "
                f"trung ương {levels['central']}; {len(items) - len(todo)} đang tổng hợp")


def forward(client: ServiceClient, items: list[Item], stages: dict[str, Stage],
            days: dict[str, ActDays], progress: Progress) -> None:
    todo = [i for i in items if stages[i.petition_id] >= Stage.FORWARDED]
    wrong = misrouted(items)
    step = progress.step("Chuyển kiến nghị", len(todo) + (wrong is not None))
    for item in todo:
        _send(client, step, f"/petitions/{item.petition_id}/forward", item.coordinator,
              f"forward-{item.petition_id}",
              {"forwarded_on": str(days[item.petition_id].forwarded)})
    if wrong is not None:
        _send(client, step, f"/petitions/{wrong.petition_id}/forward", Agency.HDND,
              f"reforward-{wrong.petition_id}", {
                  "to_agency": wrong.agency.value, "to_unit": wrong.unit,
                  "reason": wrong.topic.misroute_reason or "Chuyển nhầm cơ quan.",
                  "forwarded_on": str(days[wrong.petition_id].reforwarded)})
    central = sum(i.agency == Agency.DBQH for i in todo)
    step.finish(f"{central} qua Đoàn ĐBQH lên Quốc hội; chuyển lại 1 do chuyển nhầm"
                if wrong else f"{central} qua Đoàn ĐBQH lên Quốc hội")


def answer(client: ServiceClient, items: list[Item], stages: dict[str, Stage],
           days: dict[str, ActDays], progress: Progress) -> None:
    todo = [i for i in items if stages[i.petition_id] >= Stage.ANSWERED]
    step = progress.step("Trả lời kiến nghị", len(todo))
    for item in todo:
        _send(client, step, f"/petitions/{item.petition_id}/answer", item.agency,
              f"answer-{item.petition_id}", {
                  "text": item.topic.answer.format(**item.fill),
                  "answered_on": str(days[item.petition_id].answered)},
              unit=item.unit if item.agency == Agency.UBND else None)
    waiting = sum(stages[i.petition_id] == Stage.FORWARDED for i in items)
    step.finish(f"{waiting} đã chuyển, chưa có trả lời")


def publish_and_follow_up(client: ServiceClient, items: list[Item], stages: dict[str, Stage],
                          days: dict[str, ActDays], progress: Progress, rng: random.Random,
                          year: int) -> None:
    """MTTQ publishes answers; the answering body records how far each was resolved."""
    answered = [i for i in items if stages[i.petition_id] >= Stage.ANSWERED]
    published = [i for i in answered if stages[i.petition_id] == Stage.PUBLISHED]
    step = progress.step("Thông báo kết quả, giám sát đến cùng", len(published) + len(answered))
    for item in published:
        _send(client, step, f"/petitions/{item.petition_id}/publish-answer", Agency.MTTQ,
              f"publish-{item.petition_id}",
              {"published_on": str(days[item.petition_id].published)})
    today = today_in_vietnam(SystemClock())
    for item in answered:
        status = item.topic.outcome
        body: dict[str, Any] = {"status": status.value,
                                "note": item.topic.note or NOTES[status],
                                "updated_on": str(days[item.petition_id].followed_up)}
        if status == ResolutionStatus.IN_PROGRESS:
            body["roadmap_date"] = str(roadmap_date(year, rng, today))
        _send(client, step, f"/petitions/{item.petition_id}/resolution", item.agency,
              f"resolution-{item.petition_id}", body,
              unit=item.unit if item.agency == Agency.UBND else None)
    step.finish(f"MTTQ thông báo {len(published)}; cập nhật kết quả {len(answered)}")
