"""Sending a service's traces to an OpenTelemetry collector over OTLP, when configured.

Off by default: without an endpoint, OpenTelemetry's API records nothing
(``chassis.tracing``). A deployment turns it on with OpenTelemetry's own environment
variables, which the SDK and its exporter read themselves: ``OTEL_EXPORTER_OTLP_ENDPOINT``
(or ``OTEL_EXPORTER_OTLP_TRACES_ENDPOINT``), and optionally ``OTEL_EXPORTER_OTLP_HEADERS``,
``OTEL_SERVICE_NAME`` (default ``phoihop-<service>``), ``OTEL_BSP_SCHEDULE_DELAY`` and
``OTEL_SDK_DISABLED``. Spans go in batches over OTLP/HTTP with protobuf, the protocol
every collector accepts; the batch is flushed when the service stops.
"""

from __future__ import annotations

import logging
import os

from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import SERVICE_NAME, Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

ENDPOINT_VARIABLES = ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT")
log = logging.getLogger(__name__)


def export_traces_if_configured(service: str) -> TracerProvider | None:
    """The provider now exporting this process's spans, or None when no endpoint is set
    (or the SDK is disabled). Call ``shutdown()`` on it when the service stops."""
    if os.environ.get("OTEL_SDK_DISABLED", "").lower() == "true":
        return None
    if not any(os.environ.get(name) for name in ENDPOINT_VARIABLES):
        return None
    name = os.environ.get("OTEL_SERVICE_NAME") or f"phoihop-{service}"
    provider = TracerProvider(resource=Resource.create({SERVICE_NAME: name}))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)
    log.info("traces exported over OTLP as %s", name)
    return provider
