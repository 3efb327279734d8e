"""End to end: an HĐND and an MTTQ programme over HTTP that would supervise the same school
in overlapping windows yield OverlapDetected as a CloudEvent, once, on a real NATS."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import httpx
import pytest

from contracts.vocabulary import Agency
from tests.e2e.journey import bearer, post
from tests.e2e.stream_reader import read_all_sync

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


def programme(year: int, body: str, start: str, end: str, **extra: Any) -> dict[str, Any]:
    return {"year": year, "body": body, **extra, "topics": [{
        "topic": "Việc thực hiện chính sách hỗ trợ học sinh vùng khó khăn",
        "field": "education", "units": ["Trường THPT Tân Phú", "Xã Tân Phú"],
        "window_start": f"{year}-{start}", "window_end": f"{year}-{end}"}]}


def test_an_overlap_between_hdnd_and_mttq_is_published_once(
    nats_url: str, jurisdiction: str, start_service: Callable[..., Any]
) -> None:
    service = start_service("oversight", nats_url, jurisdiction)
    year = date.today().year
    with httpx.Client(base_url=service.url, timeout=10) as client:
        hdnd = post(client, "/programmes", bearer(jurisdiction, Agency.HDND), programme(
            year, "committee", "04-01", "04-30", body_name="Ban Văn hóa - Xã hội"))
        mttq = post(client, "/programmes", bearer(jurisdiction, Agency.MTTQ),
                    programme(year, "mttq", "04-20", "05-15"))
        [overlap] = client.get("/overlaps", params={"open": "true"}).json()

    # The monitoring pass also flags, at start, the two-way reports owed this year and
    # last (the default obligations table) and publishes them on the same stream.
    for _ in range(5):
        delivered = read_all_sync(nats_url, f"phoihop.{jurisdiction}.oversight.>", expected=3)
        planning = [d for d in delivered
                    if d.event.data.event_name() != "ObligationReportOverdue"]
        if len(planning) >= 3:
            break
    assert [d.event.data.event_name() for d in planning] == [
        "SupervisionProgrammeAdopted", "SupervisionProgrammeAdopted", "OverlapDetected"]
    found = planning[-1]
    assert found.subject == f"phoihop.{jurisdiction}.oversight.OverlapDetected.v1"
    assert found.event.type == "vn.phoihop.oversight.OverlapDetected.v1"
    assert found.event.subject == overlap["id"]
    data = found.event.data.model_dump(mode="json")
    assert (data["first"]["programme_id"], data["second"]["programme_id"]) == (
        hdnd["id"], mttq["id"])
    assert data["shared_units"] == ["Trường THPT Tân Phú", "Xã Tân Phú"]
    assert len({d.event.id for d in delivered}) == len(delivered)
