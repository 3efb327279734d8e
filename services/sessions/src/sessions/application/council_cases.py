"""Use cases after and between sessions: resolutions' guidance and deployment, explanation
sessions, between-session matters, confidence ratings, and the shared meeting calendar.

Each returns the aggregate as the command left it (see SessionsBase)."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID, uuid4

from contracts.vocabulary import PolicyField
from kernel.actor import Actor
from sessions.application.base import SessionsBase
from sessions.domain.calendar import CalendarEntry, detect_clashes
from sessions.domain.confidence import ConfidenceRating
from sessions.domain.council import BetweenSessionMatter, ExplanationSession
from sessions.domain.resolution import Resolution
from sessions.domain.session import Session
from sessions.domain.values import OrganiserKind


class CouncilCases(SessionsBase):
    # -- resolutions -----------------------------------------------------------------------

    def resolution(self, resolution_id: UUID) -> Resolution:
        return self.load(Resolution, resolution_id, "resolution")

    def issue_guidance(self, actor: Actor, resolution_id: UUID, *, number: str, title: str,
                       issued_on: date | None = None, guidance_id: UUID | None = None
                       ) -> Resolution:
        resolution = self.resolution(resolution_id)
        guidance_id = guidance_id or uuid4()
        if any(g.guidance_id == guidance_id for g in resolution.guidance):
            return resolution
        resolution.issue_guidance(
            actor, guidance_id=guidance_id, number=number, title=title,
            issued_on=issued_on or self.today(), at=self.now(),
        )
        self.save(resolution)
        return resolution

    def hold_deployment_conference(self, actor: Actor, resolution_id: UUID, *, place: str,
                                   held_on: date | None = None) -> Resolution:
        resolution = self.resolution(resolution_id)
        resolution.hold_deployment_conference(
            actor, held_on=held_on or self.today(), place=place, at=self.now()
        )
        self.save(resolution)
        return resolution

    # -- explanation sessions and matters between sessions --------------------------------

    def schedule_explanation(self, actor: Actor, *, topic: str, field: PolicyField,
                             scheduled_on: date, explaining: list[str],
                             id: UUID | None = None) -> ExplanationSession:
        if (done := self.existing(ExplanationSession, id)) is not None:
            return done
        explanation = ExplanationSession.schedule(
            actor, id=id or uuid4(), topic=topic, field=field, scheduled_on=scheduled_on,
            explaining=explaining, at=self.now(),
        )
        self.save(explanation)
        return explanation

    def hold_explanation(self, actor: Actor, explanation_id: UUID, *, conclusions: str,
                         commitments: list[str], held_on: date | None = None) -> ExplanationSession:
        explanation = self.load(ExplanationSession, explanation_id, "explanation session")
        explanation.hold(actor, held_on=held_on or self.today(), conclusions=conclusions,
                         commitments=commitments, at=self.now())
        self.save(explanation)
        return explanation

    def decide_matter(self, actor: Actor, *, title: str, field: PolicyField,
                      decision_number: str, summary: str, decided_on: date | None = None,
                      id: UUID | None = None) -> BetweenSessionMatter:
        if (done := self.existing(BetweenSessionMatter, id)) is not None:
            return done
        matter = BetweenSessionMatter.decide(
            actor, id=id or uuid4(), title=title, field=field,
            decided_on=decided_on or self.today(), decision_number=decision_number,
            summary=summary, at=self.now(),
        )
        self.save(matter)
        return matter

    def report_matter(self, actor: Actor, matter_id: UUID, *, session_id: UUID,
                      reported_on: date | None = None) -> BetweenSessionMatter:
        matter = self.load(BetweenSessionMatter, matter_id, "between-session matter")
        session = self.load(Session, session_id, "session")
        matter.report_to(actor, session_id=session.id, session_opening=session.opening_on,
                         reported_on=reported_on or self.today(), at=self.now())
        self.save(matter)
        return matter

    # -- confidence ratings ----------------------------------------------------------------

    def rate_confidence(
        self, actor: Actor, *, session_id: UUID, official: str, position: str, high: int,
        confidence: int, low: int, total_deputies: int | None = None,
        rated_on: date | None = None, id: UUID | None = None,
    ) -> ConfidenceRating:
        """Rate at a session; the total defaults to the session's number of deputies."""
        if (done := self.existing(ConfidenceRating, id)) is not None:
            return done
        session = self.load(Session, session_id, "session")
        rating = ConfidenceRating.rate(
            actor, id=id or uuid4(), session_id=session.id, official=official,
            position=position, rated_on=rated_on or self.today(), high=high,
            confidence=confidence, low=low, total_deputies=total_deputies or session.total_deputies,
            at=self.now(), rulebook=self.rulebook,
        )
        self.save(rating)
        return rating

    def hold_confidence_vote(self, actor: Actor, rating_id: UUID, *, no_confidence: int,
                             total_deputies: int | None = None,
                             voted_on: date | None = None) -> ConfidenceRating:
        rating = self.load(ConfidenceRating, rating_id, "confidence rating")
        rating.hold_confidence_vote(
            actor, voted_on=voted_on or self.today(), no_confidence=no_confidence,
            total_deputies=total_deputies or rating.total_deputies, at=self.now(),
            rulebook=self.rulebook,
        )
        self.save(rating)
        return rating

    def record_resignation(self, actor: Actor, rating_id: UUID, *,
                           resigned_on: date | None = None) -> ConfidenceRating:
        rating = self.load(ConfidenceRating, rating_id, "confidence rating")
        rating.record_resignation(actor, resigned_on=resigned_on or self.today(), at=self.now())
        self.save(rating)
        return rating

    # -- the meeting calendar --------------------------------------------------------------

    def schedule_meeting(
        self, actor: Actor, *, organiser_kind: OrganiserKind, organiser: str, title: str,
        starts_at: datetime, ends_at: datetime, place: str, participants: list[str],
        id: UUID | None = None,
    ) -> CalendarEntry:
        """Enter a meeting; each clash with an active one is recorded on both, in one save.

        Hold ``calendar_lock`` around the call when its save is held back (a keyed command).
        """
        with self.calendar_lock:
            if (done := self.existing(CalendarEntry, id)) is not None:
                return done
            at = self.now()
            entry = CalendarEntry.schedule(
                actor, id=id or uuid4(), organiser_kind=organiser_kind, organiser=organiser,
                title=title, starts_at=starts_at, ends_at=ends_at, place=place,
                participants=participants, at=at,
            )
            candidates = [
                self.load(CalendarEntry, other.id, "calendar entry")
                for other in self.catalogue.all(CalendarEntry)
                if other.is_active and other.starts_at < ends_at and starts_at < other.ends_at
            ]
            touched = detect_clashes(entry, candidates, at)
            self.save(entry, *touched)
            return entry

    def cancel_meeting(self, actor: Actor, entry_id: UUID, *, reason: str) -> CalendarEntry:
        with self.calendar_lock:
            entry = self.load(CalendarEntry, entry_id, "calendar entry")
            entry.cancel(actor, reason=reason, at=self.now())
            self.save(entry)
            return entry
