"""Open data: the council's sessions, draft resolutions and votes as Open Civic Data
scrape records, in the shape ``pupa`` (OCD's scraper framework) writes and imports:
a jurisdiction with its legislative sessions (the council's terms), the council as an
organization, each session an event whose ``location`` is an object, each draft a bill
whose ``classification`` is a list (``resolution``), each vote a vote event whose
``motion_classification`` comes from OCD's list (``bill-passage``) and whose counts use
OCD's options. The tests validate every record with pupa's own validator.

The Popolo export (``popolo.py``) stays as it is for Popolo's readers: the two standards
disagree on these very fields (Popolo's motion classification is one string).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import NAMESPACE_URL, uuid5

from sessions.domain.session import Session
from sessions.domain.session_parts import Document, VoteResult
from sessions.domain.values import DocumentKind, SessionStatus

EVENT_STATUS = {SessionStatus.PLANNED: "tentative", SessionStatus.CONVENED: "confirmed",
                SessionStatus.CLOSED: "passed"}


def division_id(jurisdiction: str) -> str:
    """The jurisdiction's OCD division id: Viet Nam's country code, then the province."""
    return f"ocd-division/country:vn/province:{jurisdiction}"


def export(sessions: list[Session], *, jurisdiction: str, source_url: str,
           generated_at: datetime) -> dict[str, Any]:
    """Every record, each as pupa would write it (``_type`` names its schema)."""
    council = f"ocd-organization/{uuid5(NAMESPACE_URL, f'urn:phoihop:{jurisdiction}:hdnd')}"
    division = division_id(jurisdiction)
    sources = [{"url": source_url, "note": "phoihop, kỳ họp HĐND"}]
    return {
        "generated_at": generated_at.isoformat(),
        "jurisdiction": {
            "_type": "jurisdiction", "_id": f"ocd-jurisdiction/{division.split('/', 1)[1]}"
            "/legislature", "name": f"Hội đồng nhân dân ({jurisdiction})",
            "url": source_url, "classification": "legislature", "division_id": division,
            "legislative_sessions": terms(sessions),
        },
        "organizations": [{
            "_type": "organization", "_id": council, "name": f"Hội đồng nhân dân ({jurisdiction})",
            "classification": "legislature", "sources": sources,
        }],
        "events": [event(s, council, sources) for s in sessions],
        "bills": [bill(s, d, council, sources) for s in sessions for d in drafts(s)],
        "vote_events": [vote_event(s, v, council, sources)
                        for s in sessions for v in s.votes.values()],
    }


def terms(sessions: list[Session]) -> list[dict[str, Any]]:
    """Each term (khóa) the sessions belong to, as an OCD legislative session."""
    by_term: dict[str, list[date]] = {}
    for s in sessions:
        by_term.setdefault(s.term, []).append(s.opening_on)
    return [{"identifier": term, "name": f"Khóa {term}", "classification": "primary",
             "start_date": min(days).isoformat()} for term, days in sorted(by_term.items())]


def drafts(session: Session) -> list[Document]:
    return [d for d in session.documents.values() if d.kind == DocumentKind.DRAFT_RESOLUTION]


def event(session: Session, council: str, sources: list[dict[str, str]]) -> dict[str, Any]:
    closing = session.closing_on
    return {
        "_type": "event", "_id": f"ocd-event/{session.id}", "name": session.title,
        "all_day": True, "start_date": session.opening_on.isoformat(),
        "end_date": closing.isoformat() if closing else "",
        "status": EVENT_STATUS[session.status],
        "classification": f"{session.kind.value}-session",
        "description": f"Kỳ họp thứ {session.number}, khóa {session.term}",
        "location": {"name": session.place, "note": "", "coordinates": None},
        "participants": [{"name": "Hội đồng nhân dân", "type": "organization",
                          "note": "host", "id": council}],
        "agenda": [
            {"order": str(order), "description": item.title, "classification": [],
             "subjects": [item.kind.value], "notes": [],
             "related_entities": [
                 {"entity_type": "bill", "name": d.title, "note": "draft resolution",
                  "id": f"ocd-bill/{d.document_id}"}
                 for d in session.documents.values()
                 if d.agenda_item_id == item.item_id
                 and d.kind == DocumentKind.DRAFT_RESOLUTION]}
            for order, item in enumerate(session.agenda, start=1)],
        "sources": sources,
    }


def bill(session: Session, draft: Document, council: str, sources: list[dict[str, str]]
         ) -> dict[str, Any]:
    passed = next((v for v in session.votes.values()
                   if v.document_id == draft.document_id and v.passed), None)
    return {
        "_type": "bill", "_id": f"ocd-bill/{draft.document_id}",
        "legislative_session": session.term,
        "identifier": passed.number if passed and passed.number else f"dự thảo {draft.title}",
        "title": passed.title if passed else draft.title, "from_organization": council,
        "classification": ["resolution"],
        "subject": [draft.field.value] if draft.field else [],
        "actions": [{"description": "Trình kỳ họp", "date": draft.submitted_on.isoformat(),
                     "organization_id": council, "classification": ["introduction"]}],
        "sources": sources,
    }


def vote_event(session: Session, vote: VoteResult, council: str,
               sources: list[dict[str, str]]) -> dict[str, Any]:
    counts = vote.counts
    return {
        "_type": "vote_event", "_id": f"ocd-vote/{vote.vote_id}",
        "identifier": vote.number or "", "motion_text": vote.title,
        "motion_classification": ["bill-passage"], "start_date": vote.voted_on.isoformat(),
        "result": "pass" if vote.passed else "fail", "organization": council,
        "legislative_session": session.term, "bill": f"ocd-bill/{vote.document_id}",
        "counts": [{"option": option, "value": value} for option, value in (
            ("yes", counts.yes), ("no", counts.no), ("abstain", counts.abstain),
            ("absent", counts.absent))],
        "votes": [], "sources": sources,
    }
