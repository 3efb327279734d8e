"""What a service declares for its audit (its ``bootstrap.AUDIT``): no audit code of its own."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from chassis.application import ServiceApplication
from chassis.settings import ServiceSettings
from contracts import IntegrationEvent

# Given the service's application and the aggregates the audit rebuilt, the problems found
# in the read model the service would hold (an empty list: it matches).
ReadModelCheck = Callable[[ServiceApplication, Mapping[UUID, object]], list[str]]
# Given the settings and the service's application, the problems found in what it derives
# from other stores too (oversight's yearly review, decision 17), replayed from each store.
DerivedCheck = Callable[[ServiceSettings, ServiceApplication], list[str]]


@dataclass(frozen=True)
class AuditSpec:
    """How to audit one service.

    ``open_app``: the service's application over its store (as ``build_app`` makes it);
    ``translate``: its outbox translation, or None if it publishes nothing (no relay check);
    ``read_model``: compares its read model with one re-derived from the rebuilt aggregates;
    ``derived``: compares what it derives from every store's events with the same derived
    again by replaying those stores from zero.
    """

    open_app: Callable[[ServiceSettings], ServiceApplication]
    translate: Callable[[Any], IntegrationEvent | None] | None = None
    read_model: ReadModelCheck | None = None
    derived: DerivedCheck | None = None
