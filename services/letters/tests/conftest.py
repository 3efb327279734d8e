"""Fixtures of the letters tests: the application on SQLite (letters and vault apart), and
its API."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from letters_builders import JURISDICTION, SteppingClock

from letters.application import Letters
from letters.settings import LettersSettings
from letters.vault.vault import Vault


@pytest.fixture
def settings(tmp_path: Path) -> LettersSettings:
    return LettersSettings(environment="test", store="sqlite", data_dir=tmp_path,
                           jurisdiction=JURISDICTION, max_body_bytes=64 * 1024)


def open_letters(settings: LettersSettings) -> Letters:
    from chassis.stores import store_environment
    clock = SteppingClock()
    vault = Vault(settings.vault_environment(), keys=settings.master_keys(), clock=clock)
    return Letters(store_environment(settings, "letters"), vault=vault, clock=clock)


@pytest.fixture
def letters(settings: LettersSettings) -> Iterator[Letters]:
    app = open_letters(settings)
    yield app
    app.close()


@pytest.fixture
def client(settings: LettersSettings, letters: Letters) -> Iterator[TestClient]:
    from letters.entrypoints.http import create_http_app
    with TestClient(create_http_app(settings, letters)) as test_client:
        yield test_client
