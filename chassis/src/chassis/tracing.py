"""W3C trace context from the HTTP command, through the stored event and its CloudEvent, to
the consumer's handling (decisions 3, 10), with OpenTelemetry's API.

The HTTP side is FastAPI's own: it opens a SERVER span per request (child of the caller's
``traceparent``) and its endpoint spans; commands run in the thread pool, which copies the
context, so the events they store get the endpoint's context. Without an SDK configured,
OpenTelemetry's API records nothing: a request that brings a ``traceparent`` passes it on,
one that brings none starts no trace. With an SDK (a deployment's, or the tests' in-memory
exporter) every command, event and consumer's handling is a span of one trace.

The trace context travels with a stored event as one more key of its stored state
(``_traceparent``), written by the application's mapper when the event is stored within a
span. Events stored before, or outside any span, have none; nothing else reads the key, and
an event read back keeps it, so storing it again writes the same state.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from uuid import UUID

from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import Mapper, StoredEvent
from opentelemetry import propagate, trace
from opentelemetry.context import Context

from contracts import ReceivedEvent

TRACE_KEY = "_traceparent"
tracer = trace.get_tracer("phoihop")


def current_traceparent() -> str | None:
    """The W3C ``traceparent`` of the active span, if there is a valid one."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    return carrier.get("traceparent")


def context_of(traceparent: str | None) -> Context | None:
    return propagate.extract({"traceparent": traceparent}) if traceparent else None


def traceparent_of(event: object) -> str | None:
    value = vars(event).get(TRACE_KEY)
    return value if isinstance(value, str) else None


def stamp(events: Sequence[object], traceparent: str | None) -> None:
    """Gives events collected under a span (a consumer's policy) that span's context, since
    they are stored later, with the batch, outside it."""
    if traceparent:
        for event in events:
            vars(event).setdefault(TRACE_KEY, traceparent)


class TracingMapper(Mapper[UUID]):
    """Stores the active span's ``traceparent`` with each event that has none yet."""

    def to_stored_event(self, domain_event: DomainEventProtocol[UUID]) -> StoredEvent:
        traceparent = current_traceparent()
        state = vars(domain_event)
        if traceparent and TRACE_KEY not in state:
            traced: Any = object.__new__(type(domain_event))
            object.__setattr__(traced, "__dict__", {**state, TRACE_KEY: traceparent})
            return super().to_stored_event(traced)
        return super().to_stored_event(domain_event)


@contextmanager
def consuming(received: ReceivedEvent, consumer: str) -> Iterator[str | None]:
    """A CONSUMER span for one message's handling, child of the event's trace; yields the
    span's own ``traceparent`` (for the events the handling stores)."""
    with tracer.start_as_current_span(
        f"{consumer} process {received.type}", context=context_of(received.traceparent),
        kind=trace.SpanKind.CONSUMER,
        attributes={"messaging.system": "nats", "messaging.message.id": received.id,
                    "cloudevents.event_type": received.type},
    ):
        yield current_traceparent()


def current_trace_id() -> str | None:
    """The active trace's id as 32 hex digits, for the JSON logs."""
    context = trace.get_current_span().get_span_context()
    return format(context.trace_id, "032x") if context.is_valid else None

