"""Dead letters: messages a tracked consumer could not apply, kept in its own store.

JetStream has no dead-letter queue (a message out of deliveries just stays in the stream),
so a consumer parks such a message as a ``DeadLetter`` aggregate, acks it and goes on: one
that failed in its turn with its tracking record, an anomaly (a sequence far beyond what
its producer could have) without. A person sees it and retries or resolves it.

A retry runs the consumer's policy again for the stored message, decoded from the body the
letter kept: the policy sees the same envelope the consumer gave it. The policy's new
events, the message's receipt (chassis.messaging.receipts) and the letter's ``Retried``
event are saved in one transaction, and the letter's version makes a second retry a no-op.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.application import ProcessingEvent
from eventsourcing.domain import Aggregate, event
from eventsourcing.persistence import IntegrityError, Tracking
from eventsourcing.projection import EventSourcedProjection
from eventsourcing.utils import get_topic, register_topic

from chassis.messaging.receipts import new_receipt, receipt_id
from chassis.notification_log import BATCH, pages_after
from contracts import ReceivedEvent, decode_cloudevent
from kernel.errors import NotFound

PARKED = "parked"  # waiting for a person: retry it or resolve it
RETRIED = "retried"  # a retry applied it: its effect is in the store
RESOLVED = "resolved"  # closed by a person without applying it

STORED_BODY_LIMIT = 64 * 1024  # a letter keeps at most this much of a body it could not decode


class DeadLetter(Aggregate):
    """A message a tracked consumer could not apply, kept to be seen and retried."""

    @event("Parked")
    def __init__(
        self,
        *,
        consumer: str,
        stream: str,
        stream_sequence: int,
        subject: str,
        body: str,
        body_encoding: str,
        body_size: int,
        headers: dict[str, str],
        error: str,
        attempts: int,
        tracking_name: str,
        upstream_sequence: int | None,
    ) -> None:
        self.consumer = consumer
        self.stream = stream
        self.stream_sequence = stream_sequence
        self.subject = subject
        self.body = body
        self.body_encoding = body_encoding  # "utf-8" (text as is) or "base64"
        self.body_size = body_size
        self.headers = headers
        self.error = error
        self.attempts = attempts
        self.tracking_name = tracking_name
        self.upstream_sequence = upstream_sequence  # the producer's sequence, when decodable
        self.status = PARKED
        self.note: str | None = None

    @staticmethod
    def create_id(consumer: str, stream: str, stream_sequence: int, body: str) -> UUID:
        """Deterministic, so a redelivery of a parked message finds its letter already there."""
        digest = hashlib.sha256(body.encode()).hexdigest()
        name = f"phoihop:dead-letter:{consumer}:{stream}:{stream_sequence}:{digest}"
        return uuid5(NAMESPACE_URL, name)

    @event("RetryFailed")
    def retry_failed(self, error: str) -> None:
        """A retry raised again: the letter stays parked with the newer error."""
        self.attempts += 1
        self.error = error

    @event("Retried")
    def retried(self) -> None:
        """A retry applied the message (saved together with the policy's new events)."""
        self.attempts += 1
        self.status = RETRIED

    @event("Resolved")
    def resolve(self, note: str) -> None:
        """A person closed the letter without applying it."""
        self.status = RESOLVED
        self.note = note

    @property
    def truncated(self) -> bool:
        """True when only the first part of an oversized body was kept (it cannot be retried)."""
        return len(self.raw_body()) < self.body_size

    def raw_body(self) -> bytes:
        """The body as received (of an undecodable one, its first ``STORED_BODY_LIMIT`` bytes)."""
        if self.body_encoding == "base64":
            return base64.b64decode(self.body)
        return self.body.encode()

    def summary(self) -> dict[str, Any]:
        """A plain description, for listings and HTTP."""
        return {
            "id": str(self.id),
            "consumer": self.consumer,
            "stream": self.stream,
            "stream_sequence": self.stream_sequence,
            "subject": self.subject,
            "status": self.status,
            "error": self.error,
            "attempts": self.attempts,
            "upstream_sequence": self.upstream_sequence,
            "body_size": self.body_size,
            "truncated": self.truncated,
            "headers": self.headers,
            "parked_at": self.created_on.isoformat(),
            "note": self.note,
        }


def new_dead_letter(
    *,
    consumer: str,
    stream: str,
    stream_sequence: int,
    subject: str,
    body: bytes,
    headers: Mapping[str, str] | None,
    error: str,
    attempts: int,
    tracking_name: str,
    upstream_sequence: int | None = None,
) -> DeadLetter:
    """A new dead letter for one received message (not yet saved).

    A message that decoded (it has an ``upstream_sequence``) is kept whole: it is within
    the consumer's size limit, and a retry rebuilds its envelope from it. Of one that did
    not, which no retry can apply, the first ``STORED_BODY_LIMIT`` bytes show what it was.
    """
    kept = body if upstream_sequence is not None else body[:STORED_BODY_LIMIT]
    try:
        text, encoding = kept.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = base64.b64encode(kept).decode("ascii"), "base64"
    return DeadLetter(
        consumer=consumer,
        stream=stream,
        stream_sequence=stream_sequence,
        subject=subject,
        body=text,
        body_encoding=encoding,
        body_size=len(body),
        headers=dict(headers or {}),
        error=error,
        attempts=attempts,
        tracking_name=tracking_name,
        upstream_sequence=upstream_sequence,
    )


class DeadLetterStore(EventSourcedProjection[UUID]):
    """The dead-letter side of a consuming application: park, list, retry, resolve."""

    def policy(self, received: ReceivedEvent, processing_event: ProcessingEvent[UUID]) -> None:
        """Applies one received CloudEvent: the whole envelope, not only its data.

        The consuming application implements it; eventsourcing's own ``policy`` (a domain
        event of an application followed in-process) is never called here.
        """
        raise NotImplementedError

    def park(self, letter: DeadLetter, *, track: bool = True) -> bool:
        """Saves a new letter; False when it was parked before.

        A letter for a message that failed in its turn carries the tracking record, when
        its sequence is beyond the one tracked (``track``); an anomaly (a sequence nobody
        can vouch for) is parked with ``track=False`` and moves nothing.
        """
        if self.exists_in_store(letter.id):  # a redelivery of a message parked before
            return False
        tracking = None
        sequence = letter.upstream_sequence
        if track and sequence is not None:
            tracked = self.recorder.max_tracking_id(letter.tracking_name)
            if tracked is None or sequence > tracked:
                tracking = Tracking(letter.tracking_name, sequence)
        processing = ProcessingEvent[UUID](tracking=tracking)
        processing.collect_events(letter)
        self._notify(self._record(processing))
        return True

    def exists_in_store(self, aggregate_id: UUID) -> bool:
        """Whether one event of the aggregate is stored (without rebuilding it)."""
        return bool(self.recorder.select_events(aggregate_id, limit=1))

    def dead_letter(self, letter_id: UUID) -> DeadLetter:
        """One letter, or ``NotFound``."""
        if letter_id not in self.repository:
            raise NotFound(f"no dead letter with id {letter_id}")
        letter: DeadLetter = self.repository.get(letter_id)
        return letter

    def dead_letters(self, status: str | None = None) -> list[DeadLetter]:
        """Every letter (or those with ``status``), oldest first."""
        topics = [get_topic(DeadLetter.Parked)]  # type: ignore[attr-defined]
        ids = [UUID(str(notification.originator_id))
               for page in pages_after(self.recorder, 0, BATCH, topics)
               for notification in page]
        letters = [self.dead_letter(letter_id) for letter_id in ids]
        return [letter for letter in letters if status is None or letter.status == status]

    def retry_dead_letter(self, letter_id: UUID) -> DeadLetter:
        """Runs the policy again for a parked letter; a letter no longer parked is left as is."""
        letter = self.dead_letter(letter_id)
        if letter.status != PARKED:
            return letter
        processing = ProcessingEvent[UUID]()
        try:
            if letter.truncated:
                raise ValueError("only the start of this oversized message was kept")
            received = decode_cloudevent(letter.raw_body())
            # Applied meanwhile (published again and consumed): its receipt says so.
            if not self.exists_in_store(receipt_id(letter.tracking_name, received)):
                self.policy(received, processing)
                processing.collect_events(new_receipt(letter.tracking_name, received))
            letter.retried()
            processing.collect_events(letter)
            recordings = self._record(processing)
        except IntegrityError:
            current = self.dead_letter(letter_id)
            if current.status != PARKED:  # retried at the same time by someone else
                return current
            raise
        except Exception as error:  # it fails again: say so on the letter
            failed = self.dead_letter(letter_id)
            failed.retry_failed(repr(error))
            self.save(failed)
            return failed
        self._notify(recordings)
        return letter

    def resolve_dead_letter(self, letter_id: UUID, note: str) -> DeadLetter:
        """Closes a parked letter without applying it (e.g. a test message, a known bad one)."""
        letter = self.dead_letter(letter_id)
        if letter.status == PARKED:
            letter.resolve(note)
            self.save(letter)
        return letter


# Stores written before the chassis was grouped name this module's old place in their
# events' topics: they must keep loading (tests/test_stored_events.py).
register_topic("chassis.dead_letters:DeadLetter", DeadLetter)
