"""Bearer tokens: verified once, remembered only until they expire."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from chassis.settings import ServiceSettings
from chassis.web.auth import VerifiedTokens, issue_token
from chassis.web.problems import UnauthorizedProblem
from contracts.vocabulary import Agency
from kernel.errors import Forbidden

TIEN_GIANG = ServiceSettings(jurisdiction="tien-giang")


def test_a_remembered_token_gives_the_same_principal() -> None:
    cache = VerifiedTokens()
    token = issue_token(TIEN_GIANG, agency=Agency.UBND, role="staff", unit="Sở Y tế")
    first, again = cache.verify(TIEN_GIANG, token), cache.verify(TIEN_GIANG, token)
    assert first == again and first.unit == "Sở Y tế"


def test_a_remembered_token_is_refused_once_it_expires() -> None:
    cache = VerifiedTokens()
    token = issue_token(TIEN_GIANG, agency=Agency.MTTQ, role="staff",
                        lifetime=timedelta(seconds=1))
    cache.verify(TIEN_GIANG, token)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            cache.verify(TIEN_GIANG, token)
        except UnauthorizedProblem:
            return
        time.sleep(0.1)
    pytest.fail("an expired token was still accepted")


def test_a_token_remembered_for_one_deployment_is_not_valid_for_another() -> None:
    cache = VerifiedTokens()
    token = issue_token(TIEN_GIANG, agency=Agency.HDND, role="staff")
    cache.verify(TIEN_GIANG, token)
    with pytest.raises(Forbidden):
        cache.verify(ServiceSettings(jurisdiction="an-giang"), token)


def test_the_oldest_token_is_forgotten_beyond_capacity() -> None:
    cache = VerifiedTokens(capacity=2)
    tokens = [issue_token(TIEN_GIANG, agency=Agency.HDND, role="staff", subject=f"u{n}")
              for n in range(3)]
    for token in tokens:
        cache.verify(TIEN_GIANG, token)
    assert len(cache._entries) == 2
