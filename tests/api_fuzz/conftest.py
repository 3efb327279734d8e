"""Fixtures of the OpenAPI fuzz tests: settings over a fresh SQLite directory, and tokens."""

from __future__ import annotations

from pathlib import Path

import pytest

from chassis.settings import ServiceSettings
from chassis.web.auth import issue_token
from contracts.vocabulary import Agency
from tests.api_fuzz.seeds import Bearer


@pytest.fixture
def settings(tmp_path: Path) -> ServiceSettings:
    # The production body limit, so that long but valid texts are fuzzed, not refused.
    return ServiceSettings(environment="test", store="sqlite", data_dir=tmp_path,
                           jurisdiction="tien-giang")


@pytest.fixture
def bearer(settings: ServiceSettings) -> Bearer:
    def token(agency: Agency, unit: str | None = None, role: str = "staff",
              subject: str | None = None) -> str:
        return issue_token(settings, agency=agency, role=role, unit=unit, subject=subject)
    return token
