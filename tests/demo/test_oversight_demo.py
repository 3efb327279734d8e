"""`python -m demo` against the oversight service alone: the province's year of supervision
it leaves behind, read back through the API, and a second run that changes nothing."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.demo.conftest import DemoRun
from tests.e2e.processes import ServiceProcess

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

YEAR = 2025


def get(url: str, path: str, **params: Any) -> Any:
    response = httpx.get(f"{url}{path}", params=params, timeout=10)
    assert response.status_code == 200, (path, response.status_code, response.text)
    return response.json()


def figures(url: str) -> dict[str, Any]:
    programmes = get(url, "/programmes", year=YEAR)
    overlaps = get(url, "/overlaps", year=YEAR)
    recommendations = get(url, "/recommendations")
    return {
        "topics": sum(len(p["topics"]) for p in programmes),
        "mttq topics": sum(len(p["topics"]) for p in programmes if p["body"] == "mttq"),
        "overlaps": len(overlaps),
        "resolutions": sorted(o["resolution"] for o in overlaps if not o["open"]),
        "supervisions": len(get(url, "/supervisions", year=YEAR)),
        "recommendations": len(recommendations),
        "statuses": {s: sum(r["status"] == s for r in recommendations)
                     for s in ("open", "answered", "accepted")},
        "late answers": sum(1 for r in recommendations for a in r["responses"]
                            if a["responded_on"] > r["due_on"]),
        "criticisms": sorted(c["stage"] for c in get(url, "/social-criticisms", year=YEAR)),
        "draft laws": sorted((d["collector"], d["sending"] is not None)
                             for d in get(url, "/draft-laws", year=YEAR)),
        "reports": sorted(r["status"] for r in get(url, "/reporting/reports", year=YEAR)),
    }


def test_the_oversight_demo_fills_a_year_and_a_rerun_changes_nothing(
    oversight_service: ServiceProcess, jurisdiction: str, run_demo: DemoRun
) -> None:
    args = ("--oversight-url", oversight_service.url, "--jurisdiction", jurisdiction,
            "--year", str(YEAR))
    first = run_demo(*args)
    assert first.returncode == 0, first.stderr + first.stdout
    assert "Bỏ qua petitions" in first.stderr
    found = figures(oversight_service.url)
    assert found["topics"] == 16 and found["mttq topics"] == 7
    assert found["overlaps"] >= 3 and "joint" in found["resolutions"]
    assert "rescheduled" in found["resolutions"] and "accepted" in found["resolutions"]
    assert found["supervisions"] == 9 and found["recommendations"] == 18
    assert found["statuses"]["open"] >= 6 and found["statuses"]["accepted"] >= 1
    assert found["late answers"] >= 1
    assert found["criticisms"] == ["replied"] * 4 + ["sent"]
    assert len(found["draft laws"]) == 17 and all(sent for _, sent in found["draft laws"])
    assert {collector for collector, _ in found["draft laws"]} == {"dbqh", "mttq"}
    assert {"on_time", "late", "overdue"} <= set(found["reports"])
    assert "17 dự thảo luật được góp ý" in first.stdout
    again = run_demo(*args)
    assert again.returncode == 0, again.stderr + again.stdout
    assert figures(oversight_service.url) == found
