"""The voter petition (kiến nghị cử tri): recorded, consolidated, classified, forwarded,
answered, its answer published, and followed up until resolved."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate, event

from contracts.vocabulary import Agency, JurisdictionLevel, PolicyField, ResolutionStatus
from kernel.actor import Actor, actor_ref
from kernel.errors import Wording
from kernel.occurred import Follows, check_occurred_on
from kernel.rulebook import Deadline
from kernel.text import identifier_key, same_identifier
from petitions.domain import errors, events
from petitions.domain.meeting import VoterContactMeeting
from petitions.domain.policy import (
    COORDINATORS,
    acts_for,
    check_may_coordinate,
    check_may_publish,
    may_read_unpublished_answer,
)
from petitions.domain.values import (
    Answer,
    Channel,
    Classification,
    DeadlinePolicy,
    Forwarding,
    PetitionStatus,
    Resolution,
    Source,
    answer_rule_id,
)


class Petition(Aggregate):
    """One petition; a consolidated petition is a new one that keeps every source."""

    if TYPE_CHECKING:  # declared for type checkers only: runtime annotations become fields
        text: str
        received_on: date
        classified_on: date | None
        channel: str | None
        deputy: str | None
        sources: list[Source]
        merged_petition_ids: list[UUID]
        merged_into: UUID | None
        withdrawn_reason: str | None
        classification: Classification | None
        forwarding: Forwarding | None
        reforward_count: int
        answer: Answer | None
        published_on: date | None
        resolution: Resolution | None

    Recorded = events.Recorded
    Consolidated = events.Consolidated
    MergedInto = events.MergedInto
    Restored = events.Restored
    Split = events.Split
    Classified = events.Classified
    Forwarded = events.Forwarded
    Answered = events.Answered
    AnswerPublished = events.AnswerPublished
    ResolutionUpdated = events.ResolutionUpdated

    def _start(self, text: str, sources: list[Source], received_on: date) -> None:
        self.text, self.sources, self.received_on = text, sources, received_on
        self.classified_on = None
        self.channel = self.deputy = None
        self.merged_petition_ids, self.merged_into, self.withdrawn_reason = [], None, None
        self.classification, self.forwarding, self.reforward_count = None, None, 0
        self.answer, self.published_on, self.resolution = None, None, None

    @classmethod
    def record(
        cls, actor: Actor, *, text: str, commune: str | None, channel: str, today: date,
        meeting: VoterContactMeeting | None = None, deputy: str | None = None,
        occurred_on: date | None = None,
    ) -> Petition:
        """Record a voter's petition, raised at a held ``meeting`` or through another channel,
        received on ``occurred_on`` (by default the meeting's day, or ``today``)."""
        if channel == "meeting" and meeting is None:
            raise errors.InvalidPetitionError("a petition raised at a meeting names the meeting")
        held_on = None
        if meeting is not None:
            meeting.check_is_held()
            commune = commune or meeting.commune
            held_on = meeting.held_on
        received_on = check_occurred_on(
            occurred_on or held_on or today, today=today,
            follows=[Follows(held_on, Wording("the meeting it was raised at",
                                              "hội nghị nơi kiến nghị được nêu"))],
        )
        if not commune:
            raise errors.InvalidPetitionError("name the commune the voters live in")
        if channel not in {c.value for c in Channel}:
            raise errors.InvalidPetitionError(f"unknown channel {channel!r}")
        return cls._create(
            cls.Recorded, id=uuid4(), text=text, commune=commune, channel=Channel(channel).value,
            meeting_id=meeting.id if meeting is not None else None, deputy=deputy,
            by=actor_ref(actor), occurred_on=received_on,
        )

    @classmethod
    def consolidated_from(cls, actor: Actor, text: str, merged: list[Petition],
                          occurred_on: date) -> Petition:
        sources = [source.as_record() for petition in merged for source in petition.sources]
        return cls._create(
            cls.Consolidated, id=uuid4(), text=text, sources=sources,
            merged_petition_ids=[p.id for p in merged], by=actor_ref(actor),
            occurred_on=occurred_on,
        )

    # -- what it is -------------------------------------------------------------------------

    @property
    def status(self) -> PetitionStatus:
        if self.withdrawn_reason is not None:
            return PetitionStatus.WITHDRAWN
        if self.merged_into is not None:
            return PetitionStatus.CONSOLIDATED
        for reached, status in (
            (self.published_on, PetitionStatus.PUBLISHED),
            (self.answer, PetitionStatus.ANSWERED),
            (self.forwarding, PetitionStatus.FORWARDED),
            (self.classification, PetitionStatus.CLASSIFIED),
        ):
            if reached is not None:
                return status
        return PetitionStatus.RECORDED

    @property
    def communes(self) -> list[str]:
        """Each commune once, as first written: "xã Tân Phú", "Xã  Tân Phú" and its NFD
        form are one commune (``kernel.text.identifier_key``)."""
        first_spelling: dict[str, str] = {}
        for source in self.sources:
            first_spelling.setdefault(identifier_key(source.commune), source.commune)
        return sorted(first_spelling.values())

    def answer_readable_by(self, reader: Actor | None) -> bool:
        """Whether ``reader`` (None: the public) may read the answer: anyone once MTTQ has
        published it, the agencies concerned before (``may_read_unpublished_answer``)."""
        if self.answer is None:
            return False
        if self.published_on is not None:
            return True
        return may_read_unpublished_answer(reader, self.answer.agency, self.answer.unit)

    def fields_withheld_from(self, reader: Actor | None) -> dict[str, frozenset[str]]:
        """The stored events' fields ``reader`` may not see in the history, by event type."""
        if self.answer is None or self.answer_readable_by(reader):
            return {}
        return {"Answered": frozenset({"answer"})}

    @property
    def meeting_ids(self) -> list[UUID]:
        return sorted({s.meeting_id for s in self.sources if s.meeting_id is not None}, key=str)

    @property
    def is_consolidated(self) -> bool:
        return bool(self.merged_petition_ids)

    def is_overdue(self, today: date) -> bool:
        return (self.forwarding is not None and self.answer is None
                and self.status == PetitionStatus.FORWARDED
                and self.forwarding.deadline.due_date < today)

    # -- consolidation (see domain.consolidation) ------------------------------------------

    def merge_into(self, actor: Actor, into: UUID) -> None:
        self.check_can_be_merged()
        self._merged_into(into=into, by=actor_ref(actor))

    @event(MergedInto)
    def _merged_into(self, into: UUID, by: str) -> None:
        self.merged_into = into

    def restore(self, actor: Actor, split_from: UUID, reason: str) -> None:
        if self.merged_into != split_from:
            raise errors.IllegalTransitionError(f"{self.id} is not merged into {split_from}")
        self._restored(split_from=split_from, reason=reason, by=actor_ref(actor))

    @event(Restored)
    def _restored(self, split_from: UUID, reason: str, by: str) -> None:
        self.merged_into = None

    def withdraw(self, actor: Actor, reason: str, *, occurred_on: date, today: date) -> None:
        """Undo this consolidation: the petition is withdrawn, its merged ones stand again."""
        check_may_coordinate(actor)
        if not self.is_consolidated:
            raise errors.NotConsolidatedError(f"{self.id} is not a consolidated petition")
        self.check_is_active()
        self.check_not_forwarded("split")
        check_occurred_on(occurred_on, today=today, follows=[self._follows_consolidation()])
        self._split(restored_petition_ids=list(self.merged_petition_ids), reason=reason,
                    by=actor_ref(actor), occurred_on=occurred_on)

    @event(Split)
    def _split(self, restored_petition_ids: list[UUID], reason: str, by: str,
               occurred_on: date | None = None) -> None:
        self.withdrawn_reason = reason

    # -- classification and forwarding -----------------------------------------------------

    def classify(
        self, actor: Actor, *, field: PolicyField, level: JurisdictionLevel,
        agency: Agency, today: date, unit: str | None = None, committee: str | None = None,
        occurred_on: date | None = None,
    ) -> None:
        check_may_coordinate(actor)
        self.check_is_active()
        self.check_not_forwarded("classify")
        day = check_occurred_on(occurred_on or today, today=today,
                                follows=[self._follows_receipt()])
        self._classified(field=field.value, level=level.value, competent_agency=agency.value,
                         competent_unit=unit, committee=committee, by=actor_ref(actor),
                         occurred_on=day)

    @event(Classified)
    def _classified(self, field: str, level: str, competent_agency: str,
                    competent_unit: str | None, committee: str | None, by: str,
                    occurred_on: date | None = None) -> None:
        self.classified_on = occurred_on
        self.classification = Classification(
            PolicyField(field), JurisdictionLevel(level), Agency(competent_agency),
            competent_unit, committee,
        )

    def forward(self, actor: Actor, *, forwarded_on: date, today: date,
                deadlines: DeadlinePolicy) -> None:
        """Forward to the competent agency of the classification, with the deadline of the
        rule in force on the day it was forwarded, counted from that day."""
        check_may_coordinate(actor)
        self.check_is_active()
        if self.classification is None:
            raise errors.NotClassifiedError(f"classify {self.id} before forwarding it")
        self.check_not_forwarded("forward")
        check_occurred_on(forwarded_on, today=today, field="forwarded_on", follows=[
            self._follows_receipt(),
            Follows(self.classified_on, Wording("its classification", "việc phân loại")),
        ])
        c = self.classification
        deadline = deadlines(answer_rule_id(c.level), forwarded_on)
        self._trigger_forwarded(actor, c.agency, c.unit, c.level, forwarded_on, deadline, None)

    def reforward(
        self, actor: Actor, *, to_agency: Agency | None, to_unit: str | None,
        level: JurisdictionLevel | None, reason: str, forwarded_on: date, today: date,
        deadlines: DeadlinePolicy,
    ) -> None:
        """Correct a misrouting: send it to another agency or unit (and level), with why."""
        check_may_coordinate(actor)
        if to_agency is None:
            raise errors.InvalidPetitionError("re-forwarding names the agency (to_agency)")
        self.check_is_active()
        if self.forwarding is None:
            raise errors.NotForwardedError(f"{self.id} was never forwarded; forward it first")
        level = level or self.forwarding.level
        self.check_not_answered()
        if to_agency == self.forwarding.to_agency and same_identifier(to_unit,
                                                                      self.forwarding.to_unit):
            raise errors.InvalidPetitionError(
                "re-forwarding goes to another agency or unit than the current one"
            )
        check_occurred_on(forwarded_on, today=today, field="forwarded_on",
                          follows=[self._follows_forwarding()])
        deadline = deadlines(answer_rule_id(level), forwarded_on)
        self._trigger_forwarded(actor, to_agency, to_unit, level, forwarded_on, deadline, reason)

    def _trigger_forwarded(
        self, actor: Actor, agency: Agency, unit: str | None, level: JurisdictionLevel,
        forwarded_on: date, deadline: Deadline, reason: str | None,
    ) -> None:
        self._forwarded(
            text=self.text, to_agency=agency.value, to_unit=unit, level=level.value,
            forwarded_on=forwarded_on, due_date=deadline.due_date, rule_id=deadline.rule_id,
            legal_source=deadline.legal_source, reforwarded=reason is not None, reason=reason,
            by=actor_ref(actor),
        )

    @event(Forwarded)
    def _forwarded(
        self, text: str, to_agency: str, to_unit: str | None, level: str, forwarded_on: date,
        due_date: date, rule_id: str, legal_source: str, reforwarded: bool, reason: str | None,
        by: str,
    ) -> None:
        agency, jurisdiction = Agency(to_agency), JurisdictionLevel(level)
        self.forwarding = Forwarding(
            agency, to_unit, jurisdiction, forwarded_on,
            Deadline(due_date, rule_id, legal_source), reforwarded, reason,
        )
        self.reforward_count += int(reforwarded)
        if self.classification is not None:  # a misrouting corrects the classification too
            field, committee = self.classification.field, self.classification.committee
            self.classification = Classification(field, jurisdiction, agency, to_unit, committee)

    # -- answer, publication, follow-up ----------------------------------------------------

    def give_answer(self, actor: Actor, *, text: str, answered_on: date, today: date) -> None:
        """Answer it: only the agency (and unit, if named) it was forwarded to; on time when
        ``answered_on`` (the day it was answered, not the day it is typed) is by the due date."""
        self.check_is_active()
        if self.forwarding is None:
            raise errors.NotForwardedError(f"{self.id} has not been forwarded: nothing to answer")
        self.check_is_answerer(actor)
        self.check_not_answered()
        check_occurred_on(answered_on, today=today, field="answered_on",
                          follows=[self._follows_forwarding()])
        self._answered(agency=actor.agency.value, unit=actor.unit, answer=text,
                       answered_on=answered_on, due_date=self.forwarding.deadline.due_date,
                       by=actor_ref(actor))

    @event(Answered)
    def _answered(self, agency: str, unit: str | None, answer: str, answered_on: date,
                  due_date: date, by: str) -> None:
        self.answer = Answer(Agency(agency), unit, answer, answered_on, due_date)

    def publish_answer(self, actor: Actor, *, published_on: date, today: date) -> None:
        """MTTQ makes the answer known to the people (thông báo)."""
        check_may_publish(actor)
        if self.answer is None:
            raise errors.NotAnsweredError(f"{self.id} has no answer to publish yet")
        if self.published_on is not None:
            raise errors.AlreadyPublishedError(f"{self.id} was published on {self.published_on}")
        check_occurred_on(published_on, today=today, field="published_on",
                          follows=[self._follows_answer()])
        self._answer_published(text=self.text, answer=self.answer.text,
                               answered_by=self.answer.agency.value, published_on=published_on,
                               communes=self.communes, by=actor_ref(actor))

    @event(AnswerPublished)
    def _answer_published(self, text: str, answer: str, answered_by: str, published_on: date,
                          communes: list[str], by: str) -> None:
        self.published_on = published_on

    def update_resolution(
        self, actor: Actor, *, status: ResolutionStatus, updated_on: date, today: date,
        roadmap_date: date | None = None, note: str | None = None,
    ) -> None:
        """Follow it up to the end (giám sát đến cùng): how far it has been resolved."""
        if self.forwarding is None or self.answer is None:
            raise errors.NotAnsweredError(f"{self.id} is followed up after it is answered")
        if actor.agency not in COORDINATORS and actor.agency != self.forwarding.to_agency:
            raise errors.NotPermittedError(
                "the answering agency or hdnd, dbqh, mttq update the resolution status"
            )
        if status == ResolutionStatus.IN_PROGRESS and roadmap_date is None:
            raise errors.InvalidPetitionError("in_progress needs a roadmap date (lộ trình)")
        if roadmap_date is not None and status != ResolutionStatus.IN_PROGRESS:
            raise errors.InvalidPetitionError("a roadmap date goes only with in_progress")
        check_occurred_on(updated_on, today=today, field="updated_on", follows=[
            self._follows_answer(),
            Follows(self.resolution.updated_on if self.resolution else None,
                    Wording("the previous update", "lần cập nhật trước")),
        ])
        if roadmap_date is not None and roadmap_date < updated_on:
            raise errors.InvalidPetitionError("the roadmap date is in the past")
        self._resolution_updated(status=status.value, roadmap_date=roadmap_date, note=note,
                                 updated_on=updated_on, by=actor_ref(actor))

    @event(ResolutionUpdated)
    def _resolution_updated(self, status: str, roadmap_date: date | None, note: str | None,
                            updated_on: date, by: str) -> None:
        self.resolution = Resolution(ResolutionStatus(status), roadmap_date, note, updated_on)

    # -- the acts a later one follows (kernel.occurred) ------------------------------------

    def _follows_receipt(self) -> Follows:
        return Follows(self.received_on, Wording("the day it was received",
                                                 "ngày tiếp nhận kiến nghị"))

    def _follows_consolidation(self) -> Follows:
        return Follows(self.received_on, Wording("its consolidation", "việc tổng hợp"))

    def _follows_forwarding(self) -> Follows:
        day = self.forwarding.forwarded_on if self.forwarding else None
        return Follows(day, Wording("its forwarding", "ngày chuyển kiến nghị"))

    def _follows_answer(self) -> Follows:
        day = self.answer.answered_on if self.answer else None
        return Follows(day, Wording("its answer", "ngày trả lời"))

    # -- invariants ------------------------------------------------------------------------

    def check_is_active(self) -> None:
        """Merged or withdrawn petitions are carried by another one: act on that one."""
        if self.merged_into is not None:
            raise errors.PetitionMergedError(
                f"{self.id} was merged into {self.merged_into}", merged_into=str(self.merged_into)
            )
        if self.withdrawn_reason is not None:
            raise errors.PetitionMergedError(f"{self.id} was withdrawn (its consolidation split)")

    def check_can_be_merged(self) -> None:
        self.check_is_active()
        self.check_not_forwarded("consolidate")

    def check_not_forwarded(self, action: str) -> None:
        if self.forwarding is not None:
            raise errors.AlreadyForwardedError(
                f"cannot {action} {self.id}: it was forwarded to "
                f"{self.forwarding.to_agency.value} on {self.forwarding.forwarded_on}"
            )

    def check_not_answered(self) -> None:
        if self.answer is not None:
            answered_on = self.answer.answered_on
            raise errors.AlreadyAnsweredError(f"{self.id} was answered on {answered_on}")

    def check_is_answerer(self, actor: Actor) -> None:
        assert self.forwarding is not None
        to_agency, to_unit = self.forwarding.to_agency, self.forwarding.to_unit
        if not acts_for(actor, to_agency, to_unit):
            where = to_agency.value + (f" ({to_unit})" if to_unit else "")
            raise errors.WrongAgencyError(f"{self.id} was forwarded to {where}: only it answers")
