"""The Merkle tree of sealed ranges: every leaf of trees of every small size proves its
inclusion, and nothing else does."""

from __future__ import annotations

import hashlib

import pytest

from chassis.audit.merkle import inclusion_path, leaf_hash, root, root_from_path


def leaves(count: int) -> list[bytes]:
    return [leaf_hash(f"row {i}".encode()) for i in range(count)]


@pytest.mark.parametrize("size", range(1, 34))
def test_each_leaf_proves_itself_and_no_other(size: int) -> None:
    tree = leaves(size)
    top = root(tree)
    for index in range(size):
        path = inclusion_path(tree, index)
        assert len(path) <= (size - 1).bit_length()
        assert root_from_path(tree[index], index, size, path) == top
        other = leaf_hash(b"not in the tree")
        assert root_from_path(other, index, size, path) != top
        if size > 1:
            assert root_from_path(tree[index], (index + 1) % size, size, path) != top


def test_the_rfc_shape_two_and_three_leaves() -> None:
    a, b, c = leaves(3)
    node = lambda left, right: hashlib.sha256(b"\x01" + left + right).digest()  # noqa: E731
    assert root([a, b]) == node(a, b)
    assert root([a, b, c]) == node(node(a, b), c)
    assert root([]) == hashlib.sha256(b"").digest()


def test_a_path_of_the_wrong_length_or_index_proves_nothing() -> None:
    tree = leaves(10)
    path = inclusion_path(tree, 3)
    assert root_from_path(tree[3], 3, 10, path[:-1]) is None
    assert root_from_path(tree[3], 3, 10, [*path, path[0]]) is None
    assert root_from_path(tree[3], 10, 10, path) is None
    with pytest.raises(IndexError):
        inclusion_path(tree, 10)
