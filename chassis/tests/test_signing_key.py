"""Production refuses to start with a signing key anyone could know or guess, and says why
(issue 12, item 10)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from pydantic import ValidationError

from chassis.settings import DEVELOPMENT_SIGNING_KEY, ServiceSettings

RANDOM_KEY = "q3Zr8WkP1vXn6TbY0sLm4HcJ7dGf2EaUo9RiV5yN"  # 40 bytes, as a generator makes


@pytest.mark.parametrize(("key", "why"), [
    ("", "empty"),
    ("   ", "empty"),
    ("a", "1 bytes"),
    ("secret", "published value"),
    (" secret ", "published value"),
    (DEVELOPMENT_SIGNING_KEY, "published value"),
    (f" {DEVELOPMENT_SIGNING_KEY}", "published value"),
    (f"{DEVELOPMENT_SIGNING_KEY}\n", "published value"),
    (f" {RANDOM_KEY}", "whitespace"),
    ("x" * 31, "31 bytes"),
    ("a" * 64, "different characters"),
    ("ab" * 32, "different characters"),
])
def test_production_refuses_a_weak_key_and_says_why(key: str, why: str) -> None:
    with pytest.raises(ValidationError) as refused:
        ServiceSettings(environment="production", jwt_signing_key=key)
    message = str(refused.value)
    assert why in message
    assert "PHOIHOP_JWT_SIGNING_KEY" in message
    if len(key.strip()) > 3:
        assert key.strip() not in message  # the refused value is not repeated


def test_production_accepts_a_random_key_and_development_the_local_one() -> None:
    assert ServiceSettings(environment="production",
                           jwt_signing_key=RANDOM_KEY).jwt_signing_key == RANDOM_KEY
    assert ServiceSettings(environment="development").jwt_signing_key == DEVELOPMENT_SIGNING_KEY


@pytest.mark.parametrize("key", ["secret", ""])
def test_a_service_started_in_production_with_a_weak_key_exits_and_says_why(
    key: str, tmp_path: object,
) -> None:
    env = {**os.environ, "PHOIHOP_ENVIRONMENT": "production", "PHOIHOP_JWT_SIGNING_KEY": key,
           "PHOIHOP_STORE": "memory", "PHOIHOP_DATA_DIR": str(tmp_path)}
    started = subprocess.run([sys.executable, "-m", "petitions"], env=env, capture_output=True,
                             text=True, timeout=60)
    assert started.returncode != 0
    assert "petitions: refusing to start: PHOIHOP_JWT_SIGNING_KEY refused in production" in (
        started.stderr), started.stderr
    assert "Traceback" not in started.stderr
