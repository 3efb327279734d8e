"""Every command route documents the Idempotency-Key header and its rules (issue 14)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI

from chassis.settings import ServiceSettings
from chassis.web.idempotency import KEY_RULES
from notifier.entrypoints.http import create_http_app as notifier_app
from notifier.settings import NotifierSettings
from oversight.entrypoints.http import create_http_app as oversight_app
from petitions.entrypoints.http import create_http_app as petitions_app
from sessions.entrypoints.http import create_http_app as sessions_app

# Parking a dead letter is an operator's action on one message, idempotent by its state
# (a retried letter is retried once): it takes no key. Nor do a follower's commands
# (decision 17): a kept response or fingerprint would hold the address, and each is
# idempotent by its state (a follow asked again sends nothing; confirmed, unsubscribed,
# erased once).
WITHOUT_KEY = ("/dead-letters/", "/follows", "/followers/")


def service_apps() -> dict[str, FastAPI]:
    # The OpenAPI document is made from the routes alone: no application behind them.
    return {
        "petitions": petitions_app(ServiceSettings(environment="test"), None),  # type: ignore[arg-type]
        "sessions": sessions_app(ServiceSettings(environment="test"), None),  # type: ignore[arg-type]
        "oversight": oversight_app(ServiceSettings(environment="test"), None),  # type: ignore[arg-type]
        "notifier": notifier_app(NotifierSettings(environment="test"), None, None),  # type: ignore[arg-type]
    }


def command_operations() -> list[tuple[str, str, dict[str, Any]]]:
    found = []
    for service, app in service_apps().items():
        for path, item in app.openapi()["paths"].items():
            if "post" in item and not path.startswith(WITHOUT_KEY):
                found.append((service, path, item["post"]))
    return found


OPERATIONS = command_operations()


def test_there_are_commands_to_check() -> None:
    assert len({service for service, _, _ in OPERATIONS}) == 4
    assert len(OPERATIONS) > 20


@pytest.mark.parametrize(("service", "path", "operation"), OPERATIONS,
                         ids=[f"{service} {path}" for service, path, _ in OPERATIONS])
def test_each_command_documents_the_key_and_its_rules(
    service: str, path: str, operation: dict[str, Any]
) -> None:
    keys = [p for p in operation.get("parameters", []) if p["name"] == "Idempotency-Key"]
    assert len(keys) == 1, f"{service} POST {path} does not document Idempotency-Key"
    key = keys[0]
    assert key["in"] == "header"
    assert not key.get("required", False)
    assert key["description"] == KEY_RULES
    responses = operation["responses"]
    assert "idempotency-key" in responses["422"]["description"].lower()
    assert "idempotency-key" in responses["400"]["description"].lower()


def test_the_rules_say_what_a_repeat_and_a_reused_key_get() -> None:
    assert "Idempotent-Replayed: true" in KEY_RULES
    assert "422 `idempotency-key-reused`" in KEY_RULES
    assert "400 `invalid-idempotency-key`" in KEY_RULES
    assert "255" in KEY_RULES
