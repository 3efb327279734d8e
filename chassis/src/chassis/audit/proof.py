"""An inclusion proof for one stored record, which anyone can check without the store.

``phoihop audit-proof`` finds the signed seal (in the service's stream) whose range holds the
record, recomputes that range's Merkle tree from the store, and writes a JSON document:
the record's row as stored, its place in the range, the sibling hashes up to the root, and
the seal message exactly as published. ``phoihop check-proof`` needs only that document
and the auditor's public key: the signature makes the root the auditor's, and the path
makes the row part of what the root was computed over.
"""

from __future__ import annotations

import base64
import json
from typing import Any
from uuid import UUID

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from eventsourcing.persistence import Notification

from chassis.application import ServiceApplication
from chassis.audit.chain import Seal, row_bytes
from chassis.audit.merkle import inclusion_path, leaf_hash, root, root_from_path
from chassis.audit.signed_seals import verified_seal
from chassis.notification_log import BATCH, pages_after


class ProofError(Exception):
    """No proof can be made (no seal covers the record, or the store left the seal)."""


def make_proof(
    app: ServiceApplication, jurisdiction: str, service: str, notification_id: int,
    published: list[tuple[int, bytes]], key: Ed25519PublicKey,
) -> dict[str, Any]:
    body, seal = _covering_seal(jurisdiction, service, notification_id, published, key)
    assert seal.since is not None and seal.root is not None
    rows = _rows(app, seal.since, seal.notification_id)
    leaves = [leaf_hash(row_bytes(row)) for row in rows]
    if root(leaves).hex() != seal.root:
        raise ProofError(f"the store's rows after {seal.since} up to {seal.notification_id} "
                         "no longer make the sealed root: run `phoihop audit`")
    index = next((i for i, row in enumerate(rows) if row.id == notification_id), None)
    if index is None:
        raise ProofError(f"notification {notification_id} is not in the store")
    row = rows[index]
    return {
        "jurisdiction": jurisdiction, "service": service, "notification_id": notification_id,
        "row": {"originator_id": str(row.originator_id),
                "originator_version": row.originator_version, "topic": row.topic,
                "state": base64.b64encode(row.state).decode()},
        "index": index, "size": len(leaves),
        "path": [sibling.hex() for sibling in inclusion_path(leaves, index)],
        "seal": json.loads(body),
    }


def check_proof(proof: dict[str, Any], key: Ed25519PublicKey) -> list[str]:
    """What is wrong with ``proof`` (nothing: the record is in the sealed range)."""
    found = verified_seal(json.dumps(proof["seal"]).encode(), key)
    if found is None:
        return ["the seal is not signed by this key"]
    jurisdiction, service, seal = found
    problems = []
    if (jurisdiction, service) != (proof["jurisdiction"], proof["service"]):
        problems.append("the seal belongs to another service or jurisdiction")
    notification_id = int(proof["notification_id"])
    if seal.since is None or seal.root is None or \
            not seal.since < notification_id <= seal.notification_id:
        return [*problems, "the seal's range does not hold this notification"]
    row = proof["row"]
    data = row_bytes(Notification(
        UUID(row["originator_id"]), int(row["originator_version"]), str(row["topic"]),
        base64.b64decode(row["state"], validate=True), notification_id))
    reached = root_from_path(leaf_hash(data), int(proof["index"]), int(proof["size"]),
                             [bytes.fromhex(sibling) for sibling in proof["path"]])
    if reached is None or reached.hex() != seal.root:
        problems.append("the row and its path do not lead to the sealed root")
    return problems


def _covering_seal(
    jurisdiction: str, service: str, notification_id: int,
    published: list[tuple[int, bytes]], key: Ed25519PublicKey,
) -> tuple[bytes, Seal]:
    for _, body in published:
        found = verified_seal(body, key)
        if found is None or found[:2] != (jurisdiction, service):
            continue
        seal = found[2]
        if seal.since is not None and seal.root is not None and \
                seal.since < notification_id <= seal.notification_id:
            return body, seal
    raise ProofError(f"no seal signed by this key covers notification {notification_id} "
                     "yet: run `phoihop audit --signing-key …` first")


def _rows(app: ServiceApplication, since: int, through: int) -> list[Notification]:
    rows: list[Notification] = []
    for page in pages_after(app.recorder, since, BATCH):
        rows += [row for row in page if row.id <= through]
        if page[-1].id >= through:
            break
    return rows
