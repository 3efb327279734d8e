"""phoihop's public language: integration events and their CloudEvents envelope.

Every service speaks to the others only through these models. Domain events stay
private to their service; what leaves it is one of the events defined here.
"""

from contracts.base import IntegrationEvent, event_class_for_type, registered_events
from contracts.envelope import (
    CloudEventError,
    ReceivedEvent,
    cloudevent_id,
    decode_cloudevent,
    encode_cloudevent,
    event_source,
    event_subject,
    event_type,
    stream_name,
    stream_subjects,
)

__all__ = [
    "CloudEventError",
    "IntegrationEvent",
    "ReceivedEvent",
    "cloudevent_id",
    "decode_cloudevent",
    "encode_cloudevent",
    "event_class_for_type",
    "event_source",
    "event_subject",
    "event_type",
    "registered_events",
    "stream_name",
    "stream_subjects",
]
