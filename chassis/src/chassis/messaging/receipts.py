"""Receipts: what a consumer has applied, one record per upstream message (decision 5).

A consumer recognises a duplicate by its receipt, not by the ``sequence`` a message carries:
a sequence is only the sender's word, so trusting "everything at or below the highest
sequence seen was applied" lets one forged message with a huge sequence (or a producer
store restored from a backup, whose ids go back) make every later event look applied.

A receipt's id is derived from the tracking name, the CloudEvents id and a digest of what
the event says (type, subject, time, data): the same notification published again (after
JetStream's duplicate window, or redelivered) finds its receipt; a different event that
reuses an id (a restored producer's) does not, and is applied. It is saved with the
policy's events in one transaction, and its id is unique in the store, so two attempts to
apply one message can never both commit.
"""

from __future__ import annotations

import hashlib
import json
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from contracts import ReceivedEvent


class Receipt(Aggregate):
    """One upstream message a consumer applied (or a dead-letter retry applied for it)."""

    @event("Applied")
    def __init__(self, *, tracking_name: str, cloudevent_id: str, digest: str,
                 sequence: int) -> None:
        self.tracking_name = tracking_name
        self.cloudevent_id = cloudevent_id
        self.digest = digest
        self.sequence = sequence  # as the message said: kept to be seen, never trusted

    @staticmethod
    def create_id(tracking_name: str, cloudevent_id: str, digest: str) -> UUID:
        """Deterministic: the same message under the same tracking name, the same receipt."""
        name = f"phoihop:receipt:{tracking_name}:{cloudevent_id}:{digest}"
        return uuid5(NAMESPACE_URL, name)


def content_digest(received: ReceivedEvent) -> str:
    """What the event says, hashed: equal for re-publishes of one notification."""
    said = {
        "type": received.type,
        "subject": received.subject,
        "time": received.time.isoformat(),
        "data": received.data.model_dump(mode="json"),
    }
    return hashlib.sha256(json.dumps(said, sort_keys=True).encode()).hexdigest()


def receipt_id(tracking_name: str, received: ReceivedEvent) -> UUID:
    """The receipt's id for one message under one tracking name."""
    return Receipt.create_id(tracking_name, received.id, content_digest(received))


def new_receipt(tracking_name: str, received: ReceivedEvent) -> Receipt:
    """A new receipt for a message about to be applied (saved with the policy's events)."""
    return Receipt(tracking_name=tracking_name, cloudevent_id=received.id,
                   digest=content_digest(received), sequence=received.sequence)
