"""The open data files of services run as `make run` runs them: written at start, served at
their stable URLs, and read over HTTP against their data card by frictionless."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from frictionless import Package, validate

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(("service", "files"), [
    ("petitions", {"published-answers"}), ("sessions", {"sessions", "votes", "resolutions"})])
def test_the_files_are_served_and_match_their_card(
    nats_url: str, jurisdiction: str, start_service: Callable[..., Any], service: str,
    files: set[str],
) -> None:
    running = start_service(service, nats_url, jurisdiction)
    card = f"{running.url}/open-data/datapackage.json"
    deadline = time.monotonic() + 20
    while httpx.get(card, timeout=5).status_code != 200:
        assert time.monotonic() < deadline, "the open data were not written at start"
        time.sleep(0.1)
    report = validate(card)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert {resource.name for resource in Package(card).resources} == files
    assert httpx.get(f"{running.url}/open-data/{sorted(files)[0]}.json").json() == []
