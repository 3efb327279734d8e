"""A hash chain over the stored rows, and the seals that pin it between audits.

The library's tables have no hash column (and we write no SQL into them), so the audit
computes the chain itself, row after row in notification-id order, and keeps seals (chain
heads at notification ids) in a file beside the store. A later audit recomputes the chain:
a seal it no longer meets means a row at or before that id was edited, deleted or
inserted. Seals are kept every ``SEAL_EVERY`` rows, so a problem is pinned to a range.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from eventsourcing.persistence import Notification

SEAL_EVERY = 10_000
GENESIS = b"\x00" * 32


class Chain:
    """The running chain head: sha256(previous head + the row's fields)."""

    def __init__(self) -> None:
        self.head = GENESIS
        self.last_id = 0
        self.rows = 0

    def add(self, notification: Notification) -> None:
        row = hashlib.sha256(self.head)
        row.update(b"%d\x1f%s\x1f%d\x1f%s\x1f" % (
            notification.id, str(notification.originator_id).encode(),
            notification.originator_version, notification.topic.encode()))
        row.update(notification.state)
        self.head = row.digest()
        self.last_id = notification.id
        self.rows += 1


@dataclass(frozen=True)
class Seal:
    notification_id: int
    head: str  # hex


class Seals:
    """The seals of earlier audits (a JSON file) checked against the chain as it grows."""

    def __init__(self, path: Path) -> None:
        self.path = path
        stored = json.loads(path.read_text()) if path.exists() else {"seals": []}
        self.earlier = [Seal(s["notification_id"], s["head"]) for s in stored["seals"]]
        self.new: list[Seal] = []
        self.problems: list[str] = []
        self.trusted_through = 0  # the newest seal already published
        self._next = 0  # index of the first earlier seal not yet checked
        self._matched: list[int] = []  # the ids of the seals the chain met

    def trust(self, seals: list[Seal]) -> None:
        """Checks the chain against ``seals`` too (those published, signed, in the stream)."""
        self.earlier = sorted(set(self.earlier) | set(seals),
                              key=lambda seal: (seal.notification_id, seal.head))
        self.trusted_through = max([self.trusted_through,
                                    *(seal.notification_id for seal in seals)])

    def before(self, notification_id: int, chain: Chain) -> None:
        """Called before the row ``notification_id`` joins the chain."""
        while self._next < len(self.earlier) and \
                self.earlier[self._next].notification_id < notification_id:
            self._check(self.earlier[self._next], chain)
            self._next += 1

    def after(self, chain: Chain) -> None:
        """Called after each row: seals every ``SEAL_EVERY`` rows beyond the last seal."""
        if chain.rows % SEAL_EVERY == 0:
            self.new.append(Seal(chain.last_id, chain.head.hex()))

    def finish(self, chain: Chain) -> None:
        self.before(chain.last_id + 1, chain)
        for seal in self.earlier[self._next:][-1:]:
            self.problems.append(
                f"chain: the store ends at notification {chain.last_id} but an earlier "
                f"audit sealed it through {seal.notification_id} (rows deleted)")
        if chain.rows and (not self.new or self.new[-1].notification_id != chain.last_id):
            self.new.append(Seal(chain.last_id, chain.head.hex()))

    def _check(self, seal: Seal, chain: Chain) -> None:
        if self.problems:
            return  # once the chain differs every later seal differs too: one problem
        if chain.last_id != seal.notification_id or chain.head.hex() != seal.head:
            # The file's and the stream's seals may share an id: the range starts below it.
            since = max((i for i in self._matched if i < seal.notification_id), default=0)
            self.problems.append(
                f"chain: seal at notification {seal.notification_id} no longer matches: a "
                f"row after notification {since} and up to "
                f"{seal.notification_id} was edited, deleted or inserted")
        else:
            self._matched.append(seal.notification_id)

    def save(self) -> None:
        """Writes the new seals (only after a clean audit: a tampered store is not blessed)."""
        body = {"seals": [{"notification_id": s.notification_id, "head": s.head}
                          for s in self.new]}
        partial = self.path.with_suffix(self.path.suffix + ".partial")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps(body, indent=1))
        os.replace(partial, self.path)
