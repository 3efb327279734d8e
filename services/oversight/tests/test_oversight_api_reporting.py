"""The API of two-way reporting: the obligations, a report submitted (Idempotency-Key,
history, ``as_of``), the year's rows by status; bad input a 4xx problem, nothing stored."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Auth
from fastapi.testclient import TestClient

from chassis.web.problems import PROBLEM_JSON
from contracts.vocabulary import Agency
from oversight.application import Oversight

pytestmark = pytest.mark.integration
MONTHLY = "ubnd.socioeconomic.monthly"
REPORT = {"obligation_id": MONTHLY, "period": "2026-01", "summary": "Tình hình tháng 1.",
          "submitted_on": "2026-02-04"}


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def test_reports_over_http(client: TestClient, auth: Auth, app: Oversight) -> None:
    table = ok(client.get("/reporting/obligations"))
    assert MONTHLY in {o["id"] for o in table}
    ubnd = auth(Agency.UBND, **{"Idempotency-Key": "report-1"})
    first = ok(client.post("/reporting/reports", json=REPORT, headers=ubnd), 201)
    again = ok(client.post("/reporting/reports", json=REPORT, headers=ubnd), 201)
    assert first == again and first["status"] == "on_time"
    moment = ok(client.get(f"/reporting/reports/{first['report_id']}/history"))["events"][-1][
        "timestamp"]
    # 2025-12 fell due on 2026-01-05, more than 31 days before today (2026-03-02): overdue
    # in the list, but not flagged (reminded) by a pass that starts now.
    assert app.flag_late_reports() == 0
    rows = ok(client.get("/reporting/reports", params={"year": 2026, "from_agency": "ubnd",
                                                       "obligation_id": MONTHLY}))
    assert [(r["period"], r["status"]) for r in rows[:3]] == [
        ("2025-12", "overdue"), ("2026-01", "on_time"), ("2026-02", "due")]
    assert rows[0]["flagged_on"] is None
    overdue = ok(client.get("/reporting/reports", params={"year": 2026, "status": "overdue"}))
    assert all(r["submitted_on"] is None for r in overdue)
    before = ok(client.get("/reporting/reports", params={
        "year": 2026, "obligation_id": MONTHLY, "as_of": moment}))
    assert before[1]["status"] == "on_time"  # the report stood submitted at that moment
    detail = ok(client.get(f"/reporting/reports/{first['report_id']}"))
    assert detail["document_number"] is None and detail["summary"] == "Tình hình tháng 1."


@pytest.mark.parametrize(("agency", "body"), [
    (Agency.UBND, {**REPORT, "summary": ""}),
    (Agency.UBND, {**REPORT, "summary": "   "}),
    (Agency.UBND, {**REPORT, "summary": "x" * 20_001}),
    (Agency.UBND, {**REPORT, "summary": "Báo\u0000 cáo"}),
    (Agency.UBND, {**REPORT, "document_number": "12\u0007/BC"}),
    (Agency.UBND, {**REPORT, "submitted_on": "2031-02-04"}),
    (Agency.UBND, {**REPORT, "submitted_on": "1900-02-04"}),
    (Agency.UBND, {**REPORT, "submitted_on": "2025-12-31"}),  # before the period
    (Agency.UBND, {**REPORT, "period": "2026-Q1"}),
    (Agency.UBND, {**REPORT, "period": "0000-01"}),  # once a 500: no year 0
    (Agency.UBND, {**REPORT, "period": "9999-12"}),  # once a 500: its due day overflowed
    (Agency.UBND, {**REPORT, "period": "tháng 1"}),
    (Agency.UBND, {**REPORT, "obligation_id": "ubnd.weather.daily"}),
    (Agency.UBND, {**REPORT, "colour": "red"}),
    (Agency.HDND, REPORT),
    (Agency.MTTQ, REPORT),
])
def test_bad_reports_are_refused_with_nothing_stored(
        client: TestClient, auth: Auth, app: Oversight, agency: Agency, body: dict[str, Any],
) -> None:
    response = client.post("/reporting/reports", json=body,
                           headers=auth(agency, **{"Accept-Language": "vi"}))
    assert 400 <= response.status_code < 500, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    assert app.recorder.max_notification_id() in (None, 0)


def test_a_year_is_required_and_bounded(client: TestClient) -> None:
    for params in ({}, {"year": 1800}, {"year": 2026, "status": "lost"}):
        response = client.get("/reporting/reports", params=params)
        assert response.status_code == 422
        assert response.headers["content-type"] == PROBLEM_JSON
