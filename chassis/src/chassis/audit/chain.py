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

from chassis.audit.merkle import leaf_hash, root

SEAL_EVERY = 10_000
GENESIS = b"\x00" * 32


def row_bytes(notification: Notification) -> bytes:
    """What the chain and the tree hash of one stored row: its fields, then its state."""
    return b"%d\x1f%s\x1f%d\x1f%s\x1f" % (
        notification.id, str(notification.originator_id).encode(),
        notification.originator_version, notification.topic.encode()) + notification.state


class Chain:
    """The running chain head: sha256(previous head + the row's fields); and the leaves of
    the range since the last seal, for that range's Merkle root."""

    def __init__(self) -> None:
        self.head = GENESIS
        self.last_id = 0
        self.rows = 0
        self.leaves: list[bytes] = []
        self._range_start = 0  # the notification id the current range follows

    def add(self, notification: Notification) -> None:
        data = row_bytes(notification)
        self.head = hashlib.sha256(self.head + data).digest()
        self.leaves.append(leaf_hash(data))
        self.last_id = notification.id
        self.rows += 1

    def seal(self) -> Seal:
        """A seal at the current row, with the root of the rows since the previous one."""
        made = Seal(self.last_id, self.head.hex(), self._range_start, root(self.leaves).hex())
        self.leaves, self._range_start = [], self.last_id
        return made


@dataclass(frozen=True)
class Seal:
    notification_id: int
    head: str  # hex
    since: int | None = None  # the range is the rows after ``since``, up to the seal's id
    root: str | None = None  # hex: their Merkle tree (seals of older audits have none)

    def as_json(self) -> dict[str, int | str]:
        document: dict[str, int | str] = {"notification_id": self.notification_id,
                                          "head": self.head}
        if self.since is not None and self.root is not None:
            document |= {"since": self.since, "root": self.root}
        return document

    @classmethod
    def from_json(cls, document: dict[str, object]) -> Seal:
        since, tree = document.get("since"), document.get("root")
        return cls(int(str(document["notification_id"])), str(document["head"]),
                   int(str(since)) if since is not None else None,
                   str(tree) if tree is not None else None)


class Seals:
    """The seals of earlier audits (a JSON file) checked against the chain as it grows."""

    def __init__(self, path: Path) -> None:
        self.path = path
        stored = json.loads(path.read_text()) if path.exists() else {"seals": []}
        self.earlier = [Seal.from_json(seal) for seal in stored["seals"]]
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
            self.new.append(chain.seal())

    def finish(self, chain: Chain) -> None:
        self.before(chain.last_id + 1, chain)
        for seal in self.earlier[self._next:][-1:]:
            self.problems.append(
                f"chain: the store ends at notification {chain.last_id} but an earlier "
                f"audit sealed it through {seal.notification_id} (rows deleted)")
        if chain.rows and (not self.new or self.new[-1].notification_id != chain.last_id):
            self.new.append(chain.seal())

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
        body = {"seals": [seal.as_json() for seal in self.new]}
        partial = self.path.with_suffix(self.path.suffix + ".partial")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps(body, indent=1))
        os.replace(partial, self.path)
