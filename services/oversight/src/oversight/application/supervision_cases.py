"""Use cases of supervisions and their recommendations: conduct, report (issuing the
recommendations, saved with the report in one transaction), answer, accept, reopen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID, uuid4

from contracts.vocabulary import Agency
from kernel.actor import Actor, actor_ref
from kernel.rulebook import RuleNotFoundError
from oversight.application.base import OversightBase
from oversight.domain.errors import NoRuleError
from oversight.domain.monitoring import watch_id
from oversight.domain.programme import Programme
from oversight.domain.recommendation import Due, Outcome, Recommendation
from oversight.domain.sessions import PlannedSession
from oversight.domain.supervision import Supervision

RESPONSE_RULE = "oversight.recommendation.response"


@dataclass(frozen=True)
class RecommendationDraft:
    """A recommendation as the report gives it; ``due_on`` left out: the rulebook's."""

    addressee_agency: Agency
    action: str
    addressee_unit: str | None = None
    due_on: date | None = None
    id: UUID | None = None


class SupervisionCases(OversightBase):
    def conduct_supervision(self, actor: Actor, *, programme_id: UUID, item_id: UUID,
                            members: list[str], started_on: date, ended_on: date,
                            units_visited: list[str], id: UUID | None = None) -> Supervision:
        if (done := self.existing(Supervision, id)) is not None:
            return done
        programme = self.load(Programme, programme_id, "programme")
        supervision = Supervision.conduct(
            actor, id=id or uuid4(), programme=programme, item_id=item_id, members=members,
            started_on=started_on, ended_on=ended_on, units_visited=units_visited,
            at=self.now())
        self.save(supervision)
        return supervision

    def report_supervision(self, actor: Actor, supervision_id: UUID, *, findings: str,
                           causes: str, responsibility: str,
                           recommendations: list[RecommendationDraft],
                           reported_on: date | None = None) -> Supervision:
        supervision = self.load(Supervision, supervision_id, "supervision")
        if supervision.report is not None and recommendations and all(
                r.id in supervision.report.recommendation_ids for r in recommendations):
            return supervision  # a retry with the client's ids
        reported_on = reported_on or self.today()
        at = self.now()
        issued = [
            Recommendation.issue(
                id=draft.id or uuid4(), supervision_id=supervision.id, body=supervision.body,
                body_name=supervision.body_name, topic=supervision.topic,
                addressee_agency=draft.addressee_agency, addressee_unit=draft.addressee_unit,
                action=draft.action, issued_on=reported_on,
                due=self._due(draft, reported_on), by=actor_ref(actor), at=at)
            for draft in recommendations
        ]
        supervision.record_report(
            actor, reported_on=reported_on, findings=findings, causes=causes,
            responsibility=responsibility, recommendation_ids=[r.id for r in issued], at=at)
        self.save(supervision, *issued)
        return supervision

    def _due(self, draft: RecommendationDraft, reported_on: date) -> Due:
        if draft.due_on is not None:
            return Due(draft.due_on, None, None)  # set by the report
        try:
            deadline = self.rulebook.deadline(RESPONSE_RULE, reported_on)
        except RuleNotFoundError as missing:
            raise NoRuleError(str(missing)) from None
        return Due(deadline.due_date, deadline.rule_id, deadline.legal_source)

    def recommendation(self, recommendation_id: UUID) -> Recommendation:
        return self.load(Recommendation, recommendation_id, "recommendation")

    def answer_recommendation(self, actor: Actor, recommendation_id: UUID, *,
                              outcome: Outcome, done: str, responded_on: date | None = None
                              ) -> Recommendation:
        recommendation = self.recommendation(recommendation_id)
        recommendation.answer(actor, outcome=outcome, done=done,
                              responded_on=responded_on or self.today(), at=self.now())
        self.save(recommendation)
        return recommendation

    def accept_recommendation(self, actor: Actor, recommendation_id: UUID, *,
                              note: str | None = None, accepted_on: date | None = None
                              ) -> Recommendation:
        recommendation = self.recommendation(recommendation_id)
        recommendation.accept(actor, accepted_on=accepted_on or self.today(), note=note,
                              at=self.now())
        self.save(recommendation)
        return recommendation

    def reopen_recommendation(self, actor: Actor, recommendation_id: UUID, *, reason: str,
                              due_on: date, reopened_on: date | None = None
                              ) -> Recommendation:
        recommendation = self.recommendation(recommendation_id)
        recommendation.reopen(actor, reopened_on=reopened_on or self.today(), reason=reason,
                              due_on=due_on, at=self.now())
        self.save(recommendation)
        return recommendation

    # -- re-review at the council's regular sessions ---------------------------------------

    def planned_session(self, session_id: UUID) -> PlannedSession:
        """A session from the sessions stream, by the sessions service's id."""
        return self.load(PlannedSession, watch_id("session", session_id), "session")

    def planned_sessions(self, *, regular: bool | None = None, year: int | None = None
                         ) -> list[PlannedSession]:
        found = [s for s in self.catalogue.all(PlannedSession)
                 if (regular is None or s.regular == regular)
                 and (year is None or s.planned_opening.year == year)]
        return sorted(found, key=lambda s: (s.planned_opening, s.number))

    def agenda_proposal(self, session_id: UUID) -> tuple[PlannedSession, list[Recommendation]]:
        """The recommendations still followed, proposed for re-review at ``session_id``
        (a regular session; a thematic one re-reviews none), oldest due first."""
        session = self.planned_session(session_id)
        found = [r for r in self.catalogue.all(Recommendation) if r.on_agenda_of(session)]
        return session, sorted(found, key=lambda r: (r.due_on, r.action))

    def review_at_session(self, actor: Actor, recommendation_id: UUID, *, session_id: UUID,
                          conclusion: str, reviewed_on: date | None = None) -> Recommendation:
        session = self.planned_session(session_id)
        recommendation = self.recommendation(recommendation_id)
        recommendation.review_at_session(actor, session, reviewed_on=reviewed_on or self.today(),
                                         conclusion=conclusion, at=self.now())
        self.save(recommendation)
        return recommendation
