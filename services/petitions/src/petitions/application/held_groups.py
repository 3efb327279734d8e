"""The similarity index's groups and their content keys, held in process and following the
log (``kernel.similarity.stored.GroupTokens``), so that a suggestion query most often
needs neither the tables nor the projection's write.

Why: ``POST /petitions`` records a petition and asks for the ones like it. Reading the
candidates from the tables made every request wait, behind the store's one writer, first
for the projection's write of its own petition and then for the query (benchmark 1 fell
from a ratio of 0.51–0.65 to 0.31). Most requests have no candidate at all: no group
whose places can reach the threshold holds any of their words. The groups held here tell
that from the log itself, as the in-memory read model did before the tables: new
notifications are read (one indexed read when nothing is new) and their petitions' groups
and keys added. Only a query that may have candidates catches the tables up and reads
them; the tables otherwise follow in the background (``TablesFollower``), a batch of
commands per write.

Loaded from the tables once the projection is warm (in the background; until then the
tables answer), as of the projection's position, then following the log from there. They
never shrink (see ``GroupTokens``), so they can only send a query to the tables that finds
nothing, never keep one from a candidate.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Collection
from typing import Any

from chassis.application import ServiceApplication
from chassis.notification_log import BATCH
from kernel.similarity.features import Features, extract
from kernel.similarity.stored import GroupTokens, content_keys, place_signature
from petitions.domain.petition import Petition

log = logging.getLogger(__name__)
# (group, content key) pairs held at most (about 100 bytes each): a store whose petitions
# name so many different places is searched in its tables alone.
MAX_HELD_ENTRIES = 500_000
# Petitions indexed last, remembered with their group and keys: a query that excludes one
# (the petition just recorded, in ``POST /petitions``) discounts it.
RECENT = 1024
TABLES_DELAY = 0.25  # s: the commands of that while share one write of the tables


class HeldGroups:
    """``GroupTokens`` of every indexed petition, complete up to a notification id.
    Thread-safe."""

    def __init__(self, app: ServiceApplication, max_entries: int = MAX_HELD_ENTRIES) -> None:
        self._app = app
        self.max_entries = max_entries
        self._lock = threading.Lock()  # the groups, the position, the recent petitions
        self._following = threading.Lock()  # one reader of the log at a time
        self._groups = GroupTokens()
        self._through: int | None = None  # complete up to this notification; None: unloaded
        self._recent: OrderedDict[str, tuple[str, list[str]]] = OrderedDict()
        self._loading = False
        self.given_up = False  # too large to hold: the tables alone answer

    @property
    def loaded(self) -> bool:
        return self._through is not None

    def searched(self, query: Features, threshold: float, exclude: Collection[str] = (),
                 ) -> tuple[bool, list[str] | None]:
        """``(True, GroupTokens.searched)`` after following the log to its end; ``(False,
        None)`` while not loaded: the tables must be asked."""
        if not self._follow():
            return False, None
        with self._lock:
            excluded = [self._recent[pid] for pid in exclude if pid in self._recent]
            return True, self._groups.searched(query, threshold, excluded)

    def should_load(self) -> bool:
        """Whether a load is due; if so, the caller loads (one load at a time)."""
        with self._lock:
            if self._loading or self.given_up or self._through is not None:
                return False
            self._loading = True
            return True

    def load(self, read: Callable[[], tuple[int, GroupTokens | None]]) -> None:
        """Fills them with ``read()``: a position, then the groups and keys the tables hold
        (as of that position or later: a superset); None when there are too many."""
        try:
            position, loaded = read()
        finally:
            with self._lock:
                self._loading = False
        with self._lock:
            if loaded is None or loaded.entries > self.max_entries:
                self._give_up()
            else:
                self._groups, self._through = loaded, position

    def _follow(self) -> bool:
        """Adds the petitions the log indexed since; False while not loaded."""
        if self._through is None:
            return False
        end = self._app.recorder.max_notification_id() or 0
        if self._through >= end:
            return True
        with self._following:
            through = self._through
            while through is not None and through < end:
                notifications = self._app.recorder.select_notifications(
                    start=through, limit=BATCH, inclusive_of_start=False)
                if not notifications:
                    break
                indexed = [found for n in notifications
                           if (found := self._indexed(self._app.mapper.to_domain_event(n)))]
                with self._lock:
                    if self.given_up or not self._add(indexed):
                        return False
                    through = self._through = notifications[-1].id
        return self._through is not None

    def _indexed(self, event: Any) -> tuple[str, Features] | None:
        """The petition an event indexes (as ``PetitionProjection`` does), with its features."""
        if isinstance(event, Petition.Recorded | Petition.Consolidated):
            text = event.text
        elif isinstance(event, Petition.Restored):  # its text is the one it had: load it
            text = self._app.repository.get(event.originator_id,
                                            version=event.originator_version).text
        else:
            return None
        try:
            return str(event.originator_id), extract(text)
        except Exception:  # the projection logs it; the tables then lack it too
            return None

    def _add(self, indexed: list[tuple[str, Features]]) -> bool:
        """False when that made them too large to hold (given up)."""
        for petition_id, features in indexed:
            signature, keys = place_signature(features.places), content_keys(features)
            self._groups.add(signature, features.places, dict.fromkeys(keys, 1))
            self._recent[petition_id] = (signature, keys)
            self._recent.move_to_end(petition_id)
            if len(self._recent) > RECENT:
                self._recent.popitem(last=False)
        if self._groups.entries > self.max_entries:
            self._give_up()
            return False
        return True

    def _give_up(self) -> None:
        log.warning("similarity groups: more than %d (group, key) pairs; suggestions read "
                    "the tables alone", self.max_entries)
        self.given_up = True
        self._groups, self._through, self._recent = GroupTokens(), None, OrderedDict()


class TablesFollower:
    """Catches the tables up in the background after queries that did not need them: one
    write for the commands of ``TABLES_DELAY``, off the requests' path. The thread ends
    when nothing more is asked of it."""

    def __init__(self, catch_up: Callable[[], None]) -> None:
        self._catch_up = catch_up
        self._lock = threading.Lock()
        self._asked = self._running = False

    def ask(self) -> None:
        with self._lock:
            self._asked = True
            if self._running:
                return
            self._running = True
        threading.Thread(target=self._run, name="petitions tables", daemon=True).start()

    def _run(self) -> None:
        try:
            while True:
                time.sleep(TABLES_DELAY)
                with self._lock:
                    if not self._asked:
                        self._running = False
                        return
                    self._asked = False
                self._catch_up()
        except Exception as error:  # the store closed, or failing: the next query retries
            log.warning("petitions read model: catching the tables up failed: %s", error)
            with self._lock:
                self._running = False
