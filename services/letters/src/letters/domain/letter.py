"""A citizen's letter (đơn thư) from receipt to its result, within its statutory limits.

A denouncer (người tố cáo) is never named here: the letter holds only ``identity_ref``,
the opaque id of the identity in the vault (``letters.vault``), so no event of this
store, nor anything made from one, can carry who denounced. A complainant's or
petitioner's name is not protected that way and is stored with the letter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Self
from uuid import UUID

from eventsourcing.domain import Aggregate

from contracts.vocabulary import Agency
from kernel.actor import Actor, actor_ref
from kernel.errors import Wording
from kernel.occurred import Follows, check_occurred_on
from kernel.rulebook import Deadline
from letters.domain import errors
from letters.domain.letter_events import (
    Accepted,
    Appealed,
    Decided,
    DenouncerNotified,
    Extended,
    Forwarded,
    Guided,
    Received,
    RepeatFlagged,
    Withdrawn,
)
from letters.domain.limits import Limits, initial_handling_rule, resolution_rule
from letters.domain.policy import check_handles
from letters.domain.values import Channel, LetterKind, Status

FORWARD_RULE = "letter.forward_outside_competence"


# The acts a later act of a letter follows, as the refusal names them.
RECEIPT = Wording("its receipt", "ngày nhận đơn")
ACCEPTANCE = Wording("its acceptance", "việc thụ lý")
DECISION = Wording("the decision", "quyết định giải quyết")

@dataclass(frozen=True)
class Intake:
    """What is known of a letter when it comes in (the identity aside)."""

    kind: LetterKind
    channel: Channel
    received_on: date
    summary: str
    sender_name: str | None = None  # complainant or petitioner; never a denouncer
    identity_ref: str | None = None  # the denouncer's identity in the vault
    remote: bool = False  # vùng sâu, vùng xa, đi lại khó khăn
    complex_case: bool = False  # vụ việc phức tạp
    several_places: bool = False  # xác minh tại nhiều địa điểm
    decision_known_on: date | None = None  # when the complainant learnt of the decision


class Letter(Aggregate):
    """One citizen's letter."""

    if TYPE_CHECKING:
        kind: LetterKind
        treated_as: LetterKind
        channel: Channel
        received_on: date
        recipient: Agency
        handler: Agency
        summary: str
        sender_name: str | None
        identity_ref: str | None
        remote: bool
        complex_case: bool
        several_places: bool
        instance: int
        appeal_of: UUID | None
        decision_known_on: date | None
        within_limitation: bool | None
        status: Status
        handling_due: Deadline | None
        repeats: list[tuple[UUID, float]]
        forwards: list[tuple[Agency, date, bool]]
        extensions: int
        accepted_on: date | None
        resolve_due: Deadline | None
        notify_due: date | None
        notified_on: date | None
        decided_on: date | None
        guidance: str | None
        decision: str | None
        withdrawal: str | None
        appealed_by: UUID | None

    @classmethod
    def receive(cls, actor: Actor, intake: Intake, limits: Limits, *, id: UUID, at: datetime,
                today: date, instance: int = 1, appeal_of: UUID | None = None) -> Self:
        """The letter comes in to the actor's body; classified, its first limits set."""
        check_occurred_on(intake.received_on, today=today, field="received_on")
        if intake.channel is Channel.ONLINE:
            limits.require("reception.online", "online reception")
        if intake.kind is LetterKind.INFORMATION:
            raise errors.InvalidLetterError(
                "classify a letter as complaint, denunciation, petition or reflection")
        denunciation = intake.kind is LetterKind.DENUNCIATION
        if denunciation and intake.sender_name is not None:
            raise errors.InvalidLetterError(
                "a denouncer's identity goes to the vault, never into the letter")
        if not denunciation and intake.identity_ref is not None:
            raise errors.InvalidLetterError("only a denouncer's identity is kept in the vault")
        anonymous = denunciation and intake.identity_ref is None
        # Luật Tố cáo 2018, Điều 25: an anonymous denunciation is not handled as one; its
        # content may be used as information for inspection and management.
        treated_as = LetterKind.INFORMATION if anonymous else intake.kind
        within_limitation = None
        if intake.kind is LetterKind.COMPLAINT and intake.decision_known_on is not None:
            if intake.decision_known_on > intake.received_on:
                raise errors.InvalidLetterError(
                    "the decision complained of was known after the letter came in?")
            last = limits.deadline("complaint.limitation", intake.decision_known_on)
            within_limitation = intake.received_on <= last.due_date
        handling: Deadline | None = None
        if treated_as in (LetterKind.COMPLAINT, LetterKind.DENUNCIATION):
            handling = limits.deadline(
                initial_handling_rule(denunciation=denunciation,
                                      several_places=intake.several_places),
                intake.received_on)
        return cls._create(
            Received, id=id, timestamp=at, kind=intake.kind.value, treated_as=treated_as.value,
            channel=intake.channel.value, received_on=intake.received_on,
            recipient=actor.agency.value, summary=intake.summary,
            sender_name=intake.sender_name, identity_ref=intake.identity_ref,
            remote=intake.remote, complex_case=intake.complex_case,
            several_places=intake.several_places, instance=instance, appeal_of=appeal_of,
            decision_known_on=intake.decision_known_on, within_limitation=within_limitation,
            handling_due=handling.due_date if handling else None,
            handling_rule_id=handling.rule_id if handling else None,
            handling_legal_source=handling.legal_source if handling else None,
            by=actor_ref(actor),
        )

    @property
    def is_denunciation(self) -> bool:
        return self.treated_as is LetterKind.DENUNCIATION

    @property
    def is_complaint(self) -> bool:
        return self.treated_as is LetterKind.COMPLAINT

    def flag_repeats(self, similar: list[tuple[UUID, float]]) -> None:
        if similar:
            self.trigger_event(RepeatFlagged, similar_to=[str(i) for i, _ in similar],
                               scores=[round(s, 4) for _, s in similar])

    def accept(self, actor: Actor, limits: Limits, *, accepted_on: date, at: datetime,
               today: date) -> None:
        """Thụ lý: the competent body takes the letter on; its resolution limit starts."""
        check_handles(actor, self.handler, "accept this letter")
        if self.treated_as is LetterKind.INFORMATION:
            raise errors.IllegalTransitionError(
                "an anonymous denunciation is not accepted as a denunciation; "
                "it is kept as information")
        self._check_open(Status.RECEIVED, Status.FORWARDED)
        self._check_day(accepted_on, today, "accepted_on")
        if self.within_limitation is False:
            raise errors.InvalidLetterError(
                "the complaint came in after the 90-day limitation period; guide the sender")
        due: Deadline | None = None
        notify_due: date | None = None
        if self.is_complaint or self.is_denunciation:
            due = limits.deadline(resolution_rule(
                denunciation=self.is_denunciation, instance=self.instance,
                complex_case=self.complex_case, remote=self.remote), accepted_on)
        if self.is_denunciation:
            notify_due = limits.deadline("denunciation.notify_acceptance", accepted_on).due_date
        on_time = self.handling_due is None or accepted_on <= self.handling_due.due_date
        self.trigger_event(
            Accepted, timestamp=at, accepted_on=accepted_on, on_time=on_time,
            due_on=due.due_date if due else None, rule_id=due.rule_id if due else None,
            legal_source=due.legal_source if due else None, notify_due=notify_due,
            by=actor_ref(actor))

    def record_denouncer_notified(self, actor: Actor, *, notified_on: date, at: datetime,
                                  today: date) -> None:
        check_handles(actor, self.handler, "notify the denouncer")
        if not self.is_denunciation or self.accepted_on is None:
            raise errors.IllegalTransitionError("only an accepted denunciation's denouncer "
                                                "is notified of the acceptance")
        if self.notified_on is not None:
            raise errors.IllegalTransitionError("the denouncer was already notified")
        self._check_day(notified_on, today, "notified_on",
                        after=Follows(self.accepted_on, ACCEPTANCE))
        assert self.notify_due is not None
        self.trigger_event(DenouncerNotified, timestamp=at, notified_on=notified_on,
                           on_time=notified_on <= self.notify_due, by=actor_ref(actor))

    def forward(self, actor: Actor, limits: Limits, *, to: Agency, reason: str,
                forwarded_on: date, at: datetime, today: date) -> None:
        """Not within the body's competence: sent on to the competent body."""
        check_handles(actor, self.handler, "forward this letter")
        self._check_open(Status.RECEIVED, Status.FORWARDED, Status.FILED)
        if to == self.handler:
            raise errors.InvalidLetterError("a letter is forwarded to another body")
        self._check_day(forwarded_on, today, "forwarded_on")
        last_step = self.forwards[-1][1] if self.forwards else self.received_on
        limit = limits.deadline(FORWARD_RULE, last_step)
        handling_due = None
        if self.handling_due is not None:  # the new body's own time to take it on
            handling_due = limits.deadline(self.handling_due.rule_id, forwarded_on).due_date
        self.trigger_event(
            Forwarded, timestamp=at, to=to.value, forwarded_on=forwarded_on, reason=reason,
            on_time=forwarded_on <= limit.due_date, due_on=limit.due_date,
            rule_id=limit.rule_id, legal_source=limit.legal_source,
            handling_due=handling_due, by=actor_ref(actor))

    def guide(self, actor: Actor, *, reason: str, guided_on: date, at: datetime,
              today: date) -> None:
        """Hướng dẫn: the sender is told where to go instead, and why."""
        check_handles(actor, self.handler, "guide the sender")
        self._check_open(Status.RECEIVED, Status.FORWARDED, Status.FILED)
        self._check_day(guided_on, today, "guided_on")
        self.trigger_event(Guided, timestamp=at, guided_on=guided_on, reason=reason,
                           by=actor_ref(actor))

    def extend(self, actor: Actor, limits: Limits, *, reason: str, extended_on: date,
               at: datetime, today: date) -> None:
        """A complex denunciation's resolution limit is extended by 30 days, at most twice."""
        check_handles(actor, self.handler, "extend this denunciation")
        if not self.is_denunciation:
            raise errors.IllegalTransitionError("only a denunciation's limit is extended; a "
                                                "complex complaint has its longer limit")
        self._check_open(Status.ACCEPTED)
        self._check_day(extended_on, today, "extended_on",
                        after=Follows(self.accepted_on, ACCEPTANCE))
        if self.extensions >= limits.count("denunciation.max_extensions"):
            raise errors.InvalidLetterError(
                f"a denunciation is extended at most {limits.count('denunciation.max_extensions')}"
                " times")
        assert self.resolve_due is not None
        due = limits.deadline("denunciation.extension", self.resolve_due.due_date)
        self.trigger_event(
            Extended, timestamp=at, extended_on=extended_on, reason=reason,
            number=self.extensions + 1, due_on=due.due_date, rule_id=due.rule_id,
            legal_source=due.legal_source, by=actor_ref(actor))

    def decide(self, actor: Actor, *, outcome: str, decided_on: date, at: datetime,
               today: date) -> None:
        check_handles(actor, self.handler, "decide on this letter")
        self._check_open(Status.ACCEPTED)
        self._check_day(decided_on, today, "decided_on",
                        after=Follows(self.accepted_on, ACCEPTANCE))
        on_time = self.resolve_due is None or decided_on <= self.resolve_due.due_date
        self.trigger_event(Decided, timestamp=at, decided_on=decided_on, outcome=outcome,
                           on_time=on_time, by=actor_ref(actor))

    def appeal_window(self, limits: Limits) -> Deadline:
        """By when a second complaint may come: 30 days (remote 45) from the first decision,
        or from the end of the first instance's limit when no decision came."""
        if not self.is_complaint or self.instance != 1 or self.accepted_on is None:
            raise errors.IllegalTransitionError(
                "only an accepted first-instance complaint may be appealed")
        start = self.decided_on or (self.resolve_due.due_date if self.resolve_due else None)
        assert start is not None
        rule = "complaint.second_request.remote" if self.remote else "complaint.second_request"
        return limits.deadline(rule, start)

    def appeal(self, actor: Actor, limits: Limits, *, second_letter_id: UUID,
               appealed_on: date, at: datetime, today: date) -> None:
        """Recorded on the first complaint when its second complaint comes in."""
        window = self.appeal_window(limits)
        if self.appealed_by is not None:
            raise errors.IllegalTransitionError("this complaint was already appealed")
        if self.decided_on is None and self.resolve_due is not None \
                and appealed_on <= self.resolve_due.due_date:
            raise errors.InvalidLetterError(
                "a second complaint comes after the first decision, or once its limit passed")
        self._check_day(appealed_on, today, "appealed_on", after=Follows(self.decided_on, DECISION))
        if appealed_on > window.due_date:
            raise errors.InvalidLetterError(
                f"the second complaint came after {window.due_date.isoformat()}, "
                "the end of the time to make it")
        self.trigger_event(
            Appealed, timestamp=at, second_letter_id=second_letter_id, appealed_on=appealed_on,
            due_on=window.due_date, rule_id=window.rule_id, legal_source=window.legal_source,
            by=actor_ref(actor))

    def withdraw(self, actor: Actor, limits: Limits, *, reason: str, withdrawn_on: date,
                 at: datetime, today: date) -> None:
        """The complainant withdraws the complaint: only under Law 136/2025, which applies
        to complaints received from 2026-07-01."""
        check_handles(actor, self.handler, "record the withdrawal")
        if not self.is_complaint:
            raise errors.IllegalTransitionError("only a complaint is withdrawn")
        limits.require("complaint.withdrawal", "withdrawing a complaint")
        self._check_open(Status.RECEIVED, Status.ACCEPTED, Status.FORWARDED)
        self._check_day(withdrawn_on, today, "withdrawn_on")
        rule = limits.rulebook.rule("complaint.withdrawal", self.received_on)
        self.trigger_event(Withdrawn, timestamp=at, withdrawn_on=withdrawn_on, reason=reason,
                           rule_id=rule.id, legal_source=rule.legal_source,
                           by=actor_ref(actor))

    def _check_open(self, *allowed: Status) -> None:
        if self.status not in allowed:
            raise errors.IllegalTransitionError(
                f"the letter is {self.status.value}; this needs it "
                + " or ".join(s.value for s in allowed))

    def _check_day(self, day: date, today: date, name: str, *,
                   after: Follows | None = None) -> None:
        """The day an act happened (decision 16): not in the future, not before the receipt
        or the act it follows."""
        check_occurred_on(day, today=today, field=name,
                          follows=[after or Follows(self.received_on, RECEIPT)])
