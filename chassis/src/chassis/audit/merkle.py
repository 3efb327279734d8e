"""A Merkle tree over a sealed range of rows (RFC 9162, section 2.1), for inclusion proofs.

A hash chain proves a range whole, but to show that one record is in it, the whole range
must be handed over and replayed. The tree's root, signed in the seal, lets anyone check
one record with about log2(10,000) = 14 hashes and the auditor's public key, without the
store. Leaves and nodes are domain-separated (0x00, 0x01) as the RFC requires.
"""

from __future__ import annotations

import hashlib


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def _node(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(size: int) -> int:
    """The largest power of two smaller than ``size`` (``size`` > 1)."""
    return 1 << ((size - 1).bit_length() - 1)


def root(leaves: list[bytes]) -> bytes:
    """The tree hash of ``leaves`` (leaf hashes, in order)."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = _split(len(leaves))
    return _node(root(leaves[:k]), root(leaves[k:]))


def inclusion_path(leaves: list[bytes], index: int) -> list[bytes]:
    """The sibling hashes from leaf ``index`` up to the root."""
    if not 0 <= index < len(leaves):
        raise IndexError(f"leaf {index} is not in a tree of {len(leaves)}")
    if len(leaves) == 1:
        return []
    k = _split(len(leaves))
    if index < k:
        return [*inclusion_path(leaves[:k], index), root(leaves[k:])]
    return [*inclusion_path(leaves[k:], index - k), root(leaves[:k])]


def root_from_path(leaf: bytes, index: int, size: int, path: list[bytes]) -> bytes | None:
    """The root that ``path`` leads to from ``leaf`` at ``index`` of ``size`` leaves, or None
    when the path cannot belong to such a tree (RFC 9162, 2.1.3.2)."""
    if not 0 <= index < size:
        return None
    position, last, hashed = index, size - 1, leaf
    for sibling in path:
        if last == 0:
            return None
        if position & 1 or position == last:
            hashed = _node(sibling, hashed)
            while not position & 1 and position != 0:
                position, last = position >> 1, last >> 1
        else:
            hashed = _node(hashed, sibling)
        position, last = position >> 1, last >> 1
    return hashed if last == 0 else None
