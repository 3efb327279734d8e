"""`python -m demo` against the letters service alone: a year of citizens' letters read back
through the API, no denouncer printed, and a second run that changes nothing."""

from __future__ import annotations

from collections import Counter

import httpx
import pytest

from chassis.messaging.embedded_nats import free_port
from tests.demo.conftest import DemoRun
from tests.e2e.journey import bearer
from tests.e2e.processes import ServiceProcess

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

YEAR = 2025


def test_the_letters_demo_fills_a_year_and_a_rerun_changes_nothing(
    letters_service: ServiceProcess, jurisdiction: str, run_demo: DemoRun
) -> None:
    url = letters_service.url
    nowhere = f"http://127.0.0.1:{free_port()}"
    args = ("--letters-url", url, "--petitions-url", nowhere, "--sessions-url", nowhere,
            "--jurisdiction", jurisdiction, "--scale", "0.5", "--seed", "7", "--year", str(YEAR))
    first = run_demo(*args)
    assert first.returncode == 0, first.stderr
    from contracts.vocabulary import Agency
    headers = bearer(jurisdiction, Agency.UBND)
    items = httpx.get(f"{url}/letters", headers=headers, timeout=10).json()["items"]
    kinds = Counter(item["treated_as"] for item in items)
    statuses = Counter(item["status"] for item in items)
    assert {"complaint", "denunciation", "petition", "reflection", "information"} <= set(kinds)
    assert {"decided", "forwarded", "guided", "filed", "withdrawn"} <= set(statuses)
    # The repeats flagged are the letters sent again, and only those.
    resent = {item["id"] for item in items if item["summary"].startswith("Gửi lại đơn:")}
    assert resent and {item["id"] for item in items if item["repeats"]} == resent
    assert any(item["instance"] == 2 and item["appeal_of"] for item in items)
    assert any(item["extensions"] == 1 for item in items)
    assert "denouncer" not in first.stdout and "identity_number" not in first.stdout

    again = run_demo(*args)
    assert again.returncode == 0, again.stderr
    assert len(httpx.get(f"{url}/letters", headers=headers, timeout=10).json()["items"]) \
        == len(items)
