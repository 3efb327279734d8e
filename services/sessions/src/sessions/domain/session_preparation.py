"""A council session's preparation: planned, agenda asked of UBND, the joint meeting
(họp liên tịch), documents submitted (late ones flagged) and vetted by the committees.

``Session`` (domain.session) adds what happens once it opens. Events are triggered from
``session_events`` directly, so their topics are ``sessions.domain.session_events:<Name>``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Self
from uuid import UUID

from eventsourcing.domain import Aggregate

from contracts.vocabulary import Agency, PolicyField
from kernel.actor import Actor, actor_ref
from kernel.clock import day_in_vietnam
from kernel.rulebook import Rulebook
from sessions.domain import errors
from sessions.domain import session_events as events
from sessions.domain.policy import (
    JOINT_MEETING_BODIES,
    JOINT_MEETING_PARTNERS,
    SUBMITTERS,
    check_agency,
    check_may_run_session,
)
from sessions.domain.rules import THEMATIC_REQUEST_SHARE, documents_due, share_met
from sessions.domain.session_parts import (
    AgendaItem,
    AgendaRequest,
    Attendance,
    Document,
    JointMeeting,
    Question,
    VoteResult,
)
from sessions.domain.values import (
    DocumentKind,
    SessionKind,
    SessionStatus,
    ThematicCaller,
    check_occurred,
    check_positive_text,
    follows,
)


class SessionPreparation(Aggregate):
    """The state of a session and the commands that prepare it."""

    if TYPE_CHECKING:  # declared for type checkers only: runtime annotations become fields
        number: int
        term: str
        title: str
        kind: SessionKind
        place: str
        planned_opening: date
        planned_closing: date | None
        total_deputies: int
        requested_by: ThematicCaller | None
        requesting_deputies: int | None
        status: SessionStatus
        agenda_requests: list[AgendaRequest]
        proposals: list[AgendaItem]
        agenda: list[AgendaItem]
        joint_meeting: JointMeeting | None
        attendance: Attendance | None
        closed_on: date | None
        documents: dict[UUID, Document]
        questions: dict[UUID, Question]
        votes: dict[UUID, VoteResult]

    @classmethod
    def plan(
        cls, actor: Actor, *, id: UUID, number: int, term: str, title: str, kind: SessionKind,
        planned_opening: date, planned_closing: date | None, place: str, total_deputies: int,
        requested_by: ThematicCaller | None, requesting_deputies: int | None,
        at: datetime, rulebook: Rulebook,
    ) -> Self:
        """Plan a session; a thematic one only when an entitled body or enough deputies ask."""
        check_may_run_session(actor, "plan sessions")
        if number < 1 or total_deputies < 1:
            raise errors.InvalidCommandError("number and total_deputies must be at least 1")
        if planned_closing is not None and planned_closing < planned_opening:
            raise errors.InvalidCommandError("the session cannot close before it opens")
        if kind == SessionKind.THEMATIC:
            requested_by = _check_thematic_request(
                requested_by, requesting_deputies, total_deputies, day_in_vietnam(at), rulebook
            )
        elif requested_by is not None or requesting_deputies is not None:
            raise errors.InvalidCommandError("only a thematic session is called on request")
        return cls._create(
            events.Planned, id=id, timestamp=at, number=number,
            term=check_positive_text(term, "term"), title=check_positive_text(title, "title"),
            kind=kind.value, planned_opening=planned_opening, planned_closing=planned_closing,
            place=place, total_deputies=total_deputies,
            requested_by=requested_by.value if requested_by else None,
            requesting_deputies=requesting_deputies, by=actor_ref(actor),
        )

    # -- what it is ------------------------------------------------------------------------

    @property
    def opening_on(self) -> date:
        """The opening date: as agreed at the joint meeting, else as planned."""
        meeting = self.joint_meeting
        return meeting.agreed_opening if meeting is not None else self.planned_opening

    @property
    def closing_on(self) -> date | None:
        meeting = self.joint_meeting
        return meeting.agreed_closing if meeting is not None else self.planned_closing

    @property
    def passed(self) -> list[VoteResult]:
        return [vote for vote in self.votes.values() if vote.passed]

    @property
    def rejected(self) -> list[VoteResult]:
        return [vote for vote in self.votes.values() if not vote.passed]

    # -- preparation -----------------------------------------------------------------------

    def request_agenda_items(
        self, actor: Actor, *, due_on: date, note: str | None, occurred_on: date, at: datetime
    ) -> None:
        """The Standing Committee asks UBND for the items it will submit."""
        check_may_run_session(actor, "ask UBND for agenda items")
        self.check_status(SessionStatus.PLANNED, "ask for agenda items")
        check_occurred(occurred_on, at, "occurred_on")
        self.trigger_event(
            events.AgendaItemsRequested, timestamp=at, requested_from=Agency.UBND.value,
            due_on=due_on, note=note, by=actor_ref(actor), occurred_on=occurred_on,
        )

    def propose_agenda_item(self, actor: Actor, *, item: AgendaItem, occurred_on: date,
                            at: datetime) -> None:
        check_agency(actor, SUBMITTERS, "propose agenda items")
        self.check_status(SessionStatus.PLANNED, "propose agenda items")
        check_occurred(occurred_on, at, "occurred_on")
        self.trigger_event(
            events.AgendaItemProposed, timestamp=at, item=item.as_record(), by=actor_ref(actor),
            occurred_on=occurred_on,
        )

    def hold_joint_meeting(
        self, actor: Actor, *, held_on: date, attending: list[Agency], agreed_opening: date,
        agreed_closing: date | None, agenda: list[AgendaItem], notes: str | None, at: datetime,
    ) -> None:
        """Họp liên tịch: HĐND, UBND and MTTQ agree time, agenda and who prepares what."""
        check_may_run_session(actor, "record the joint meeting")
        self.check_status(SessionStatus.PLANNED, "hold the joint meeting")
        if self.joint_meeting is not None:
            raise errors.IllegalTransitionError(
                f"the joint meeting was held on {self.joint_meeting.held_on}"
            )
        missing = JOINT_MEETING_BODIES - set(attending)
        if missing:
            names = ", ".join(sorted(a.value for a in missing))
            raise errors.InvalidCommandError(
                f"a joint meeting needs hdnd, ubnd and mttq: {names} absent"
            )
        check_occurred(held_on, at, "held_on")
        if agreed_opening < held_on or (agreed_closing and agreed_closing < agreed_opening):
            raise errors.InvalidCommandError("the agreed dates must follow the meeting, in order")
        if not agenda:
            raise errors.InvalidCommandError("the joint meeting agrees an agenda of one item+")
        self.trigger_event(
            events.JointMeetingHeld, timestamp=at, held_on=held_on,
            attending=sorted(a.value for a in set(attending)), agreed_opening=agreed_opening,
            agreed_closing=agreed_closing, agenda=[item.as_record() for item in agenda],
            notes=notes, by=actor_ref(actor),
        )

    def confirm_joint_meeting(self, actor: Actor, *, occurred_on: date, at: datetime) -> None:
        """UBND and MTTQ each confirm the agreed record of the joint meeting."""
        check_agency(actor, JOINT_MEETING_PARTNERS, "confirm the joint meeting's record")
        if self.joint_meeting is None:
            raise errors.IllegalTransitionError("no joint meeting has been held for this session")
        if actor.agency in self.joint_meeting.confirmed_by:
            raise errors.IllegalTransitionError(f"{actor.agency.value} already confirmed it")
        check_occurred(occurred_on, at, "occurred_on", follows(
            self.joint_meeting.held_on, "the joint meeting", "cuộc họp liên tịch"))
        self.trigger_event(
            events.JointMeetingConfirmed, timestamp=at, agency=actor.agency.value,
            by=actor_ref(actor), occurred_on=occurred_on,
        )

    def submit_document(
        self, actor: Actor, *, document_id: UUID, kind: DocumentKind, title: str,
        field: PolicyField | None, agenda_item_id: UUID | None, submitted_on: date,
        at: datetime, rulebook: Rulebook,
    ) -> None:
        """UBND (or the Standing Committee) submits a document; a late one is flagged."""
        check_agency(actor, SUBMITTERS, "submit session documents")
        if self.status == SessionStatus.CLOSED:
            raise errors.IllegalTransitionError(f"session {self.id} is closed")
        if document_id in self.documents:
            raise errors.IllegalTransitionError(f"document {document_id} was already submitted")
        if kind == DocumentKind.DRAFT_RESOLUTION and field is None:
            raise errors.InvalidCommandError("a draft resolution names its field (lĩnh vực)")
        if agenda_item_id is not None and agenda_item_id not in {i.item_id for i in self.agenda}:
            raise errors.InvalidCommandError(f"{agenda_item_id} is not on the agreed agenda")
        check_occurred(submitted_on, at, "submitted_on")
        deadline = documents_due(rulebook, self.opening_on, submitted_on)
        common = {
            "timestamp": at, "document_id": document_id,
            "title": check_positive_text(title, "title"),
            "submitted_by": actor.agency.value, "submitted_on": submitted_on,
            "due_on": deadline.due_date, "rule_id": deadline.rule_id,
            "legal_source": deadline.legal_source, "by": actor_ref(actor),
        }
        self.trigger_event(
            events.DocumentSubmitted, kind=kind.value, field=field.value if field else None,
            submitting_unit=actor.unit, on_time=submitted_on <= deadline.due_date,
            agenda_item_id=agenda_item_id, **common,
        )
        if submitted_on > deadline.due_date:
            self.trigger_event(
                events.DocumentSubmittedLate, days_late=(submitted_on - deadline.due_date).days,
                opening_on=self.opening_on, **common,
            )

    def report_vetting(
        self, actor: Actor, *, document_id: UUID, committee: str, conclusion: str,
        reported_on: date, at: datetime,
    ) -> None:
        """An HĐND committee reports on a document it vetted (thẩm tra)."""
        check_may_run_session(actor, "report on vetting")
        document = self.document(document_id)
        check_occurred(reported_on, at, "reported_on", follows(
            document.submitted_on, "the document's submission", "ngày trình tài liệu"))
        self.trigger_event(
            events.VettingReported, timestamp=at, document_id=document_id,
            committee=check_positive_text(committee, "committee"),
            conclusion=check_positive_text(conclusion, "conclusion"), reported_on=reported_on,
            by=actor_ref(actor),
        )

    # -- invariants ------------------------------------------------------------------------

    def check_status(self, expected: SessionStatus, action: str) -> None:
        if self.status != expected:
            raise errors.IllegalTransitionError(
                f"cannot {action}: session {self.id} is {self.status.value}, not {expected.value}",
                current_status=self.status.value,
            )

    def document(self, document_id: UUID) -> Document:
        try:
            return self.documents[document_id]
        except KeyError:
            raise errors.RecordNotFoundError(
                f"session {self.id} has no document {document_id}"
            ) from None

    def question(self, question_id: UUID) -> Question:
        try:
            return self.questions[question_id]
        except KeyError:
            raise errors.RecordNotFoundError(
                f"session {self.id} has no question {question_id}"
            ) from None


def _check_thematic_request(
    requested_by: ThematicCaller | None, requesting_deputies: int | None, total: int,
    today: date, rulebook: Rulebook,
) -> ThematicCaller:
    """The Standing Committee, the UBND chair, or at least the rule's share of all deputies."""
    if requested_by in (ThematicCaller.STANDING_COMMITTEE, ThematicCaller.UBND_CHAIR):
        return requested_by
    if requesting_deputies is None:
        raise errors.ThematicRequestError(
            "a thematic session is called by the Standing Committee, the UBND chair or "
            "enough deputies: name requested_by or give requesting_deputies"
        )
    if requesting_deputies > total:
        raise errors.InvalidCommandError("more deputies requested it than the council has")
    applied = share_met(rulebook, THEMATIC_REQUEST_SHARE, today, requesting_deputies, total)
    if not applied.met:
        raise errors.ThematicRequestError(
            f"{requesting_deputies} of {total} deputies is too few to call a thematic session "
            f"and no entitled body called it ({applied.legal_source})",
            rule_id=applied.rule_id, legal_source=applied.legal_source,
        )
    return ThematicCaller.DEPUTIES
