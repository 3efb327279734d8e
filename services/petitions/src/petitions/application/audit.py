"""The petitions and meetings read models, re-derived from the audit's rebuilt aggregates
and compared with what the service holds (``phoihop audit --service petitions``)."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from uuid import UUID

from chassis.application import ServiceApplication
from petitions.application.petitions import Petitions
from petitions.application.summaries import (
    MeetingQuery,
    MeetingSummary,
    PetitionQuery,
    PetitionSummary,
)
from petitions.domain.meeting import VoterContactMeeting
from petitions.domain.petition import Petition
from petitions.domain.values import PetitionStatus


def check_read_model(app: ServiceApplication, aggregates: Mapping[UUID, object]) -> list[str]:
    """One problem per petition or meeting whose list row differs from its rebuilt
    aggregate's."""
    assert isinstance(app, Petitions)
    derived = {pid: PetitionSummary.of(p) for pid, p in aggregates.items()
               if isinstance(p, Petition)}
    held: dict[UUID, PetitionSummary] = {}
    for status in PetitionStatus:  # a query without a status hides some: ask for each
        page = app.read_model.query(PetitionQuery(status=status, limit=sys.maxsize), app.today())
        held.update((row.id, row) for row in page.items)
    problems = [f"read model: petition {pid} is missing" for pid in derived.keys() - held]
    problems += [f"read model: petition {pid} is not in the store" for pid in held.keys() - derived]
    problems += [f"read model: petition {pid} differs from its events"
                 for pid in derived.keys() & held if derived[pid] != held[pid]]
    return problems + _meeting_problems(app, aggregates)


def _meeting_problems(app: Petitions, aggregates: Mapping[UUID, object]) -> list[str]:
    derived = {mid: MeetingSummary.of(m) for mid, m in aggregates.items()
               if isinstance(m, VoterContactMeeting)}
    page = app.list_meetings(MeetingQuery(limit=sys.maxsize))
    held = {row.id: row for row in page.items}
    problems = [f"read model: meeting {mid} is missing" for mid in derived.keys() - held]
    problems += [f"read model: meeting {mid} is not in the store" for mid in held.keys() - derived]
    problems += [f"read model: meeting {mid} differs from its events"
                 for mid in derived.keys() & held if derived[mid] != held[mid]]
    return problems
