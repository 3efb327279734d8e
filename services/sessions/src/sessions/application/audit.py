"""The sessions read model (the records by kind), re-derived from the audit's rebuilt
aggregates and compared with what the service holds (``phoihop audit --service sessions``)."""

from __future__ import annotations

from collections.abc import Mapping
from uuid import UUID

from chassis.application import ServiceApplication
from chassis.catalogue import catalogue_problems
from sessions.application.base import SessionsBase


def check_read_model(app: ServiceApplication, aggregates: Mapping[UUID, object]) -> list[str]:
    """One problem per record the rows miss, hold in excess or hold as another kind."""
    assert isinstance(app, SessionsBase)
    return catalogue_problems(app.catalogue, aggregates)
