"""`python -m demo` against the petitions service running as a process: what it leaves
behind, read back through the API, and a second run that changes nothing."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from chassis.messaging.embedded_nats import free_port
from contracts.vocabulary import Agency
from tests.demo.conftest import DemoRun
from tests.e2e.journey import bearer
from tests.e2e.processes import ServiceProcess

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

STATUSES = ("recorded", "classified", "forwarded", "answered", "published", "consolidated",
            "withdrawn")


def status_totals(url: str) -> dict[str, int]:
    return {s: httpx.get(f"{url}/petitions", params={"status": s, "limit": 1}).json()["total"]
            for s in STATUSES}


def every_petition(url: str, jurisdiction: str) -> list[dict[str, Any]]:
    """Every petition in full: active ones from the list, then merged and withdrawn ones;
    read by MTTQ, which also sees answers it has not published yet."""
    mttq = bearer(jurisdiction, Agency.MTTQ)
    ids = [row["id"] for s in STATUSES
           for row in httpx.get(f"{url}/petitions", params={"status": s, "limit": 200})
           .json()["items"]]
    return [httpx.get(f"{url}/petitions/{pid}", headers=mttq).json() for pid in ids]


def test_the_demo_fills_a_year_in_every_state_and_a_rerun_changes_nothing(
    petitions_service: ServiceProcess, jurisdiction: str, run_demo: DemoRun
) -> None:
    args = ("--petitions-url", petitions_service.url, "--jurisdiction", jurisdiction,
            "--scale", "0.3", "--seed", "11", "--year", "2023")
    first = run_demo(*args)
    assert first.returncode == 0, first.stderr
    assert "[8/8] Thông báo kết quả" in first.stdout and "Tổng kết" in first.stdout
    totals = status_totals(petitions_service.url)
    assert all(totals[s] >= 1 for s in STATUSES), totals

    petitions = every_petition(petitions_service.url, jurisdiction)
    by_id = {p["id"]: p for p in petitions}
    assert {p["resolution"]["status"] for p in petitions if p["resolution"]} == {
        "resolved", "in_progress", "explained", "unresolved"}
    consolidated = [p for p in petitions if p["merged_petition_ids"]
                    and p["status"] != "withdrawn"]
    assert consolidated
    for p in consolidated:  # raised at several meetings of several communes, ids still resolve
        assert len(p["sources"]) >= 2 and p["meeting_count"] >= 2 and p["commune_count"] >= 2
        for merged in p["merged_petition_ids"]:
            assert by_id[merged]["status"] == "consolidated"
            assert by_id[merged]["current_id"] == p["id"]
    [withdrawn] = [p for p in petitions if p["status"] == "withdrawn"]
    assert withdrawn["withdrawn_reason"]
    assert all(by_id[m]["status"] != "consolidated" for m in withdrawn["merged_petition_ids"])

    forwarded = [p for p in petitions if p["forwarding"]]
    [reforwarded] = [p for p in forwarded if p["forwarding"]["reforward_count"] == 1]
    assert reforwarded["forwarding"]["reason"] and reforwarded["answer"]
    assert {p["forwarding"]["to_agency"] for p in forwarded} == {"ubnd", "dbqh"}
    assert all(p["classification"]["level"] == "central"
               for p in forwarded if p["forwarding"]["to_agency"] == "dbqh")
    for p in forwarded:  # answered by the agency and unit it was forwarded to
        if p["answer"]:
            assert p["answer"]["agency"] == p["forwarding"]["to_agency"]
            assert p["answer"]["unit"] == p["forwarding"]["to_unit"]
        if p["resolution"] and p["resolution"]["status"] == "in_progress":
            assert p["resolution"]["roadmap_date"]

    # A province-year of 2023: every act dated the day it happened then, not today.
    assert all(p["received_on"].startswith("2023-") for p in petitions)
    assert all(p["forwarding"]["forwarded_on"] >= p["received_on"] for p in forwarded)
    assert all(p["forwarding"]["due_date"] < "2024-03-01" for p in forwarded)
    answers = [p["answer"] for p in forwarded if p["answer"]]
    assert all(a["answered_on"] < "2024-03-01" for a in answers)
    assert {a["on_time"] for a in answers} == {True, False}  # the year has both

    again = run_demo(*args)
    assert again.returncode == 0, again.stderr
    assert "không ghi lại" in again.stdout
    assert status_totals(petitions_service.url) == totals


def test_the_demo_says_so_and_fails_when_no_service_answers(run_demo: DemoRun) -> None:
    nowhere = f"http://127.0.0.1:{free_port()}"
    result = run_demo("--petitions-url", nowhere, timeout=30)
    assert result.returncode == 2
    assert f"Bỏ qua petitions: không có dịch vụ trả lời tại {nowhere}" in result.stderr
