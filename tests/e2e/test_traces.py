"""One trace from an HTTP command to the notifier's delivery, seen by OpenTelemetry's SDK
(in-memory exporter): the request's SERVER span, the stored event's CloudEvent
``traceparent``, the notifier's CONSUMER span and the webhook's CLIENT span, all under
one trace id."""

from __future__ import annotations

import json
import logging
import time

import pytest
from fastapi.testclient import TestClient
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from chassis.settings import ServiceSettings
from contracts import stream_subjects
from contracts.vocabulary import Agency
from tests.e2e.journey import bearer
from tests.e2e.stream_reader import read_all_sync
from tests.e2e.test_notifier_journey import Receiver

pytestmark = [pytest.mark.integration, pytest.mark.e2e]
CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"


def wait_for(exporter: InMemorySpanExporter, found: str, timeout: float) -> ReadableSpan:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for span in exporter.get_finished_spans():
            if found in span.name and format(span.context.trace_id, "032x") == CALLER_TRACE:
                return span
        time.sleep(0.05)
    names = [s.name for s in exporter.get_finished_spans()]
    raise AssertionError(f"no span {found!r} in the caller's trace within {timeout}s: {names}")


def lineage(exporter: InMemorySpanExporter, span_id: int) -> list[int]:
    """``span_id`` and its ancestors among the finished spans."""
    by_id = {s.context.span_id: s for s in exporter.get_finished_spans()}
    chain = [span_id]
    while (span := by_id.get(chain[-1])) is not None and span.parent is not None:
        chain.append(span.parent.span_id)
    return chain


def test_one_trace_from_the_http_command_to_the_notifiers_delivery(
        span_exporter: InMemorySpanExporter, nats_url: str, jurisdiction: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from notifier.bootstrap import build_app as notifier_app
    from petitions.bootstrap import build_app as petitions_app

    monkeypatch.setenv("NATS_URL", nats_url)
    monkeypatch.setenv("PHOIHOP_JURISDICTION", jurisdiction)
    monkeypatch.setenv("PHOIHOP_STORE", "memory")
    spans = span_exporter
    settings = ServiceSettings()
    caller = f"00-{CALLER_TRACE}-00f067aa0ba902b7-01"
    receiver = Receiver()
    with TestClient(petitions_app(settings)) as petitions, \
            TestClient(notifier_app(settings)) as notifier:
        subscribed = notifier.post("/subscriptions", headers=bearer(jurisdiction, Agency.UBND),
                                   json={"url": receiver.url, "event_types": ["vn.phoihop.*"]})
        assert subscribed.status_code == 201, subscribed.text
        # Recorded and classified outside the trace; forwarded (what UBND is told of) in it.
        recorded = petitions.post(
            "/petitions", headers=bearer(jurisdiction, Agency.MTTQ),
            json={"text": "Đề nghị sửa chữa đường tỉnh 864 đoạn qua xã Phú Mỹ",
                  "channel": "mail", "commune": "Phú Mỹ"})
        assert recorded.status_code == 201, recorded.text
        pid = recorded.json()["petition"]["id"]
        hdnd = bearer(jurisdiction, Agency.HDND)
        classified = petitions.post(f"/petitions/{pid}/classify", headers=hdnd, json={
            "field": "transport", "level": "province", "agency": "ubnd"})
        assert classified.status_code == 200, classified.text
        response = petitions.post(f"/petitions/{pid}/forward",
                                  headers={**hdnd, "traceparent": caller})
        assert response.status_code == 200, response.text
        server = wait_for(spans, "POST /petitions/{petition_id}/forward", 10)
        assert server.kind is trace.SpanKind.SERVER
        assert server.parent is not None and server.parent.span_id == 0x00f067aa0ba902b7

        delivered = read_all_sync(nats_url, stream_subjects(jurisdiction, "petitions"), 3)[-1]
        assert delivered.event.type.endswith("PetitionForwarded.v1")
        assert delivered.event.traceparent is not None
        _, trace_id, parent_span, _ = delivered.event.traceparent.split("-")
        assert trace_id == CALLER_TRACE  # the stored event carries the command's context
        assert server.context.span_id in lineage(spans, int(parent_span, 16))

        consumer = wait_for(spans, "process vn.phoihop.petitions.PetitionForwarded.v1", 20)
        assert consumer.kind is trace.SpanKind.CONSUMER
        assert consumer.parent is not None and consumer.parent.span_id == int(parent_span, 16)
        assert dict(consumer.attributes or {})["messaging.message.id"] == delivered.event.id

        # The webhook the consumer's policy planned, sent by the delivery worker.
        delivery = wait_for(spans, "deliver webhook", 20)
        assert delivery.kind is trace.SpanKind.CLIENT
        assert consumer.context.span_id in lineage(spans, delivery.context.span_id)
        assert receiver.calls, "the webhook was not sent"


def test_the_json_logs_carry_the_active_trace_id(span_exporter: InMemorySpanExporter) -> None:
    from chassis.logs import JsonFormatter

    record = logging.LogRecord("petitions", logging.INFO, __file__, 1, "forwarded", None, None)
    assert "trace_id" not in json.loads(JsonFormatter("petitions").format(record))
    with trace.get_tracer("test").start_as_current_span("command") as span:
        line = json.loads(JsonFormatter("petitions").format(record))
    assert line["trace_id"] == format(span.get_span_context().trace_id, "032x")
