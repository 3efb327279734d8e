"""The petitions application: its use cases (commands) and queries.

Each command loads the aggregates it needs, calls the domain, saves them together (one
transaction) and returns what the caller shows. Dates come from an injectable clock, due
dates from the rulebook, lists from the read model.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

from eventsourcing.domain import DomainEventProtocol

from chassis.application import ServiceApplication
from chassis.web.idempotency import IdempotentCommands
from contracts.vocabulary import Agency, JurisdictionLevel, PolicyField, ResolutionStatus
from kernel.actor import Actor
from kernel.clock import Clock, SystemClock, today_in_vietnam
from kernel.rulebook import Deadline, Rule, Rulebook, RuleNotFoundError, default_rulebook
from kernel.similarity import DEFAULT_THRESHOLD
from petitions.application.meeting_readmodel import MeetingReadModel
from petitions.application.readmodel import PetitionReadModel
from petitions.application.summaries import (
    AgencyTimeliness,
    MeetingQuery,
    MeetingSummary,
    Page,
    PetitionQuery,
    PetitionSummary,
)
from petitions.domain import consolidation
from petitions.domain.errors import MeetingNotFoundError, NoDeadlineRuleError, PetitionNotFoundError
from petitions.domain.meeting import VoterContactMeeting
from petitions.domain.petition import Petition

# One fast answer must not make an agency look best: below this many answers its on-time
# share is not given (the counts are).
MINIMUM_FOR_SHARE = "petition.answer.minimum_for_share"


class Petitions(IdempotentCommands, ServiceApplication):
    """Voters' petitions and voter-contact meetings of one jurisdiction."""

    record_not_found = PetitionNotFoundError

    def __init__(
        self, env: dict[str, str] | None = None, *, clock: Clock | None = None,
        rulebook: Rulebook | None = None, similarity_threshold: float = DEFAULT_THRESHOLD,
    ) -> None:
        super().__init__(env)
        self.clock: Clock = clock or SystemClock()
        self.rulebook = rulebook or default_rulebook()
        self.read_model = PetitionReadModel(self, similarity_threshold)
        self.meetings_read_model = MeetingReadModel(self)

    # -- voter-contact meetings ---------------------------------------------------------------

    def plan_meeting(
        self, actor: Actor, *, title: str, scheduled_on: date, place: str, commune: str,
        deputies: list[str],
    ) -> VoterContactMeeting:
        meeting = VoterContactMeeting.plan(actor, title=title, scheduled_on=scheduled_on,
                                           place=place, commune=commune, deputies=deputies)
        self.save(meeting)
        return meeting

    def mark_meeting_held(
        self, actor: Actor, meeting_id: UUID, *, held_on: date, attendance: int,
        deputies_present: list[str] | None = None,
    ) -> VoterContactMeeting:
        meeting = self.meeting(meeting_id)
        meeting.mark_held(actor, held_on=held_on, attendance=attendance, today=self.today(),
                          deputies_present=deputies_present)
        self.save(meeting)
        return meeting

    # -- petitions ------------------------------------------------------------------------------

    def record_petition(
        self, actor: Actor, *, text: str, channel: str, commune: str | None = None,
        meeting_id: UUID | None = None, deputy: str | None = None,
        occurred_on: date | None = None,
    ) -> Petition:
        meeting = self.meeting(meeting_id) if meeting_id is not None else None
        petition = Petition.record(actor, text=text, commune=commune, channel=channel,
                                   meeting=meeting, deputy=deputy, occurred_on=occurred_on,
                                   today=self.today())
        self.save(petition)
        return petition

    def consolidate(self, actor: Actor, petition_ids: list[UUID], text: str,
                    occurred_on: date | None = None) -> Petition:
        merged = [self.petition(petition_id) for petition_id in petition_ids]
        consolidated = consolidation.consolidate(actor, text, merged, today=self.today(),
                                                 occurred_on=occurred_on)
        self.save(consolidated, *merged)
        return consolidated

    def split(self, actor: Actor, petition_id: UUID, reason: str,
              occurred_on: date | None = None) -> Petition:
        consolidated = self.petition(petition_id)
        merged = [self.petition(merged_id) for merged_id in consolidated.merged_petition_ids]
        consolidation.split(actor, consolidated, merged, reason, today=self.today(),
                            occurred_on=occurred_on)
        self.save(consolidated, *merged)
        return consolidated

    def classify(
        self, actor: Actor, petition_id: UUID, *, field: PolicyField, level: JurisdictionLevel,
        agency: Agency, unit: str | None = None, committee: str | None = None,
        occurred_on: date | None = None,
    ) -> Petition:
        petition = self.petition(petition_id)
        petition.classify(actor, field=field, level=level, agency=agency, unit=unit,
                          committee=committee, occurred_on=occurred_on, today=self.today())
        self.save(petition)
        return petition

    def forward(self, actor: Actor, petition_id: UUID,
                forwarded_on: date | None = None) -> Petition:
        petition = self.petition(petition_id)
        petition.forward(actor, forwarded_on=forwarded_on or self.today(), today=self.today(),
                         deadlines=self.deadline)
        self.save(petition)
        return petition

    def reforward(
        self, actor: Actor, petition_id: UUID, *, to_agency: Agency | None, to_unit: str | None,
        level: JurisdictionLevel | None, reason: str, forwarded_on: date | None = None,
    ) -> Petition:
        petition = self.petition(petition_id)
        petition.reforward(actor, to_agency=to_agency, to_unit=to_unit, level=level,
                           reason=reason, forwarded_on=forwarded_on or self.today(),
                           today=self.today(), deadlines=self.deadline)
        self.save(petition)
        return petition

    def answer(self, actor: Actor, petition_id: UUID, text: str,
               answered_on: date | None = None) -> Petition:
        petition = self.petition(petition_id)
        petition.give_answer(actor, text=text, answered_on=answered_on or self.today(),
                             today=self.today())
        self.save(petition)
        return petition

    def publish_answer(self, actor: Actor, petition_id: UUID,
                       published_on: date | None = None) -> Petition:
        petition = self.petition(petition_id)
        petition.publish_answer(actor, published_on=published_on or self.today(),
                                today=self.today())
        self.save(petition)
        return petition

    def update_resolution(
        self, actor: Actor, petition_id: UUID, *, status: ResolutionStatus,
        roadmap_date: date | None = None, note: str | None = None,
        updated_on: date | None = None,
    ) -> Petition:
        petition = self.petition(petition_id)
        petition.update_resolution(actor, status=status, roadmap_date=roadmap_date, note=note,
                                   updated_on=updated_on or self.today(), today=self.today())
        self.save(petition)
        return petition

    def today(self) -> date:
        """Today in Vietnam on the injected clock: the day a command's act happened on when
        it names no other (``occurred_on`` and its kin, kernel.occurred)."""
        return today_in_vietnam(self.clock)

    def deadline(self, rule_id: str, start: date) -> Deadline:
        """The rulebook's due date for ``rule_id`` started on ``start`` (a DeadlinePolicy)."""
        try:
            return self.rulebook.deadline(rule_id, start)
        except RuleNotFoundError as error:
            raise NoDeadlineRuleError(str(error)) from error

    # -- queries ----------------------------------------------------------------------------

    def petition(self, petition_id: UUID, as_of: datetime | None = None) -> Petition:
        """One petition, now or as it stood at ``as_of`` (naive: UTC); 404 when unknown."""
        if as_of is not None and as_of.tzinfo is None:
            as_of = as_of.replace(tzinfo=UTC)
        return self.load(Petition, petition_id, "petition", as_of)

    def meeting(self, meeting_id: UUID) -> VoterContactMeeting:
        return self.load(VoterContactMeeting, meeting_id, "voter-contact meeting",
                         missing=MeetingNotFoundError)

    def list_meetings(self, query: MeetingQuery) -> Page[MeetingSummary]:
        return self.meetings_read_model.query(query)

    def current_id(self, petition_id: UUID) -> UUID:
        """The petition that now carries ``petition_id``: itself, or what it was merged into."""
        petition = self.petition(petition_id)
        while petition.merged_into is not None:
            petition = self.petition(petition.merged_into)
        return petition.id

    def petition_history(self, petition_id: UUID) -> list[DomainEventProtocol[UUID]]:
        return self.history_of(Petition, petition_id, "petition")

    def list_petitions(self, query: PetitionQuery) -> Page[PetitionSummary]:
        return self.read_model.query(query, self.today())

    def timeliness(self) -> list[AgencyTimeliness]:
        """Each agency's and unit's petitions answered on time and late, and overdue now."""
        return self.read_model.timeliness(self.today())

    def minimum_for_share(self) -> Rule:
        """The fewest answers an on-time share is shown for (the rule in force today)."""
        return self.rulebook.rule(MINIMUM_FOR_SHARE, self.today())

    def similar_to_text(
        self, text: str, limit: int = 5, exclude: tuple[UUID, ...] = ()
    ) -> list[tuple[PetitionSummary, float]]:
        return self.read_model.similar(text, limit, exclude)

    def similar_to(self, petition_id: UUID, limit: int = 5) -> list[tuple[PetitionSummary, float]]:
        petition = self.petition(petition_id)
        return self.read_model.similar(petition.text, limit, exclude=(petition.id,))
