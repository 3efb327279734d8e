"""One pass over the notification log: the chain, and every aggregate folded in a dict.

Each stored event is decoded once with the application's mapper and applied to its
aggregate with ``mutate``, as the library's repository does, but without a query per
aggregate (benchmark 4: ``repository.get`` per aggregate reached 0.017 of a raw SELECT).
``mutate`` refuses an event whose version does not follow its aggregate's: that is a gap.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from eventsourcing.domain import OriginatorVersionError
from eventsourcing.persistence import Notification

from chassis.application import ServiceApplication
from chassis.audit.chain import Chain, Seals
from chassis.notification_log import pages_after

log = logging.getLogger("chassis.audit")

PAGE = 2_000  # notifications per select_notifications
PROGRESS_EVERY = 100_000


@dataclass
class Replay:
    """What one pass of the log gave."""

    aggregates: dict[UUID, Any] = field(default_factory=dict)
    chain: Chain = field(default_factory=Chain)
    problems: list[str] = field(default_factory=list)
    last_id: int = 0


def replay(
    app: ServiceApplication,
    seals: Seals | None = None,
    on_event: Callable[[Notification, Any], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> Replay:
    """Folds the whole log of ``app``; ``on_event`` sees each stored row and its event."""
    result = Replay()
    aggregates, chain = result.aggregates, result.chain
    decode = app.mapper.to_domain_event
    broken: set[UUID] = set()  # aggregates already reported: their later events are moot
    for notifications in pages_after(app.recorder, result.last_id, PAGE):
        for notification in notifications:
            if seals is not None:
                seals.before(notification.id, chain)
            chain.add(notification)
            if seals is not None:
                seals.after(chain)
            event: Any = decode(notification)
            if on_event is not None:
                on_event(notification, event)
            originator = event.originator_id
            if originator in broken:
                continue
            try:
                aggregates[originator] = event.mutate(aggregates.get(originator))
            except OriginatorVersionError:
                broken.add(originator)
                have = getattr(aggregates.get(originator), "version", 0)
                result.problems.append(
                    f"aggregate {originator}: notification {notification.id} has version "
                    f"{notification.originator_version} after version {have} (a gap)")
            except Exception as error:  # e.g. its first event is missing: nothing to apply to
                broken.add(originator)
                result.problems.append(
                    f"aggregate {originator}: notification {notification.id} cannot be "
                    f"applied: {error!r}")
        before, result.last_id = result.last_id, notifications[-1].id
        if progress is not None and before // PROGRESS_EVERY != result.last_id // PROGRESS_EVERY:
            progress(result.last_id)
    if seals is not None:
        seals.finish(chain)
    return result
