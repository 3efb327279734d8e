"""Every request body of every service, as its OpenAPI document describes it, refuses
unknown fields, bounds every string and shows which characters it refuses (issue 12, items
5 and 12): one base model, ``chassis.web.request_body.RequestBody``, not a rule each model
must remember."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI

from chassis.settings import ServiceSettings

MEMORY = {"PERSISTENCE_MODULE": "eventsourcing.popo"}


def petitions_app(settings: ServiceSettings) -> FastAPI:
    from petitions.application import Petitions
    from petitions.entrypoints.http import create_http_app
    return create_http_app(settings, Petitions(MEMORY))


def sessions_app(settings: ServiceSettings) -> FastAPI:
    from sessions.application import Sessions
    from sessions.entrypoints.http import create_http_app
    return create_http_app(settings, Sessions(MEMORY))


def oversight_app(settings: ServiceSettings) -> FastAPI:
    from oversight.application import Oversight
    from oversight.entrypoints.http import create_http_app
    return create_http_app(settings, Oversight(MEMORY))


def notifier_app(settings: ServiceSettings) -> FastAPI:
    from notifier.application import Notifier
    from notifier.application.signals import SaveSignal
    from notifier.entrypoints.http import create_http_app
    from notifier.settings import NotifierSettings
    notifier = Notifier(MEMORY)
    return create_http_app(NotifierSettings.of(settings), notifier, SaveSignal(notifier))


def request_bodies(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(where, schema) of every request body's object schemas, nested ones included."""
    components = document.get("components", {}).get("schemas", {})

    def resolve(schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            schema = components[schema["$ref"].rsplit("/", 1)[-1]]
        return schema

    def walk(where: str, schema: dict[str, Any], seen: frozenset[str]) -> Iterator[
            tuple[str, dict[str, Any]]]:
        name = schema.get("$ref", "")
        if name in seen:
            return
        schema = resolve(schema)
        yield where, schema
        children = [*schema.get("anyOf", []), *schema.get("oneOf", []),
                    *schema.get("allOf", [])]
        children += list(schema.get("properties", {}).values())
        if isinstance(schema.get("items"), dict):
            children.append(schema["items"])
        for child in children:
            yield from walk(where, child, seen | {name})

    for path, item in document["paths"].items():
        for method, operation in item.items():
            for media in operation.get("requestBody", {}).get("content", {}).values():
                yield from walk(f"{method.upper()} {path}", media["schema"], frozenset())


@pytest.mark.parametrize("build", [petitions_app, sessions_app, oversight_app, notifier_app])
def test_every_request_body_refuses_unknown_fields_and_bounds_every_string(build: Any) -> None:
    settings = ServiceSettings(environment="test", store="memory")
    document = build(settings).openapi()
    bodies = list(request_bodies(document))
    assert bodies, "the service takes request bodies"
    unbounded, open_objects = [], []
    for where, schema in bodies:
        free_text = schema.get("type") == "string" and not schema.keys() & {
            "enum", "format", "const"}
        if free_text and not ("maxLength" in schema and "pattern" in schema):
            unbounded.append((where, schema))
        if schema.get("type") == "object" and schema.get("additionalProperties") is not False:
            open_objects.append((where, schema.get("title")))
    assert unbounded == []
    assert open_objects == []
