"""Use cases of social criticism (phản biện xã hội) by MTTQ and of comments on draft laws
(góp ý dự thảo luật) by the delegation and MTTQ, and their lists.

A day left out is today (decision 16); the domain checks each day with kernel.occurred.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID, uuid4

from contracts.vocabulary import Agency
from kernel.actor import Actor
from oversight.application.queries import OversightQueries
from oversight.domain.criticism import CriticismStage, SocialCriticism, Uptake
from oversight.domain.draft_law import CommentSource, DraftLawConsultation


class CriticismCases(OversightQueries):
    # -- social criticism ----------------------------------------------------------------

    def criticism(self, criticism_id: UUID) -> SocialCriticism:
        return self.load(SocialCriticism, criticism_id, "social criticism")

    def receive_draft(self, actor: Actor, *, draft_title: str, drafting_agency: Agency,
                      drafting_unit: str | None = None, received_on: date | None = None,
                      id: UUID | None = None) -> SocialCriticism:
        if (done := self.existing(SocialCriticism, id)) is not None:
            return done
        criticism = SocialCriticism.receive(
            actor, id=id or uuid4(), draft_title=draft_title, drafting_agency=drafting_agency,
            drafting_unit=drafting_unit, received_on=received_on or self.today(),
            at=self.now())
        self.save(criticism)
        return criticism

    def hold_criticism_conference(self, actor: Actor, criticism_id: UUID, *, participants: int,
                                  summary: str, held_on: date | None = None
                                  ) -> SocialCriticism:
        criticism = self.criticism(criticism_id)
        criticism.hold_conference(actor, held_on=held_on or self.today(),
                                  participants=participants, summary=summary, at=self.now())
        self.save(criticism)
        return criticism

    def send_criticism(self, actor: Actor, criticism_id: UUID, *, content: str,
                       document_number: str | None = None, sent_on: date | None = None
                       ) -> SocialCriticism:
        criticism = self.criticism(criticism_id)
        criticism.send(actor, sent_on=sent_on or self.today(), document_number=document_number,
                       content=content, at=self.now())
        self.save(criticism)
        return criticism

    def record_criticism_reply(self, actor: Actor, criticism_id: UUID, *, uptake: Uptake,
                               reply: str, replied_on: date | None = None) -> SocialCriticism:
        criticism = self.criticism(criticism_id)
        criticism.record_reply(actor, replied_on=replied_on or self.today(), uptake=uptake,
                               reply=reply, at=self.now())
        self.save(criticism)
        return criticism

    def list_criticisms(self, *, stage: CriticismStage | None = None, year: int | None = None,
                        drafting_agency: Agency | None = None, as_of: datetime | None = None
                        ) -> list[SocialCriticism]:
        found = [
            c for c in self.records(SocialCriticism, as_of)
            if (stage is None or c.stage == stage)
            and (year is None or c.received_on.year == year)
            and (drafting_agency is None or c.drafting_agency == drafting_agency)
        ]
        return sorted(found, key=lambda c: (c.received_on, c.draft_title))

    # -- comments on draft laws -----------------------------------------------------------

    def consultation(self, consultation_id: UUID) -> DraftLawConsultation:
        return self.load(DraftLawConsultation, consultation_id, "draft law consultation")

    def open_consultation(self, actor: Actor, *, law_title: str, opened_on: date | None = None,
                          id: UUID | None = None) -> DraftLawConsultation:
        if (done := self.existing(DraftLawConsultation, id)) is not None:
            return done
        consultation = DraftLawConsultation.open(
            actor, id=id or uuid4(), law_title=law_title, opened_on=opened_on or self.today(),
            at=self.now())
        self.save(consultation)
        return consultation

    def collect_comment(self, actor: Actor, consultation_id: UUID, *, source: CommentSource,
                        source_name: str, content: str, received_on: date | None = None,
                        comment_id: UUID | None = None) -> DraftLawConsultation:
        consultation = self.consultation(consultation_id)
        if comment_id is not None and comment_id in consultation.comments:
            return consultation  # a retry with the client's id
        consultation.collect(actor, comment_id=comment_id or uuid4(), source=source,
                             source_name=source_name, content=content,
                             received_on=received_on or self.today(), at=self.now())
        self.save(consultation)
        return consultation

    def send_comments(self, actor: Actor, consultation_id: UUID, *, sent_to: str, summary: str,
                      sent_on: date | None = None) -> DraftLawConsultation:
        consultation = self.consultation(consultation_id)
        consultation.send(actor, sent_on=sent_on or self.today(), sent_to=sent_to,
                          summary=summary, at=self.now())
        self.save(consultation)
        return consultation

    def list_consultations(self, *, collector: Agency | None = None, sent: bool | None = None,
                           year: int | None = None, as_of: datetime | None = None
                           ) -> list[DraftLawConsultation]:
        found = [
            c for c in self.records(DraftLawConsultation, as_of)
            if (collector is None or c.collector == collector)
            and (sent is None or c.is_sent == sent)
            and (year is None or c.opened_on.year == year)
        ]
        return sorted(found, key=lambda c: (c.opened_on, c.law_title))
