"""Open data: sessions, votes and resolutions as Popolo JSON with Open Civic Data fields.

A session is a Popolo Event (with an OCD ``agenda``), each draft resolution a Motion
classified ``resolution``, each vote a VoteEvent with its counts and result. Ids follow
OCD's ``ocd-<type>/<uuid>`` shape. The records keep days, not times of day, so date-times
Popolo requires are the day's start in Vietnam.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from contracts.vocabulary import VIETNAM
from sessions.domain.session import Session
from sessions.domain.session_parts import Document, VoteResult
from sessions.domain.values import DocumentKind, SessionStatus

EVENT_STATUS = {SessionStatus.PLANNED: "tentative", SessionStatus.CONVENED: "confirmed",
                SessionStatus.CLOSED: "passed"}
SCHEME = "phoihop"
REQUIREMENT = "more than half of all deputies vote yes (quá nửa tổng số đại biểu tán thành)"


def council_id(jurisdiction: str) -> str:
    return f"ocd-organization/{uuid5(NAMESPACE_URL, f'urn:phoihop:{jurisdiction}:hdnd')}"


def day_start(day: date) -> str:
    return datetime.combine(day, time(), VIETNAM).isoformat()


def export(sessions: list[Session], *, jurisdiction: str, generated_at: datetime
           ) -> dict[str, Any]:
    """The whole export: the council, its sessions, the drafts and every vote on them."""
    organization = council_id(jurisdiction)
    return {
        "meta": {
            "jurisdiction": jurisdiction, "generated_at": generated_at.isoformat(),
            "standard": "Popolo (https://www.popoloproject.com/) with Open Civic Data fields",
            "note": "date-times are the day's start in Vietnam; times of day are not recorded",
        },
        "organizations": [{
            "id": organization, "name": f"Hội đồng nhân dân ({jurisdiction})",
            "classification": "legislature",
            "identifiers": [{"identifier": f"urn:phoihop:{jurisdiction}:hdnd", "scheme": SCHEME}],
        }],
        "events": [event(s, organization) for s in sessions],
        "motions": [motion(s, d, organization) for s in sessions for d in drafts(s)],
        "vote_events": [vote_event(s, v, organization) for s in sessions for v in s.votes.values()],
    }


def drafts(session: Session) -> list[Document]:
    return [d for d in session.documents.values() if d.kind == DocumentKind.DRAFT_RESOLUTION]


def ocd(kind: str, record_id: UUID) -> str:
    return f"ocd-{kind}/{record_id}"


def event(session: Session, organization: str) -> dict[str, Any]:
    closing = session.closing_on
    return {
        "id": ocd("event", session.id), "name": session.title,
        "description": f"Kỳ họp thứ {session.number}, khóa {session.term}",
        "classification": f"{session.kind.value}-session",
        "start_date": session.opening_on.isoformat(),
        "end_date": closing.isoformat() if closing else None,
        "location": session.place, "status": EVENT_STATUS[session.status],
        "organization_id": organization,
        "identifiers": [{"identifier": str(session.id), "scheme": SCHEME}],
        "agenda": agenda(session),
    }


def agenda(session: Session) -> list[dict[str, Any]]:
    """OCD agenda items: the agreed agenda, each with the documents submitted for it."""
    items = []
    for order, item in enumerate(session.agenda, start=1):
        linked = [d for d in session.documents.values() if d.agenda_item_id == item.item_id]
        items.append({
            "order": str(order), "description": item.title, "subjects": [item.kind.value],
            "related_entities": [
                {"entity_type": "bill", "entity_id": ocd("bill", d.document_id),
                 "note": d.title}
                for d in linked if d.kind == DocumentKind.DRAFT_RESOLUTION
            ],
        })
    return items


def motion(session: Session, draft: Document, organization: str) -> dict[str, Any]:
    votes = [v for v in session.votes.values() if v.document_id == draft.document_id]
    passed = next((v for v in votes if v.passed), None)
    result = "passed" if passed else ("failed" if votes else None)
    return {
        "id": ocd("bill", draft.document_id), "organization_id": organization,
        "legislative_session_id": ocd("event", session.id),
        "text": passed.title if passed else draft.title,
        "identifier": passed.number if passed else None, "classification": "resolution",
        "date": day_start(draft.submitted_on), "requirement": REQUIREMENT, "result": result,
        "subject": [draft.field.value] if draft.field else [],
        "vote_events": [{"id": ocd("vote", v.vote_id)} for v in votes],
    }


def vote_event(session: Session, vote: VoteResult, organization: str) -> dict[str, Any]:
    counts = vote.counts.as_record()
    return {
        "id": ocd("vote", vote.vote_id), "organization_id": organization,
        "legislative_session_id": ocd("event", session.id),
        "motion_id": ocd("bill", vote.document_id), "identifier": vote.number,
        "classification": "passage", "start_date": day_start(vote.voted_on),
        "result": "pass" if vote.passed else "fail",
        "counts": [{"option": option, "value": value} for option, value in counts.items()],
        "total_deputies": vote.total_deputies,
        "requirement": f"{REQUIREMENT}: {vote.rule_id} ({vote.legal_source})",
        "resolution_id": str(vote.resolution_id) if vote.resolution_id else None,
    }
