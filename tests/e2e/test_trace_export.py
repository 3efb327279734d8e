"""A service run as `make run` runs it sends its spans to an OpenTelemetry collector over
OTLP/HTTP once OpenTelemetry's own variables name one (chassis.trace_export), and sends
nothing otherwise. The collector here is a real OTLP/HTTP endpoint on a free port that
decodes what it receives with OpenTelemetry's own protobuf definitions."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)
from opentelemetry.proto.trace.v1.trace_pb2 import Span

from chassis.messaging.embedded_nats import free_port
from contracts.vocabulary import Agency
from tests.e2e.journey import bearer

pytestmark = pytest.mark.integration
TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
CALLER = f"00-{TRACE_ID}-00f067aa0ba902b7-01"


class Collector:
    """Receives ``POST /v1/traces`` and keeps each exported span with its service's name."""

    def __init__(self) -> None:
        self.spans: list[tuple[str, Span]] = []
        self.port = free_port()
        collector = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                request = ExportTraceServiceRequest.FromString(body)
                for resource_spans in request.resource_spans:
                    names = [a.value.string_value for a in resource_spans.resource.attributes
                             if a.key == "service.name"]
                    for scope_spans in resource_spans.scope_spans:
                        collector.spans += [(names[0], span) for span in scope_spans.spans]
                answer = ExportTraceServiceResponse().SerializeToString()
                self.send_response(200)
                self.send_header("Content-Type", "application/x-protobuf")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> Collector:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def of_trace(self, trace_id: str) -> list[tuple[str, Span]]:
        return [(name, span) for name, span in self.spans if span.trace_id.hex() == trace_id]


@pytest.fixture
def collector() -> Iterator[Collector]:
    with Collector() as running:
        yield running


def plan_meeting(url: str, jurisdiction: str) -> None:
    headers = {**bearer(jurisdiction, Agency.MTTQ), "traceparent": CALLER}
    answer = httpx.post(f"{url}/voter-contacts", headers=headers, timeout=10, json={
        "title": "TXCT trước kỳ họp", "scheduled_on": "2026-03-02", "place": "Hội trường",
        "commune": "Tân Phú", "deputies": ["Nguyễn Văn A"]})
    assert answer.status_code == 201, answer.text


def test_spans_reach_the_collector_named_by_opentelemetrys_variables(
    nats_url: str, jurisdiction: str, start_service: Callable[..., Any], collector: Collector
) -> None:
    service = start_service("petitions", nats_url, jurisdiction, environment={
        "OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{collector.port}",
        "OTEL_BSP_SCHEDULE_DELAY": "100"})
    plan_meeting(service.url, jurisdiction)
    deadline = time.monotonic() + 20
    while not any(span.kind == Span.SPAN_KIND_SERVER for _, span in collector.of_trace(TRACE_ID)):
        assert time.monotonic() < deadline, f"no server span exported: {collector.spans}"
        time.sleep(0.05)
    spans = collector.of_trace(TRACE_ID)
    assert {name for name, _ in spans} == {"phoihop-petitions"}
    server = next(span for _, span in spans if span.kind == Span.SPAN_KIND_SERVER)
    assert server.parent_span_id.hex() == "00f067aa0ba902b7"  # the caller's span

