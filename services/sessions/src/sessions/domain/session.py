"""The council session (kỳ họp HĐND) once prepared: convened, questioning (chất vấn),
a vote on each draft resolution, closed.

A resolution passes only when more than half of ALL deputies vote yes (rule
``session.resolution.pass_share``); exactly half is a rejection.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID, uuid5

from kernel.actor import Actor, actor_ref
from kernel.occurred import Follows
from kernel.rulebook import Rulebook
from sessions.domain import errors
from sessions.domain import session_events as events
from sessions.domain.policy import ANSWERERS, check_agency, check_may_run_session
from sessions.domain.rules import PASS_SHARE, share_met
from sessions.domain.session_parts import Counts
from sessions.domain.session_preparation import SessionPreparation
from sessions.domain.values import (
    DocumentKind,
    SessionStatus,
    check_occurred,
    check_positive_text,
    follows,
)


class Session(SessionPreparation):
    """One session of the council; documents, questions and votes are parts of it."""

    def convene(
        self, actor: Actor, *, opened_on: date, present: int, absent_deputies: list[str],
        total_deputies: int | None, at: datetime,
    ) -> None:
        """Open the session (khai mạc) with its attendance; prepared at a joint meeting first."""
        check_may_run_session(actor, "convene sessions")
        self.check_status(SessionStatus.PLANNED, "convene")
        if self.joint_meeting is None:
            raise errors.IllegalTransitionError(
                "hold the joint meeting (họp liên tịch) with UBND and MTTQ before convening"
            )
        check_occurred(opened_on, at, "opened_on", follows(
            self.joint_meeting.held_on, "the joint meeting", "cuộc họp liên tịch"))
        total = total_deputies if total_deputies is not None else self.total_deputies
        if total < 1 or not 0 <= present <= total or len(absent_deputies) > total - present:
            raise errors.InvalidCommandError(
                f"attendance does not fit {total} deputies: {present} present, "
                f"{len(absent_deputies)} named absent"
            )
        self.trigger_event(
            events.Convened, timestamp=at, opened_on=opened_on, total_deputies=total,
            present=present, absent_deputies=list(absent_deputies), by=actor_ref(actor),
        )

    # -- questioning -----------------------------------------------------------------------

    def ask_question(
        self, actor: Actor, *, question_id: UUID, deputy: str, question: str, official: str,
        official_position: str, asked_on: date, at: datetime,
    ) -> None:
        check_may_run_session(actor, "record questions")
        self.check_status(SessionStatus.CONVENED, "question officials")
        if question_id in self.questions:
            raise errors.IllegalTransitionError(f"question {question_id} was already asked")
        self._check_during_session(asked_on, at, "asked_on")
        self.trigger_event(
            events.QuestionAsked, timestamp=at, question_id=question_id,
            deputy=check_positive_text(deputy, "deputy"),
            question=check_positive_text(question, "question"),
            official=check_positive_text(official, "official"),
            official_position=check_positive_text(official_position, "official_position"),
            asked_on=asked_on, by=actor_ref(actor),
        )

    def answer_question(
        self, actor: Actor, *, question_id: UUID, answer: str, official: str | None,
        answered_on: date, at: datetime,
    ) -> None:
        check_agency(actor, ANSWERERS, "record answers to questions")
        self.check_status(SessionStatus.CONVENED, "answer questions")
        asked = self.question(question_id)
        if asked.answer is not None:
            raise errors.IllegalTransitionError(f"question {question_id} was already answered")
        self._check_during_session(answered_on, at, "answered_on", follows(
            asked.asked_on, "the question", "câu hỏi chất vấn"))
        self.trigger_event(
            events.QuestionAnswered, timestamp=at, question_id=question_id,
            official=official or asked.official, answer=check_positive_text(answer, "answer"),
            answered_on=answered_on, by=actor_ref(actor),
        )

    def follow_up_question(self, actor: Actor, *, question_id: UUID, text: str,
                           occurred_on: date, at: datetime) -> None:
        """The deputy comes back on an answer (chất vấn lại, tranh luận)."""
        check_may_run_session(actor, "record follow-up questions")
        self.check_status(SessionStatus.CONVENED, "follow questions up")
        asked = self.question(question_id)
        if asked.answer is None:
            raise errors.IllegalTransitionError(f"question {question_id} has no answer yet")
        self._check_during_session(occurred_on, at, "occurred_on", follows(
            asked.answered_on, "the answer", "câu trả lời chất vấn"))
        self.trigger_event(
            events.QuestionFollowedUp, timestamp=at, question_id=question_id,
            text=check_positive_text(text, "text"), by=actor_ref(actor), occurred_on=occurred_on,
        )

    # -- votes -----------------------------------------------------------------------------

    def vote(
        self, actor: Actor, *, vote_id: UUID, document_id: UUID, counts: Counts,
        number: str | None, title: str | None, voted_on: date, at: datetime,
        rulebook: Rulebook,
    ) -> UUID | None:
        """Vote on a draft resolution; returns the new resolution's id when it passes."""
        check_may_run_session(actor, "hold votes")
        self.check_status(SessionStatus.CONVENED, "vote")
        draft = self.document(document_id)
        if draft.kind != DocumentKind.DRAFT_RESOLUTION or draft.field is None:
            raise errors.InvalidCommandError(f"{document_id} is not a draft resolution")
        if any(v.document_id == document_id and v.passed for v in self.votes.values()):
            raise errors.IllegalTransitionError(f"draft {document_id} was already adopted")
        self._check_during_session(voted_on, at, "voted_on")
        if counts.total != self.total_deputies or min(counts.as_record().values()) < 0:
            raise errors.InvalidCommandError(
                f"yes, no, abstain and absent add up to {counts.total}; the council has "
                f"{self.total_deputies} deputies"
            )
        applied = share_met(rulebook, PASS_SHARE, voted_on, counts.yes, self.total_deputies)
        common = {
            "timestamp": at, "vote_id": vote_id, "document_id": document_id,
            "title": (title or "").strip() or draft.title, "field": draft.field.value,
            "total_deputies": self.total_deputies, "rule_id": applied.rule_id,
            "legal_source": applied.legal_source, "by": actor_ref(actor), **counts.as_record(),
        }
        if not applied.met:
            self.trigger_event(events.ResolutionRejected, voted_on=voted_on, **common)
            return None
        number = self._check_new_number(number)
        resolution_id = uuid5(vote_id, "resolution")
        self.trigger_event(
            events.ResolutionPassed, resolution_id=resolution_id, number=number,
            passed_on=voted_on, **common,
        )
        return resolution_id

    def close(self, actor: Actor, *, closed_on: date, at: datetime) -> None:
        """Close the session (bế mạc)."""
        check_may_run_session(actor, "close sessions")
        self.check_status(SessionStatus.CONVENED, "close")
        self._check_during_session(closed_on, at, "closed_on")
        self.trigger_event(
            events.Closed, timestamp=at, closed_on=closed_on,
            resolutions_passed=len(self.passed), drafts_rejected=len(self.rejected),
            questions_asked=len(self.questions), by=actor_ref(actor),
        )

    # -- invariants ------------------------------------------------------------------------

    def _check_during_session(self, day: date, at: datetime, what: str,
                              *also: Follows) -> None:
        """An act of the session happened on or after its opening (and the acts it follows)."""
        assert self.attendance is not None
        check_occurred(day, at, what, follows(
            self.attendance.opened_on, "the opening of the session", "ngày khai mạc kỳ họp"),
            *also)

    def _check_new_number(self, number: str | None) -> str:
        cleaned = (number or "").strip()
        if not cleaned:
            raise errors.InvalidCommandError(
                "the draft passes: give the resolution its number (số nghị quyết)"
            )
        if any(v.number == cleaned for v in self.passed):
            raise errors.InvalidCommandError(f"resolution number {cleaned} is already used")
        return cleaned
