"""The notifier's read model, re-derived from the audit's rebuilt aggregates and compared
with what the service holds (``phoihop audit --service notifier``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from chassis.application import ServiceApplication
from notifier.application.notifier import Notifier
from notifier.application.notifier_projection import KINDS


def check_read_model(app: ServiceApplication, aggregates: Mapping[UUID, object]) -> list[str]:
    """One problem per record whose row differs from its rebuilt aggregate's summary."""
    assert isinstance(app, Notifier)
    problems: list[str] = []
    for aggregate_type, kind in KINDS.items():
        derived: dict[UUID, Any] = {record_id: record.summary()  # type: ignore[attr-defined]
                                    for record_id, record in aggregates.items()
                                    if isinstance(record, aggregate_type)}
        held = app.read_model.summaries(aggregate_type)
        problems += [f"read model: {kind.label} {record_id} is missing"
                     for record_id in derived.keys() - held]
        problems += [f"read model: {kind.label} {record_id} is not in the store"
                     for record_id in held.keys() - derived]
        problems += [f"read model: {kind.label} {record_id} differs from its events"
                     for record_id in derived.keys() & held
                     if derived[record_id] != held[record_id]]
    return problems
