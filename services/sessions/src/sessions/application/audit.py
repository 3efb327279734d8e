"""The sessions read model (the records by kind), re-derived from the audit's rebuilt
aggregates and compared with what the service holds (``phoihop audit --service sessions``)."""

from __future__ import annotations

from collections.abc import Mapping
from uuid import UUID

from chassis.application import ServiceApplication
from sessions.application.base import SessionsBase


def check_read_model(app: ServiceApplication, aggregates: Mapping[UUID, object]) -> list[str]:
    """One problem per record the rows miss, hold in excess or hold as another kind."""
    assert isinstance(app, SessionsBase)
    derived = {record_id: type(record).__name__ for record_id, record in aggregates.items()}
    held = app.catalogue.kinds()
    problems = [f"read model: {derived[rid]} {rid} is missing" for rid in derived.keys() - held]
    problems += [f"read model: {held[rid]} {rid} is not in the store"
                 for rid in held.keys() - derived]
    problems += [f"read model: {derived[rid]} {rid} is listed as a {held[rid]}"
                 for rid in derived.keys() & held if derived[rid] != held[rid]]
    return problems
