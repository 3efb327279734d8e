"""The petitions list: an in-memory read model that follows the notification log.

It keeps a replica of every petition (rebuilt by the aggregate's own events), a summary
row per petition for filtering, and the similar-petition index. Before each query it
catches up with the log, so a client reads its own writes: every write committed before
the query was asked is applied. A restart rebuilds it from the log (about 60,000
events/s on SQLite).

Two locks, because of the GIL. A thread that releases the GIL (as a read of the store
does) while holding a lock others wait for gets it back only after up to the interpreter's
switch interval (5 ms), and every waiter waits with it. So the store is read, and its
events decoded, under a `_reading` lock that queries do not need, and the model's `_lock`
is held only for pure-Python work: applying decoded events, and answering. Reads are
shared: queries that asked while another read was under way, and are then served by a
read begun after they asked, need no read of their own: under load one read of the log
serves every query queued behind it.
"""

from __future__ import annotations

import gc
import itertools
import logging
import threading
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Generic, TypeVar
from uuid import UUID

from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import Notification

from chassis.application import ServiceApplication
from contracts.vocabulary import Agency, JurisdictionLevel, PolicyField, ResolutionStatus
from petitions.domain.petition import Petition
from petitions.domain.values import PetitionStatus
from petitions.similarity import DEFAULT_THRESHOLD, SimilarityIndex

BATCH = 500
PROGRESS_EVERY = 50_000  # events between two progress lines while rebuilding
log = logging.getLogger(__name__)
T = TypeVar("T")


def fold(text: str) -> str:
    """Lower case without accents, so "đường" matches "Duong" (tìm không dấu)."""
    return " ".join(word for word in map(_fold_word, text.split()) if word)


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    # Per word, and cached: every petition text is folded as the read model follows the log.
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class PetitionSummary:
    """One row of the petitions list, copied out of the read model."""

    id: UUID
    text: str
    status: PetitionStatus
    communes: list[str]
    meeting_count: int
    source_count: int
    merged_into: UUID | None
    field: PolicyField | None
    level: JurisdictionLevel | None
    agency: Agency | None
    unit: str | None
    forwarded_on: date | None
    due_date: date | None
    answered_on: date | None
    published_on: date | None
    resolution: ResolutionStatus | None
    recorded_at: datetime
    updated_at: datetime
    version: int

    def is_overdue(self, today: date) -> bool:
        return (self.status == PetitionStatus.FORWARDED and self.due_date is not None
                and self.due_date < today)

    @classmethod
    def of(cls, petition: Petition) -> PetitionSummary:
        c, f, a, r = (petition.classification, petition.forwarding, petition.answer,
                      petition.resolution)
        return cls(
            id=petition.id, text=petition.text, status=petition.status,
            communes=petition.communes, meeting_count=len(petition.meeting_ids),
            source_count=len(petition.sources), merged_into=petition.merged_into,
            field=c.field if c else None, level=c.level if c else None,
            agency=c.agency if c else None, unit=c.unit if c else None,
            forwarded_on=f.forwarded_on if f else None,
            due_date=f.deadline.due_date if f else None,
            answered_on=a.answered_on if a else None, published_on=petition.published_on,
            resolution=r.status if r else None, recorded_at=petition.created_on,
            updated_at=petition.modified_on, version=petition.version,
        )


@dataclass(frozen=True)
class PetitionQuery:
    """Filters of the petitions list; ``None`` means any. Without a status, petitions
    merged into another or withdrawn are left out (their carrier is listed instead)."""

    status: PetitionStatus | None = None
    agency: Agency | None = None
    field: PolicyField | None = None
    level: JurisdictionLevel | None = None
    commune: str | None = None
    overdue: bool | None = None
    text: str | None = None
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


HIDDEN_BY_DEFAULT = frozenset({PetitionStatus.CONSOLIDATED, PetitionStatus.WITHDRAWN})


class PetitionReadModel:
    """Summaries and similarity of all petitions, caught up from the log before each read."""

    def __init__(self, app: ServiceApplication, threshold: float = DEFAULT_THRESHOLD) -> None:
        self._app = app
        self._lock = threading.Lock()  # the model below; never held across I/O
        self._reading = threading.Lock()  # one read of the log at a time
        self._position = 0  # changed under both locks
        # Tickets order "a query was asked" against "a read of the log began"; taking one
        # is atomic (itertools.count is implemented in C, under the GIL).
        self._tickets = itertools.count(1)
        self._read_began = 0  # ticket of the latest read of the log that completed
        self._replicas: dict[UUID, Petition] = {}
        self._rows: dict[UUID, PetitionSummary] = {}
        self._folded: dict[UUID, str] = {}
        self._similar = SimilarityIndex(threshold=threshold)
        self._warm = False
        self._target = 0  # the log's length when warming up began

    def warm_up(self) -> None:
        """Rebuilds the model from the whole log before the first query needs it, saying
        how far it has got (a large store takes a while; see ``readiness``)."""
        self._target = self._app.recorder.max_notification_id() or 0
        log.info("petitions read model: rebuilding from %d stored events", self._target)
        self._catch_up(next(self._tickets))
        # What the rebuild made lives as long as the process: the collector's full passes
        # need not walk it again and again (each one a pause paid by a request).
        gc.freeze()
        self._warm = True
        log.info("petitions read model: ready at event %d", self._position)

    def readiness(self) -> str | None:
        """None once warmed up; otherwise how far the rebuild has got (for ``/readyz``)."""
        if self._warm:
            return None
        return f"petitions read model rebuilding: {self._position} of {self._target} events"

    def query(self, query: PetitionQuery, today: date) -> Page[PetitionSummary]:
        self._catch_up(next(self._tickets))
        with self._lock:
            rows = [row for row in reversed(self._rows.values())
                    if self._matches(row, query, today)]
        items = rows[query.offset: query.offset + query.limit]
        return Page(items, len(rows), query.limit, query.offset)

    def similar(
        self, text: str, limit: int, exclude: tuple[UUID, ...] = ()
    ) -> list[tuple[PetitionSummary, float]]:
        """Active petitions worded like ``text``, best first."""
        self._catch_up(next(self._tickets))
        SimilarityIndex.prepare(text)
        with self._lock:
            found = self._similar.similar(text, limit=limit, exclude=tuple(map(str, exclude)))
            return [(self._rows[UUID(pid)], score) for pid, score in found]

    def _matches(self, row: PetitionSummary, q: PetitionQuery, today: date) -> bool:
        if q.status is None and row.status in HIDDEN_BY_DEFAULT:
            return False
        wanted: list[tuple[Any, Any]] = [
            (q.status, row.status), (q.agency, row.agency), (q.field, row.field),
            (q.level, row.level),
        ]
        if any(want is not None and want != have for want, have in wanted):
            return False
        if q.commune is not None and fold(q.commune) not in map(fold, row.communes):
            return False
        if q.overdue is not None and row.is_overdue(today) != q.overdue:
            return False
        return not q.text or all(word in self._folded[row.id] for word in fold(q.text).split())

    def _catch_up(self, asked: int) -> None:
        """Applies the log at least as it stood when ticket ``asked`` was taken."""
        if self._read_began > asked:
            return  # a read begun after we asked has seen every write committed before
        with self._reading:
            if self._read_began > asked:
                return  # one was done while we waited
            began = next(self._tickets)
            while True:
                notifications = self._app.recorder.select_notifications(
                    start=self._position, limit=BATCH, inclusive_of_start=False
                )
                events = [self._decode(notification) for notification in notifications]
                with self._lock:
                    for notification, domain_event in zip(notifications, events, strict=True):
                        if isinstance(domain_event, Petition.Event):
                            self._apply(domain_event)
                        self._position = notification.id
                self._say_progress(before=notifications[0].id - 1 if notifications else 0)
                if len(notifications) < BATCH:
                    self._read_began = began  # only once the read has succeeded
                    return

    def _say_progress(self, before: int) -> None:
        if before // PROGRESS_EVERY != self._position // PROGRESS_EVERY:
            log.info("petitions read model: %d of %d events", self._position, self._target)

    def _decode(self, notification: Notification) -> DomainEventProtocol[UUID]:
        domain_event = self._app.mapper.to_domain_event(notification)
        if isinstance(domain_event, Petition.Recorded | Petition.Consolidated):
            SimilarityIndex.prepare(domain_event.text)  # analysed here, not under the lock
        return domain_event

    def _apply(self, domain_event: Petition.Event) -> None:
        petition_id = domain_event.originator_id
        replica = domain_event.mutate(self._replicas.get(petition_id))
        assert isinstance(replica, Petition)
        self._replicas[petition_id] = replica
        self._rows[petition_id] = PetitionSummary.of(replica)
        if isinstance(domain_event, Petition.Recorded | Petition.Consolidated):
            self._folded[petition_id] = fold(replica.text)
        try:
            self._index_similarity(domain_event, replica)
        except Exception:
            # Suggestions are an aid: a text the index cannot take must not stop the list
            # from following the log (the replica above is already updated).
            log.exception("similarity index failed on petition %s", petition_id)

    def _index_similarity(self, domain_event: Petition.Event, petition: Petition) -> None:
        if isinstance(domain_event, Petition.MergedInto | Petition.Split):
            self._similar.remove(str(petition.id))
        elif isinstance(domain_event, Petition.Recorded | Petition.Consolidated
                        | Petition.Restored):
            self._similar.add(str(petition.id), petition.text)
