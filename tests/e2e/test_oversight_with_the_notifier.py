"""Oversight among the other services, each a process on a real NATS, as `make run` starts
them: an HĐND and MTTQ overlap told to both; a recommendation past its due date reminded
to its addressee by a notifier that was down when it was issued and is restarted after
reminding, still watched after the restart and stopped once answered; a petition forwarded
and left unanswered past its due date, and a resolution passed without guidance past the
rule's days, in oversight's monitoring; every oversight event on its subject once, as a
valid CloudEvent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from contracts import stream_subjects
from contracts.vocabulary import VIETNAM, Agency
from tests.e2e.journey import bearer, post
from tests.e2e.oversight_seed import EDUCATION, plan_supervision_year
from tests.e2e.stream_reader import read_all_sync
from tests.e2e.test_notifier_journey import eventually, streams_exist
from tests.e2e.test_sessions_journey import hold_session

pytestmark = [pytest.mark.integration, pytest.mark.e2e]
# The workers' passes every half second rather than every minute: nothing else differs.
FAST = {"PHOIHOP_MONITORING_POLL_SECONDS": "0.5", "PHOIHOP_REMINDER_POLL_SECONDS": "0.5"}
RECOMMENDATION_RULE = "oversight.recommendation_due"


def forwarded_long_ago(url: str, jurisdiction: str) -> str:
    """A petition forwarded to UBND 60 days ago (recorded as it happened), never answered."""
    today = datetime.now(VIETNAM).date()  # the services' day, whatever the machine's zone
    mttq, hdnd = bearer(jurisdiction, Agency.MTTQ), bearer(jurisdiction, Agency.HDND)
    with httpx.Client(base_url=url, timeout=10) as client:
        recorded = post(client, "/petitions", mttq, {
            "text": "Đề nghị nạo vét kênh Xáng đoạn qua xã Long Định bị bồi lắng",
            "channel": "mail", "commune": "Long Định",
            "occurred_on": (today - timedelta(days=70)).isoformat()})
        pid = str(recorded["petition"]["id"])
        post(client, f"/petitions/{pid}/classify", hdnd, {
            "field": "agriculture", "level": "province", "agency": "ubnd",
            "occurred_on": (today - timedelta(days=65)).isoformat()})
        post(client, f"/petitions/{pid}/forward", hdnd, {
            "forwarded_on": (today - timedelta(days=60)).isoformat()})
    return pid


def inbox(notifier_url: str, headers: dict[str, str]) -> list[dict[str, Any]]:
    answer = httpx.get(f"{notifier_url}/inbox", headers=headers, timeout=10)
    assert answer.status_code == 200, answer.text
    items: list[dict[str, Any]] = answer.json()
    return items


def reminders(notifier_url: str, headers: dict[str, str], active: bool) -> list[dict[str, Any]]:
    answer = httpx.get(f"{notifier_url}/reminders", params={"active": str(active).lower()},
                       headers=headers, timeout=10)
    assert answer.status_code == 200, answer.text
    found: list[dict[str, Any]] = answer.json()
    return found


def test_oversight_with_petitions_sessions_and_a_restarted_notifier(
    nats_url: str, jurisdiction: str, start_service: Callable[..., Any], tmp_path: Path,
) -> None:
    def start(name: str, environment: dict[str, str] | None = None) -> Any:
        return start_service(name, nats_url, jurisdiction, tmp_path, environment)

    petitions, sessions, _letters = start("petitions"), start("sessions"), start("letters")
    eventually(lambda: streams_exist(nats_url, jurisdiction, "petitions", "sessions",
                                     "letters"), what="the upstream streams")
    oversight = start("oversight", FAST)
    notifier = start("notifier", FAST)
    notifier.stop()  # down while oversight plans, reports and finds: it catches up later

    with httpx.Client(base_url=oversight.url, timeout=10) as client:
        planned = plan_supervision_year(client, jurisdiction)
    pid = forwarded_long_ago(petitions.url, jurisdiction)
    hold_session(sessions.url, jurisdiction)  # a resolution passed in July 2025

    # Oversight's monitoring: the petition overdue, the resolution without guidance.
    overdue = eventually(lambda: [p for p in httpx.get(
        f"{oversight.url}/monitoring/petitions/overdue", timeout=10).json()
        if p["petition_id"] == pid], what="the overdue petition in monitoring")
    assert overdue[0]["agency"] == "ubnd"
    eventually(lambda: httpx.get(f"{oversight.url}/monitoring/resolutions/without-guidance",
                                 timeout=10).json(), what="the resolution without guidance")

    notifier = start("notifier", FAST)
    hdnd, mttq = bearer(jurisdiction, Agency.HDND), bearer(jurisdiction, Agency.MTTQ)
    education = bearer(jurisdiction, Agency.UBND, unit=EDUCATION)
    for body in (hdnd, mttq):  # the overlap, told to both bodies
        eventually(lambda body=body: [n for n in inbox(notifier.url, body)
                                      if n["subject_id"] == planned["overlap"]],
                   what="the overlap in an inbox")
    reminded = eventually(lambda: [n for n in inbox(notifier.url, education)
                                   if n["rule_id"] == RECOMMENDATION_RULE
                                   and n["subject_id"] == planned["overdue"]],
                          what="the overdue recommendation's reminder")
    assert reminded[0]["type"].startswith("reminder.")

    notifier.stop()
    notifier = start("notifier", FAST)  # restarted: the reminder is still watched, once
    watched = eventually(lambda: [r for r in reminders(notifier.url, education, True)
                                  if r["subject_id"] == planned["overdue"]],
                         what="the reminder after the restart")
    assert watched[0]["sent"], watched  # its overdue stage stays recorded as sent
    with httpx.Client(base_url=oversight.url, timeout=10) as client:
        post(client, f"/recommendations/{planned['overdue']}/answer", education, {
            "outcome": "implemented", "done": "Đã chi trả dứt điểm tiền hỗ trợ"})
    stopped = eventually(lambda: [r for r in reminders(notifier.url, education, False)
                                  if r["subject_id"] == planned["overdue"]],
                         what="the reminder stopped by the answer")
    assert stopped[0]["stopped_by"]
    assert len([n for n in inbox(notifier.url, education)
                if n["rule_id"] == RECOMMENDATION_RULE
                and n["subject_id"] == planned["overdue"]]) == len(reminded)

    published = read_all_sync(nats_url, stream_subjects(jurisdiction, "oversight"), 8)
    ids = [d.event.id for d in published]
    assert len(ids) == len(set(ids)) and len({d.msg_id for d in published}) == len(ids)
    assert all(d.subject == f"phoihop.{jurisdiction}.oversight.{d.event.type.split('.')[3]}.v1"
               for d in published)
    types = {d.event.type.split(".")[3] for d in published}
    assert {"OverlapDetected", "RecommendationIssued", "PetitionAnswerOverdue",
            "ResolutionGuidanceOverdue", "RecommendationAnswered"} <= types
