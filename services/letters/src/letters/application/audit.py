"""The letters read model (one row per letter), re-derived from the audit's rebuilt
aggregates and compared with what the service holds (``phoihop audit --service letters``)."""

from __future__ import annotations

from collections.abc import Mapping
from uuid import UUID

from chassis.application import ServiceApplication
from letters.application.letters import Letters
from letters.domain.letter import Letter


def check_read_model(app: ServiceApplication, aggregates: Mapping[UUID, object]) -> list[str]:
    """One problem per letter the rows miss or hold in excess, or hold at another version
    or with another summary."""
    assert isinstance(app, Letters)
    derived = {lid: letter for lid, letter in aggregates.items() if isinstance(letter, Letter)}
    held = app.catalogue.rows()
    problems = [f"read model: letter {lid} is missing" for lid in derived.keys() - held]
    problems += [f"read model: letter {lid} is not in the store" for lid in held.keys() - derived]
    for lid in derived.keys() & held:
        version, summary = held[lid]
        if version != derived[lid].version:
            problems.append(f"read model: letter {lid} is at version {version}, "
                            f"the store at {derived[lid].version}")
        if summary != derived[lid].summary:
            problems.append(f"read model: letter {lid} holds another summary")
    return problems
