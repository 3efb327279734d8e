"""What each integration event says that a figure of the yearly review needs: its facts.

``facts_of(event, event_id=..., time=...)`` is a pure function of one integration event
(of petitions, sessions, letters or oversight itself): the consumer applies it to what
arrives from NATS, the audit to what it re-derives from every store (decision 18), so both
hold the same rows. A fact is one act: its kind (``session.convened``), the record it
belongs to (an id, its kind and the API path of the service that owns it), the day it
happened, the bodies it counts for, and what else a figure reads (``attrs``).

The day is the act's ``occurred_on`` where the event carries it (decision 16), else the
day of the event's time in Vietnam. One exception, on purpose: a supervision topic counts
in the period its planned window begins, not the day its programme was adopted (a year's
programme is adopted in December of the year before, and the review of a year counts the
topics of that year's programme); so does an overlap found between them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar
from uuid import UUID

from contracts import IntegrationEvent
from contracts.letters import v1 as letters
from contracts.oversight import v1 as oversight
from contracts.petitions import v1 as petitions
from contracts.sessions import v1 as sessions
from contracts.vocabulary import AGENCY_NAMES
from kernel.clock import day_in_vietnam

HDND, MTTQ = "hdnd", "mttq"


@dataclass(frozen=True)
class Fact:
    """One act a figure counts, as the review tables keep it."""

    fact_id: str  # "<CloudEvents id>#<n>": a redelivered event gives the same ids
    kind: str
    record_id: str
    record_kind: str
    href: str  # the record's path in the API of the service that owns it
    title: str
    occurred_on: date
    bodies: tuple[str, ...] = ()  # the agencies it counts for (``?body=``); none: only all
    unit: str | None = None
    attrs: Mapping[str, Any] = field(default_factory=dict)

    def attr(self, name: str) -> Any:
        return self.attrs.get(name)


@dataclass(frozen=True)
class Draft:
    """A fact before it is numbered and dated (what a builder returns)."""

    kind: str
    record_id: UUID
    record_kind: str
    href: str
    title: str
    bodies: tuple[str, ...] = ()
    unit: str | None = None
    day: date | None = None  # only to date a fact otherwise than its event's act
    attrs: dict[str, Any] = field(default_factory=dict)


E = TypeVar("E", bound=IntegrationEvent)
Builder = Callable[[Any], list[Draft]]
Build = Callable[[E], list[Draft]]
BUILDERS: dict[type[IntegrationEvent], tuple[Builder, str | None]] = {}


def builds(event_type: type[E], day_field: str | None = None
           ) -> Callable[[Build[E]], Build[E]]:
    """Registers the builder of one event type's facts, and the field that names the
    day of its act where the contract has one (``received_on``): a service whose relay
    does not stamp ``occurred_on`` yet (letters, oversight) still dates its acts right."""
    def register(builder: Build[E]) -> Build[E]:
        BUILDERS[event_type] = (builder, day_field)
        return builder
    return register


def facts_of(event: IntegrationEvent, *, event_id: str, time: datetime) -> list[Fact]:
    """The facts one integration event says; none for an event no figure reads."""
    found = BUILDERS.get(type(event))
    if found is None:
        return []
    builder, day_field = found
    act_day: date | None = getattr(event, day_field) if day_field else None
    day = event.occurred_on or act_day or day_in_vietnam(time)
    return [Fact(fact_id=f"{event_id}#{n}", kind=d.kind, record_id=str(d.record_id),
                 record_kind=d.record_kind, href=d.href, title=d.title,
                 occurred_on=d.day or day, bodies=d.bodies, unit=d.unit,
                 attrs=d.attrs)
            for n, d in enumerate(builder(event))]


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


# -- sessions (HĐND) ------------------------------------------------------------------------

def _session(kind: str, session_id: UUID, title: str, **attrs: Any) -> Draft:
    return Draft(kind, session_id, "session", f"/sessions/{session_id}", title, (HDND,),
                 attrs=attrs)


@builds(sessions.SessionPlanned)
def _planned(e: sessions.SessionPlanned) -> list[Draft]:
    return [_session("session.planned", e.session_id, e.title, session_kind=e.kind)]


@builds(sessions.SessionConvened, "opened_on")
def _convened(e: sessions.SessionConvened) -> list[Draft]:
    return [_session("session.convened", e.session_id, "", present=e.present)]


@builds(sessions.JointMeetingHeld, "held_on")
def _joint(e: sessions.JointMeetingHeld) -> list[Draft]:
    return [_session("session.joint_meeting", e.session_id, "",
                     attending=[str(a) for a in e.attending])]


@builds(sessions.DocumentSubmittedLate, "submitted_on")
def _late(e: sessions.DocumentSubmittedLate) -> list[Draft]:
    return [Draft("session.document_late", e.document_id, "document",
                  f"/sessions/{e.session_id}", e.title, (HDND, str(e.submitted_by)),
                  attrs={"days_late": e.days_late, "due_on": _iso(e.due_on)})]


@builds(sessions.QuestionAsked, "asked_on")
def _asked(e: sessions.QuestionAsked) -> list[Draft]:
    return [_session("session.question", e.session_id, e.question, deputy=e.deputy,
                     official=e.official)]


@builds(sessions.ResolutionPassed, "passed_on")
def _passed(e: sessions.ResolutionPassed) -> list[Draft]:
    return [Draft("resolution.passed", e.resolution_id, "resolution",
                  f"/resolutions/{e.resolution_id}", f"{e.number}: {e.title}", (HDND,),
                  attrs={"session_id": str(e.session_id), "number": e.number})]


@builds(sessions.ResolutionRejected, "voted_on")
def _rejected(e: sessions.ResolutionRejected) -> list[Draft]:
    return [Draft("resolution.rejected", e.document_id, "document",
                  f"/sessions/{e.session_id}", e.title, (HDND,))]


@builds(sessions.ResolutionGuidanceIssued, "issued_on")
def _guidance(e: sessions.ResolutionGuidanceIssued) -> list[Draft]:
    return [Draft("resolution.guidance", e.resolution_id, "resolution",
                  f"/resolutions/{e.resolution_id}",
                  f"{e.resolution_number} — {e.guidance_number}: {e.guidance_title}",
                  (HDND, str(e.issued_by)), e.issuing_unit,
                  attrs={"lag_days": e.lag_days, "first": e.first,
                         "passed_on": _iso(e.passed_on)})]


@builds(sessions.ExplanationSessionHeld, "held_on")
def _explained(e: sessions.ExplanationSessionHeld) -> list[Draft]:
    return [Draft("session.explanation", e.explanation_id, "explanation",
                  f"/explanation-sessions/{e.explanation_id}", e.topic, (HDND,))]


@builds(sessions.BetweenSessionMatterDecided, "decided_on")
def _matter(e: sessions.BetweenSessionMatterDecided) -> list[Draft]:
    return [Draft("session.between_matter", e.matter_id, "matter",
                  f"/between-session-matters/{e.matter_id}",
                  f"{e.decision_number}: {e.title}", (HDND,))]


@builds(sessions.ConfidenceRated, "rated_on")
def _rated(e: sessions.ConfidenceRated) -> list[Draft]:
    return [Draft("session.confidence_rating", e.rating_id, "confidence_rating",
                  f"/confidence-ratings/{e.rating_id}", f"{e.official} ({e.position})",
                  (HDND,), attrs={"outcome": e.outcome, "low": e.low,
                                  "session_id": str(e.session_id)})]


# -- supervision (oversight's own stream) ---------------------------------------------------

def _body(body: str) -> tuple[str, ...]:
    return (MTTQ,) if body == "mttq" else (HDND,)


def _topic(programme_id: UUID, body: str, topic: oversight.ProgrammeTopic) -> Draft:
    return Draft("oversight.topic", topic.item_id, "topic", f"/programmes/{programme_id}",
                 topic.topic, _body(body), day=topic.window_start,
                 attrs={"programme_id": str(programme_id), "supervising_body": body})


@builds(oversight.SupervisionProgrammeAdopted, "adopted_on")
def _programme(e: oversight.SupervisionProgrammeAdopted) -> list[Draft]:
    return [_topic(e.programme_id, e.body, t) for t in e.topics]


@builds(oversight.SupervisionTopicAdded)
def _topic_added(e: oversight.SupervisionTopicAdded) -> list[Draft]:
    # The event does not name the programme's body: the programme's adoption did, and
    # the figure takes it from there (``figures.topics``).
    return [Draft("oversight.topic", e.topic.item_id, "topic", f"/programmes/{e.programme_id}",
                  e.topic.topic, day=e.topic.window_start,
                  attrs={"programme_id": str(e.programme_id), "supervising_body": None})]


@builds(oversight.OverlapDetected)
def _overlap(e: oversight.OverlapDetected) -> list[Draft]:
    # Found when the second programme is adopted (the December before): like a topic, an
    # overlap counts in the period its shared window begins.
    return [Draft("oversight.overlap", e.overlap_id, "overlap", f"/overlaps/{e.overlap_id}",
                  " / ".join(e.topics), (HDND, MTTQ), day=e.period_start)]


@builds(oversight.OverlapResolved)
def _overlap_resolved(e: oversight.OverlapResolved) -> list[Draft]:
    return [Draft("oversight.overlap_resolved", e.overlap_id, "overlap",
                  f"/overlaps/{e.overlap_id}", e.reason or "", (HDND, MTTQ),
                  attrs={"resolution": e.resolution})]


@builds(oversight.SupervisionConducted, "ended_on")
def _supervision(e: oversight.SupervisionConducted) -> list[Draft]:
    return [Draft("oversight.supervision", e.supervision_id, "supervision",
                  f"/supervisions/{e.supervision_id}", e.topic, _body(e.body),
                  attrs={"units_visited": len(e.units_visited)})]


def _recommendation(kind: str, recommendation_id: UUID, title: str, **attrs: Any) -> Draft:
    return Draft(kind, recommendation_id, "recommendation",
                 f"/recommendations/{recommendation_id}", title, attrs=attrs)


@builds(oversight.RecommendationIssued, "issued_on")
def _issued(e: oversight.RecommendationIssued) -> list[Draft]:
    return [Draft("oversight.recommendation", e.recommendation_id, "recommendation",
                  f"/recommendations/{e.recommendation_id}", e.action,
                  (*_body(e.body), str(e.addressee_agency)), e.addressee_unit,
                  attrs={"due_on": _iso(e.due_on), "topic": e.topic})]


@builds(oversight.RecommendationAnswered, "responded_on")
def _answered(e: oversight.RecommendationAnswered) -> list[Draft]:
    return [_recommendation("oversight.recommendation_answered", e.recommendation_id, e.done,
                            outcome=e.outcome, on_time=e.on_time)]


@builds(oversight.RecommendationAccepted, "accepted_on")
def _accepted(e: oversight.RecommendationAccepted) -> list[Draft]:
    return [_recommendation("oversight.recommendation_accepted", e.recommendation_id,
                            e.note or "")]


@builds(oversight.RecommendationReopened, "reopened_on")
def _reopened(e: oversight.RecommendationReopened) -> list[Draft]:
    return [_recommendation("oversight.recommendation_reopened", e.recommendation_id,
                            e.reason, due_on=_iso(e.due_on))]


# -- petitions ------------------------------------------------------------------------------

def _petition(kind: str, petition_id: UUID, title: str, bodies: tuple[str, ...] = (),
              unit: str | None = None, **attrs: Any) -> Draft:
    return Draft(kind, petition_id, "petition", f"/petitions/{petition_id}", title, bodies,
                 unit, attrs=attrs)


@builds(petitions.PetitionRecorded)
def _recorded(e: petitions.PetitionRecorded) -> list[Draft]:
    return [_petition("petition.recorded", e.petition_id, e.text, (MTTQ,),
                      channel=e.channel)]


@builds(petitions.PetitionsConsolidated)
def _consolidated(e: petitions.PetitionsConsolidated) -> list[Draft]:
    return [_petition("petition.consolidated", e.petition_id, e.text, (MTTQ,),
                      sources=len(e.sources), merged=len(e.merged_petition_ids))]


@builds(petitions.PetitionConsolidationSplit)
def _split(e: petitions.PetitionConsolidationSplit) -> list[Draft]:
    return [_petition("petition.split", e.petition_id, e.reason, (MTTQ,))]


@builds(petitions.PetitionForwarded, "forwarded_on")
def _forwarded(e: petitions.PetitionForwarded) -> list[Draft]:
    return [_petition("petition.forwarded", e.petition_id, e.text, (str(e.to_agency),),
                      e.to_unit, reforwarded=e.reforwarded, due_date=_iso(e.due_date))]


@builds(petitions.PetitionAnswered, "answered_on")
def _petition_answered(e: petitions.PetitionAnswered) -> list[Draft]:
    # Titled by who answered, never by the answer: until MTTQ publishes it, an answer is
    # not the public's to read (petitions' policy), and the review's records are public.
    who = AGENCY_NAMES[e.agency][0] + (f" – {e.unit}" if e.unit else "")
    return [_petition("petition.answered", e.petition_id, f"Trả lời của {who}",
                      (str(e.agency),), e.unit, on_time=e.on_time, due_date=_iso(e.due_date))]


@builds(petitions.PetitionAnswerPublished, "published_on")
def _published(e: petitions.PetitionAnswerPublished) -> list[Draft]:
    return [_petition("petition.published", e.petition_id, e.text,
                      (MTTQ, str(e.answered_by)))]


@builds(petitions.PetitionResolutionUpdated, "updated_on")
def _status(e: petitions.PetitionResolutionUpdated) -> list[Draft]:
    return [_petition("petition.status", e.petition_id, e.note or "", status=str(e.status))]


# -- citizens' letters (no name, no text: only what the contract carries) ------------------

def _letter(kind: str, letter_id: UUID, handler: str, **attrs: Any) -> Draft:
    return Draft(kind, letter_id, "letter", f"/letters/{letter_id}", "", (handler,),
                 attrs=attrs)


@builds(letters.LetterReceived, "received_on")
def _received(e: letters.LetterReceived) -> list[Draft]:
    return [_letter("letter.received", e.letter_id, str(e.handler), letter_kind=e.kind,
                    treated_as=e.treated_as, channel=e.channel)]


@builds(letters.LetterAccepted, "accepted_on")
def _letter_accepted(e: letters.LetterAccepted) -> list[Draft]:
    return [_letter("letter.accepted", e.letter_id, str(e.handler), on_time=e.on_time)]


@builds(letters.LetterForwarded, "forwarded_on")
def _letter_forwarded(e: letters.LetterForwarded) -> list[Draft]:
    return [_letter("letter.forwarded", e.letter_id, str(e.handler), on_time=e.on_time)]


@builds(letters.LetterGuided, "guided_on")
def _letter_guided(e: letters.LetterGuided) -> list[Draft]:
    return [_letter("letter.guided", e.letter_id, str(e.handler))]


@builds(letters.LetterDecided, "decided_on")
def _letter_decided(e: letters.LetterDecided) -> list[Draft]:
    return [_letter("letter.decided", e.letter_id, str(e.handler), on_time=e.on_time)]


@builds(letters.LetterAppealed, "appealed_on")
def _letter_appealed(e: letters.LetterAppealed) -> list[Draft]:
    # The appeal is a letter of its own (received, then counted there too): here the
    # first letter, appealed.
    return [Draft("letter.appealed", e.letter_id, "letter", f"/letters/{e.letter_id}", "",
                  attrs={"second_letter_id": str(e.second_letter_id)})]


@builds(letters.ComplaintWithdrawn, "withdrawn_on")
def _withdrawn(e: letters.ComplaintWithdrawn) -> list[Draft]:
    return [_letter("letter.withdrawn", e.letter_id, str(e.handler))]


# -- social criticism, comments on draft laws, two-way reports ------------------------------

@builds(oversight.SocialCriticismConferenceHeld, "held_on")
def _criticism_conference(e: oversight.SocialCriticismConferenceHeld) -> list[Draft]:
    return [Draft("criticism.conference", e.criticism_id, "social_criticism",
                  f"/social-criticisms/{e.criticism_id}", e.summary, (MTTQ,),
                  attrs={"participants": e.participants})]


@builds(oversight.SocialCriticismSent, "sent_on")
def _criticism_sent(e: oversight.SocialCriticismSent) -> list[Draft]:
    return [Draft("criticism.sent", e.criticism_id, "social_criticism",
                  f"/social-criticisms/{e.criticism_id}", e.draft_title, (MTTQ,),
                  attrs={"drafting_agency": str(e.drafting_agency)})]


@builds(oversight.DraftLawCommentsSent, "sent_on")
def _draft_law_commented(e: oversight.DraftLawCommentsSent) -> list[Draft]:
    return [Draft("draft_law.commented", e.consultation_id, "draft_law_consultation",
                  f"/draft-laws/{e.consultation_id}", e.law_title, (str(e.collector),),
                  attrs={"comments": e.comment_count})]


def _report(kind: str, e: oversight.ObligationReportSubmitted | oversight.ObligationReportOverdue,
            **attrs: Any) -> Draft:
    return Draft(kind, e.report_id, "obligation_report", f"/reporting/reports/{e.report_id}",
                 f"{e.title} ({e.period_label})", (str(e.from_agency),),
                 attrs={"obligation_id": e.obligation_id, **attrs})


@builds(oversight.ObligationReportSubmitted, "submitted_on")
def _report_submitted(e: oversight.ObligationReportSubmitted) -> list[Draft]:
    return [_report("report.submitted", e, on_time=e.on_time)]


@builds(oversight.ObligationReportOverdue, "found_on")
def _report_overdue(e: oversight.ObligationReportOverdue) -> list[Draft]:
    return [_report("report.overdue", e)]
