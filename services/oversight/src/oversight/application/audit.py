"""The oversight read model (the records by kind), re-derived from the audit's rebuilt
aggregates and compared with what the service holds (``phoihop audit --service oversight``)."""

from __future__ import annotations

from collections.abc import Mapping
from uuid import UUID

from chassis.application import ServiceApplication
from chassis.catalogue import catalogue_problems
from oversight.application.base import OversightBase


def check_read_model(app: ServiceApplication, aggregates: Mapping[UUID, object]) -> list[str]:
    """One problem per record the rows miss, hold in excess or hold as another kind."""
    assert isinstance(app, OversightBase)
    return catalogue_problems(app.catalogue, aggregates)
