"""Each service's AsyncAPI 3 (3.1) document: the events it sends and receives (decisions 2, 3).

    python -m chassis.messaging.asyncapi          # rewrite docs/asyncapi/<service>.json
    python -m chassis.messaging.asyncapi --check  # exit 1 listing what differs

Channels are the NATS subjects (``phoihop.{jurisdiction}.<service>.<Event>.v<major>``, the
jurisdiction a channel parameter), messages the contracts' models inside the CloudEvents
envelope (structured JSON mode) with the ``Nats-Msg-Id`` header. A service serves its own at
``GET /asyncapi.json``; the committed copies under ``docs/asyncapi/`` are generated,
reviewed like the JSON Schemas, and validated by the AsyncAPI project's CLI in the tests.

Generated here from the contracts, not by FastStream's AsyncAPI generator: FastStream (0.7)
cannot declare message headers (so no ``Nats-Msg-Id``) nor channel parameters, it adds a
``correlation_id`` header phoihop never sends, and it describes only handlers and
publishers of a FastStream broker, while the services publish through the outbox relay and
consume through the tracked consumer on nats-py (decisions 4, 5).
"""

from __future__ import annotations

import argparse
import copy
import importlib
import inspect
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from chassis.messaging.streams import stream_name
from contracts import IntegrationEvent, registered_events
from contracts.envelope import SCHEMA_BASE_URI
from contracts.schemas import JURISDICTION, envelope_schema

ASYNCAPI_VERSION = "3.1.0"
CONTENT_TYPE = "application/cloudevents+json"  # CloudEvents structured mode's media type
ENVELOPE = "CloudEvent"
HEADERS = "NatsHeaders"
DOCUMENT_PATH = "/asyncapi.json"
EXAMPLE_JURISDICTION = "tien-giang"
REGENERATE_HINT = "run `python -m chassis.messaging.asyncapi` and review the diff"


@dataclass(frozen=True)
class Subscription:
    """One durable consumer of a service: whose events, and its durable's name."""

    upstream: str
    durable: str


@dataclass
class EventTraffic:
    """What one service sends (the events of the services it publishes for: its own) and
    receives (through its durable consumers). Filled as the service wires its messaging."""

    service: str
    sends: list[str] = field(default_factory=list)
    receives: list[Subscription] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.sends and not self.receives


def events_of(service: str) -> list[type[IntegrationEvent]]:
    """Every integration event ``service`` publishes, by the contracts' registry."""
    return [event for event in registered_events() if event.service == service]


def channel_id(event: type[IntegrationEvent]) -> str:
    return f"{event.service}.{event.event_name()}.v{event.major}"


def channel_address(event: type[IntegrationEvent]) -> str:
    return f"phoihop.{{jurisdiction}}.{event.service}.{event.event_name()}.v{event.major}"


def asyncapi_document(traffic: EventTraffic, title: str) -> dict[str, Any]:
    """The AsyncAPI 3 document of one service's events."""
    schemas: dict[str, Any] = {ENVELOPE: _envelope(), HEADERS: _headers()}
    channels: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    for upstream in _upstreams(traffic):
        for event in events_of(upstream):
            key = channel_id(event)
            channels[key] = _channel(event)
            messages[key] = _message(event)
            _add_data_schema(schemas, event)
    for upstream in traffic.sends:
        for event in events_of(upstream):
            operations[f"send.{channel_id(event)}"] = _operation("send", event, (
                f"The {traffic.service} service publishes it through its outbox relay on its "
                f"stream {_stream(upstream)}, once per stored fact; a re-publish carries the "
                "same Nats-Msg-Id, which JetStream drops within its two-hour window."))
    for subscription in traffic.receives:
        for event in events_of(subscription.upstream):
            operations[f"receive.{subscription.durable}.{channel_id(event)}"] = _operation(
                "receive", event, (
                    f"Applied exactly once by the durable pull consumer "
                    f"`{subscription.durable}` on {_stream(subscription.upstream)}."))
    return {
        "asyncapi": ASYNCAPI_VERSION,
        "info": {
            "title": f"{title}: events",
            "version": "1.0.0",
            "description": (
                f"What the phoihop {traffic.service} service sends and receives on NATS "
                "JetStream. Every message is a CloudEvents 1.0 event in structured JSON mode "
                "whose `data` is one of phoihop's integration events (the `contracts` "
                "package; JSON Schemas at " + SCHEMA_BASE_URI + "). Its `id` is also the "
                "`Nats-Msg-Id` header; `sequence` orders a producer's events; consumers "
                "ignore fields they do not know."
            ),
        },
        "defaultContentType": CONTENT_TYPE,
        "servers": {
            "jetstream": {
                "host": "{host}",
                "protocol": "nats",
                "description": "The deployment's NATS JetStream (`make run`: 127.0.0.1:4230).",
                "variables": {"host": {"default": "127.0.0.1:4230",
                                       "description": "host:port of the NATS server"}},
            }
        },
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages, "schemas": schemas},
    }


def serve_asyncapi(app: FastAPI, traffic: EventTraffic, title: str) -> None:
    """Serves the service's document at ``GET /asyncapi.json`` (and keeps it on
    ``app.state.asyncapi`` for the committed copies); a service without events has none."""
    if traffic.empty:
        return
    document = asyncapi_document(traffic, title)
    app.state.asyncapi = document

    @app.get(DOCUMENT_PATH, tags=["operations"], response_class=JSONResponse,
             summary="AsyncAPI 3 document: the events this service sends and receives")
    async def asyncapi() -> JSONResponse:
        return JSONResponse(document, media_type="application/json")


def _upstreams(traffic: EventTraffic) -> list[str]:
    found = [*traffic.sends, *(s.upstream for s in traffic.receives)]
    return sorted(set(found))


def _stream(upstream: str) -> str:
    return "`" + stream_name("<jurisdiction>", upstream) + "`"


def _channel(event: type[IntegrationEvent]) -> dict[str, Any]:
    return {
        "address": channel_address(event),
        "title": event.event_name(),
        "description": _doc(event),
        "parameters": {"jurisdiction": {
            "description": "The deployment's jurisdiction (a province), as in the "
                           "CloudEvents source urn:phoihop:<jurisdiction>:<service>.",
            "examples": [EXAMPLE_JURISDICTION],
        }},
        "messages": {event.event_name(): {"$ref": f"#/components/messages/{channel_id(event)}"}},
    }


def _operation(action: str, event: type[IntegrationEvent], description: str) -> dict[str, Any]:
    key = channel_id(event)
    return {
        "action": action,
        "channel": {"$ref": f"#/channels/{key}"},
        "messages": [{"$ref": f"#/channels/{key}/messages/{event.event_name()}"}],
        "description": description,
    }


def _message(event: type[IntegrationEvent]) -> dict[str, Any]:
    return {
        "name": event.event_name(),
        "title": event.cloudevent_type(),
        "summary": _doc(event).splitlines()[0],
        "contentType": CONTENT_TYPE,
        "headers": {"$ref": f"#/components/schemas/{HEADERS}"},
        "payload": {"allOf": [
            {"$ref": f"#/components/schemas/{ENVELOPE}"},
            {
                "type": "object",
                "properties": {
                    "type": {"const": event.cloudevent_type()},
                    "source": {"type": "string",
                               "pattern": f"^urn:phoihop:{JURISDICTION}:{event.service}$"},
                    "dataschema": {"const": SCHEMA_BASE_URI + event.schema_path()},
                    "data": {"$ref": f"#/components/schemas/{channel_id(event)}"},
                },
            },
        ]},
    }


def _add_data_schema(schemas: dict[str, Any], event: type[IntegrationEvent]) -> None:
    """The event's data schema, its nested models hoisted into ``components.schemas``."""
    generated = event.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, nested in generated.pop("$defs", {}).items():
        if schemas.setdefault(name, nested) != nested:
            raise ValueError(f"two contract models define a different schema named {name}")
    generated["title"] = event.event_name()
    generated["description"] = _doc(event)
    schemas[channel_id(event)] = generated


def _envelope() -> dict[str, Any]:
    """The committed envelope schema, as an AsyncAPI (JSON Schema draft-07) schema."""
    schema = copy.deepcopy(envelope_schema())
    for key in ("$schema", "$id", "$comment", "$defs"):
        schema.pop(key, None)
    return schema


def _headers() -> dict[str, Any]:
    return {
        "type": "object",
        "description": "NATS message headers.",
        "properties": {"Nats-Msg-Id": {
            "type": "string",
            "description": "The CloudEvents id, <jurisdiction>:<service>:<notification id>: "
                           "JetStream drops a message whose id it saw within its "
                           "duplicate window (two hours).",
            "examples": [f"{EXAMPLE_JURISDICTION}:petitions:42"],
        }},
        "required": ["Nats-Msg-Id"],
    }


def _doc(event: type[IntegrationEvent]) -> str:
    return inspect.cleandoc(event.__doc__ or event.event_name())


def contract_gaps(document: dict[str, Any]) -> list[str]:
    """What a document misses or gets wrong against the contracts, from the contracts' side:
    every event of every service it sends or receives from needs its channel, on the right
    subject, with the contract's data schema; a channel no contract has is stale."""
    channels: dict[str, Any] = document.get("channels", {})
    schemas: dict[str, Any] = document.get("components", {}).get("schemas", {})
    services = {ref["channel"]["$ref"].rsplit("/", 1)[-1].split(".")[0]
                for ref in document.get("operations", {}).values()}
    gaps: list[str] = []
    known: set[str] = set()
    for service in sorted(services):
        for event in events_of(service):
            key = channel_id(event)
            known.add(key)
            channel = channels.get(key)
            if channel is None:
                gaps.append(f"{event.cloudevent_type()}: no channel {key}")
                continue
            if channel.get("address") != channel_address(event):
                gaps.append(f"{key}: address {channel.get('address')!r} is not "
                            f"{channel_address(event)!r}")
            wanted = event.model_json_schema(ref_template="#/components/schemas/{model}")
            wanted.pop("$defs", None)
            found = {k: v for k, v in schemas.get(key, {}).items()
                     if k not in ("title", "description")}
            if found != {k: v for k, v in wanted.items() if k not in ("title", "description")}:
                gaps.append(f"{key}: its data schema is not the contract's")
    gaps += [f"{key}: stale (no contract publishes it)" for key in sorted(channels.keys() - known)]
    return gaps


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# --- the committed copies ----------------------------------------------------------------


def documents_dir() -> Path:
    """``docs/asyncapi`` of the source checkout (``chassis/src/chassis/messaging/../../../..``)."""
    return Path(__file__).resolve().parents[4] / "docs" / "asyncapi"


def service_documents() -> dict[str, dict[str, Any]]:
    """Each installed service's document, as its app serves it, by service name.

    Each app is built on an in-memory store and never started: wiring its messaging is what
    records its traffic (``app.state.asyncapi``), and nothing connects before the lifespan.
    """
    from chassis.service_specs import installed_services
    from chassis.settings import ServiceSettings

    settings = ServiceSettings(store="memory")
    found: dict[str, dict[str, Any]] = {}
    for spec in installed_services():
        build_app = importlib.import_module(f"{spec.module}.bootstrap").build_app
        document = getattr(build_app(settings).state, "asyncapi", None)
        if document is not None:
            found[spec.name] = document
    return found


def differences(directory: Path) -> list[str]:
    expected = {f"{name}.json": render(doc) for name, doc in service_documents().items()}
    found = []
    for name, text in expected.items():
        file = directory / name
        if not file.is_file():
            found.append(f"{name}: missing")
        elif file.read_text(encoding="utf-8") != text:
            found.append(f"{name}: differs from what the service serves")
    for file in sorted(directory.glob("*.json")):
        if file.name not in expected:
            found.append(f"{file.name}: stale (no installed service serves it)")
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m chassis.messaging.asyncapi",
        description="Write (or --check) the committed AsyncAPI documents of the services.")
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 on a difference")
    parser.add_argument("--dir", type=Path, help="default: docs/asyncapi of the checkout")
    options = parser.parse_args(argv)
    directory: Path = options.dir or documents_dir()
    if options.check:
        found = differences(directory)
        for line in found:
            print(line, file=sys.stderr)
        if found:
            print(REGENERATE_HINT, file=sys.stderr)
            return 1
        print(f"AsyncAPI documents in {directory} match the services")
        return 0
    directory.mkdir(parents=True, exist_ok=True)
    documents = service_documents()
    for name, document in documents.items():
        (directory / f"{name}.json").write_text(render(document), encoding="utf-8")
    for file in directory.glob("*.json"):
        if file.stem not in documents:
            file.unlink()
    print(f"wrote {', '.join(sorted(documents))} to {directory}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
