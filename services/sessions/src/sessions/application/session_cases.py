"""Use cases of a council session: plan, prepare, convene, question, vote, close.

Each loads, calls the aggregate, saves, and returns the aggregate as the command left it.
Parts of a session (documents, questions, votes) take an optional id; a retry with the
same id records nothing new. A passing vote saves the session and its new Resolution
together, so neither exists without the other.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

from contracts.vocabulary import Agency, PolicyField
from kernel.actor import Actor
from sessions.application.base import SessionsBase
from sessions.domain.resolution import Resolution
from sessions.domain.session import Session
from sessions.domain.session_parts import AgendaItem, Counts
from sessions.domain.values import DocumentKind, SessionKind, ThematicCaller


class SessionCases(SessionsBase):
    def plan_session(
        self, actor: Actor, *, number: int, term: str, title: str, kind: SessionKind,
        planned_opening: date, place: str, total_deputies: int,
        planned_closing: date | None = None, requested_by: ThematicCaller | None = None,
        requesting_deputies: int | None = None, id: UUID | None = None,
    ) -> Session:
        if (done := self.existing(Session, id)) is not None:
            return done
        session = Session.plan(
            actor, id=id or uuid4(), number=number, term=term, title=title, kind=kind,
            planned_opening=planned_opening, planned_closing=planned_closing, place=place,
            total_deputies=total_deputies, requested_by=requested_by,
            requesting_deputies=requesting_deputies, at=self.now(), rulebook=self.rulebook,
        )
        self.save(session)
        return session

    def session(self, session_id: UUID) -> Session:
        return self.load(Session, session_id, "session")

    def request_agenda_items(self, actor: Actor, session_id: UUID, *, due_on: date,
                             note: str | None = None,
                             occurred_on: date | None = None) -> Session:
        session = self.session(session_id)
        session.request_agenda_items(actor, due_on=due_on, note=note,
                                     occurred_on=occurred_on or self.today(), at=self.now())
        self.save(session)
        return session

    def propose_agenda_item(self, actor: Actor, session_id: UUID, *, title: str,
                            kind: DocumentKind, vetting_committee: str | None = None,
                            item_id: UUID | None = None,
                            occurred_on: date | None = None) -> Session:
        session = self.session(session_id)
        item_id = item_id or uuid4()
        if any(p.item_id == item_id for p in session.proposals):
            return session
        item = AgendaItem(item_id, title, kind, actor.agency, actor.unit, vetting_committee)
        session.propose_agenda_item(actor, item=item, occurred_on=occurred_on or self.today(),
                                    at=self.now())
        self.save(session)
        return session

    def hold_joint_meeting(
        self, actor: Actor, session_id: UUID, *, held_on: date, attending: list[Agency],
        agreed_opening: date, agenda: list[AgendaItem], agreed_closing: date | None = None,
        notes: str | None = None,
    ) -> Session:
        session = self.session(session_id)
        session.hold_joint_meeting(
            actor, held_on=held_on, attending=attending, agreed_opening=agreed_opening,
            agreed_closing=agreed_closing, agenda=agenda, notes=notes, at=self.now(),
        )
        self.save(session)
        return session

    def confirm_joint_meeting(self, actor: Actor, session_id: UUID,
                              occurred_on: date | None = None) -> Session:
        session = self.session(session_id)
        session.confirm_joint_meeting(actor, occurred_on=occurred_on or self.today(),
                                      at=self.now())
        self.save(session)
        return session

    def submit_document(
        self, actor: Actor, session_id: UUID, *, kind: DocumentKind, title: str,
        field: PolicyField | None = None, agenda_item_id: UUID | None = None,
        submitted_on: date | None = None, document_id: UUID | None = None,
    ) -> Session:
        session = self.session(session_id)
        document_id = document_id or uuid4()
        if document_id in session.documents:
            return session
        session.submit_document(
            actor, document_id=document_id, kind=kind, title=title, field=field,
            agenda_item_id=agenda_item_id, submitted_on=submitted_on or self.today(),
            at=self.now(), rulebook=self.rulebook,
        )
        self.save(session)
        return session

    def report_vetting(self, actor: Actor, session_id: UUID, *, document_id: UUID,
                       committee: str, conclusion: str, reported_on: date | None = None) -> Session:
        session = self.session(session_id)
        session.report_vetting(
            actor, document_id=document_id, committee=committee, conclusion=conclusion,
            reported_on=reported_on or self.today(), at=self.now(),
        )
        self.save(session)
        return session

    def convene(self, actor: Actor, session_id: UUID, *, present: int,
                absent_deputies: list[str] | None = None, total_deputies: int | None = None,
                opened_on: date | None = None) -> Session:
        session = self.session(session_id)
        session.convene(
            actor, opened_on=opened_on or self.today(), present=present,
            absent_deputies=absent_deputies or [], total_deputies=total_deputies, at=self.now(),
        )
        self.save(session)
        return session

    def ask_question(
        self, actor: Actor, session_id: UUID, *, deputy: str, question: str, official: str,
        official_position: str, asked_on: date | None = None, question_id: UUID | None = None,
    ) -> Session:
        session = self.session(session_id)
        question_id = question_id or uuid4()
        if question_id in session.questions:
            return session
        session.ask_question(
            actor, question_id=question_id, deputy=deputy, question=question, official=official,
            official_position=official_position, asked_on=asked_on or self.today(),
            at=self.now(),
        )
        self.save(session)
        return session

    def answer_question(self, actor: Actor, session_id: UUID, question_id: UUID, *,
                        answer: str, official: str | None = None,
                        answered_on: date | None = None) -> Session:
        session = self.session(session_id)
        session.answer_question(
            actor, question_id=question_id, answer=answer, official=official,
            answered_on=answered_on or self.today(), at=self.now(),
        )
        self.save(session)
        return session

    def follow_up_question(self, actor: Actor, session_id: UUID, question_id: UUID, *,
                           text: str, occurred_on: date | None = None) -> Session:
        session = self.session(session_id)
        session.follow_up_question(actor, question_id=question_id, text=text,
                                   occurred_on=occurred_on or self.today(), at=self.now())
        self.save(session)
        return session

    def vote(
        self, actor: Actor, session_id: UUID, *, document_id: UUID, counts: Counts,
        number: str | None = None, title: str | None = None, voted_on: date | None = None,
        vote_id: UUID | None = None,
    ) -> Session:
        """A passing vote also registers its Resolution (``session.votes[vote_id]``)."""
        session = self.session(session_id)
        vote_id = vote_id or uuid4()
        if vote_id in session.votes:
            return session
        at = self.now()
        resolution_id = session.vote(
            actor, vote_id=vote_id, document_id=document_id, counts=counts, number=number,
            title=title, voted_on=voted_on or self.today(), at=at, rulebook=self.rulebook,
        )
        if resolution_id is None:
            self.save(session)
            return session
        result = session.votes[vote_id]
        assert result.number is not None
        resolution = Resolution.adopt(
            id=resolution_id, session_id=session.id, vote_id=vote_id, document_id=document_id,
            number=result.number, title=result.title, field=result.field,
            passed_on=result.voted_on, counts=result.counts,
            total_deputies=result.total_deputies, at=at,
        )
        self.save(session, resolution)
        return session

    def close_session(self, actor: Actor, session_id: UUID, *,
                      closed_on: date | None = None) -> Session:
        session = self.session(session_id)
        session.close(actor, closed_on=closed_on or self.today(), at=self.now())
        self.save(session)
        return session
