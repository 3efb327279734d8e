"""Oversight service, major version 1: supervision programmes of HĐND and MTTQ, their
coordination (overlaps found and resolved), supervisions and their recommendations."""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from contracts.base import IntegrationEvent
from contracts.vocabulary import Agency, PolicyField

PROGRAMME_ID = Field(description="Id of the supervision programme (chương trình giám sát).")
ITEM_ID = Field(description="Id of the programme's topic (chuyên đề).")
OVERLAP_ID = Field(description="Id of the overlap between an HĐND and an MTTQ topic.")

SupervisingBody = Literal["standing_committee", "committee", "deputy_group", "mttq"]
OverlapResolution = Literal["joint", "rescheduled", "accepted"]


class _OversightEvent(IntegrationEvent):
    service: ClassVar[str] = "oversight"


class ProgrammeTopic(BaseModel):
    """One topic of a supervision programme: its field, the units to visit, its window."""

    model_config = ConfigDict(frozen=True)

    item_id: UUID = ITEM_ID
    topic: str = Field(description="The topic (chuyên đề) supervised.")
    field: PolicyField = Field(description="The field (lĩnh vực) it concerns.")
    units: list[str] = Field(
        description="Places and units to visit (communes, departments, schools…).")
    window_start: date = Field(description="First day of the planned window.")
    window_end: date = Field(description="Last day of the planned window.")


class PlannedTopic(ProgrammeTopic):
    """A topic with the programme and the body it belongs to."""

    programme_id: UUID = PROGRAMME_ID
    body: SupervisingBody = Field(
        description="standing_committee (Thường trực HĐND), committee (Ban HĐND), "
        "deputy_group (Tổ đại biểu) or mttq.")
    body_name: str = Field(description="The body's name (which Ban, which Tổ).")


class SupervisionProgrammeAdopted(_OversightEvent):
    """A supervising body adopted its programme for a year."""

    programme_id: UUID = PROGRAMME_ID
    year: int = Field(description="The year the programme covers.")
    body: SupervisingBody = Field(description="The kind of supervising body.")
    body_name: str = Field(description="The body's name.")
    adopted_on: date = Field(description="Day the programme was adopted.")
    topics: list[ProgrammeTopic] = Field(description="Its topics.")


class SupervisionTopicAdded(_OversightEvent):
    """A topic was added to a programme."""

    programme_id: UUID = PROGRAMME_ID
    topic: ProgrammeTopic = Field(description="The topic added.")


class SupervisionTopicRescheduled(_OversightEvent):
    """A topic's window was moved (to avoid an overlap, or for another reason)."""

    programme_id: UUID = PROGRAMME_ID
    item_id: UUID = ITEM_ID
    topic: str = Field(description="The topic.")
    window_start: date = Field(description="First day of the new window.")
    window_end: date = Field(description="Last day of the new window.")
    previous_start: date = Field(description="First day of the window planned before.")
    previous_end: date = Field(description="Last day of the window planned before.")
    reason: str = Field(description="Why it moved.")


class OverlapDetected(_OversightEvent):
    """An HĐND topic and an MTTQ topic would supervise the same unit in overlapping
    windows, or the same topic in the same period: the two bodies should coordinate."""

    overlap_id: UUID = OVERLAP_ID
    first: PlannedTopic = Field(description="The topic planned first.")
    second: PlannedTopic = Field(description="The topic that met it.")
    bodies: list[str] = Field(description="The two bodies' names, first's then second's.")
    topics: list[str] = Field(description="The two topics, first's then second's.")
    shared_units: list[str] = Field(description="Units both would visit (may be empty).")
    topic_similarity: float | None = Field(
        default=None, ge=0, le=1,
        description="How alike the topics' wording is, when alike enough to count.")
    period_start: date = Field(description="First day both windows share.")
    period_end: date = Field(description="Last day both windows share.")


class OverlapResolved(_OversightEvent):
    """An overlap was resolved: joint supervision, a rescheduling, or accepted."""

    overlap_id: UUID = OVERLAP_ID
    resolution: OverlapResolution = Field(
        description="joint (liên tịch: each invites the other), rescheduled, or accepted.")
    reason: str | None = Field(default=None, description="Why (required when accepted).")


SUPERVISION_ID = Field(description="Id of the supervision (đợt giám sát).")
RECOMMENDATION_ID = Field(description="Id of the recommendation (kiến nghị sau giám sát).")
Outcome = Literal["implemented", "partly", "not_yet"]


class SupervisionConducted(_OversightEvent):
    """A supervision of a programme's topic took place: members, dates, units visited."""

    supervision_id: UUID = SUPERVISION_ID
    programme_id: UUID = PROGRAMME_ID
    item_id: UUID = ITEM_ID
    body: SupervisingBody = Field(description="The kind of supervising body.")
    body_name: str = Field(description="The body's name.")
    topic: str = Field(description="The topic supervised.")
    field: PolicyField = Field(description="The field it concerns.")
    members: list[str] = Field(description="Members of the supervising delegation.")
    started_on: date = Field(description="First day of the supervision.")
    ended_on: date = Field(description="Last day of the supervision.")
    units_visited: list[str] = Field(description="Places and units visited.")


class SupervisionReported(_OversightEvent):
    """The supervision's report: findings, causes, responsibility, its recommendations."""

    supervision_id: UUID = SUPERVISION_ID
    reported_on: date = Field(description="Day of the report.")
    findings: str = Field(description="What was found (kết quả giám sát).")
    causes: str = Field(description="Causes (nguyên nhân).")
    responsibility: str = Field(description="Who is responsible (trách nhiệm).")
    recommendation_ids: list[UUID] = Field(description="The recommendations it issued.")


class RecommendationIssued(_OversightEvent):
    """A recommendation after supervision, to an addressee, with an action and a due date."""

    recommendation_id: UUID = RECOMMENDATION_ID
    supervision_id: UUID = SUPERVISION_ID
    body: SupervisingBody = Field(description="The kind of body that issued it.")
    body_name: str = Field(description="The body's name.")
    topic: str = Field(description="The topic supervised.")
    addressee_agency: Agency = Field(description="The agency addressed (normally ubnd).")
    addressee_unit: str | None = Field(
        default=None, description="The unit addressed (a department, a commune…).")
    action: str = Field(description="What is asked of it.")
    issued_on: date = Field(description="Day of the report that issued it.")
    due_on: date = Field(description="Day by which the addressee reports what it did.")
    rule_id: str | None = Field(
        default=None, description="Rulebook rule of the due date (none when the report set it).")
    legal_source: str | None = Field(default=None, description="Legal source of that rule.")


class RecommendationAnswered(_OversightEvent):
    """The addressee said what it did: implemented, partly, or not yet."""

    recommendation_id: UUID = RECOMMENDATION_ID
    addressee_agency: Agency = Field(description="The agency that answered.")
    addressee_unit: str | None = Field(default=None, description="Its unit, when addressed.")
    outcome: Outcome = Field(description="implemented, partly or not_yet.")
    done: str = Field(description="What was done.")
    responded_on: date = Field(description="Day of the answer.")
    due_on: date = Field(description="The due date it answered against.")
    on_time: bool = Field(description="Answered by the due date.")


class RecommendationAccepted(_OversightEvent):
    """The supervising body accepted the answer: the follow-up ends."""

    recommendation_id: UUID = RECOMMENDATION_ID
    accepted_on: date = Field(description="Day it was accepted.")
    note: str | None = Field(default=None, description="The body's note.")


class RecommendationReopened(_OversightEvent):
    """The supervising body found the answer wanting: the addressee must act again."""

    recommendation_id: UUID = RECOMMENDATION_ID
    reopened_on: date = Field(description="Day it was reopened.")
    reason: str = Field(description="Why.")
    due_on: date = Field(description="The new due date.")
    addressee_agency: Agency | None = Field(
        default=None, description="The agency that must act again (as issued).")
    addressee_unit: str | None = Field(default=None, description="Its unit, when addressed.")
    body_name: str | None = Field(default=None, description="The body that issued it.")
    topic: str | None = Field(default=None, description="The topic supervised.")
    action: str | None = Field(default=None, description="What is asked of it.")


class RecommendationReviewedAtSession(_OversightEvent):
    """The council re-reviewed a recommendation still followed at a regular session."""

    recommendation_id: UUID = RECOMMENDATION_ID
    session_id: UUID = Field(description="The session (in the sessions service).")
    session_title: str = Field(description="Its title.", examples=["Kỳ họp thứ 12"])
    reviewed_on: date = Field(description="Day it was re-reviewed.")
    conclusion: str = Field(description="What the council concluded.")


class PetitionAnswerOverdue(_OversightEvent):
    """Monitoring: a petition forwarded to an agency was not answered by its due date.

    Found from the petitions stream by oversight's daily pass, once per due date.
    """

    petition_id: UUID = Field(description="The petition (in the petitions service).")
    agency: Agency = Field(description="The agency that owes the answer.")
    unit: str | None = Field(default=None, description="Its department or unit, if named.")
    forwarded_on: date = Field(description="Day it was forwarded to that agency.")
    due_date: date = Field(description="Day the answer was due.")
    found_on: date = Field(description="Day oversight found it overdue.")


class ResolutionGuidanceOverdue(_OversightEvent):
    """Monitoring: a passed resolution had no UBND guidance within the rulebook's days.

    Found from the sessions stream by oversight's daily pass, once per resolution.
    """

    resolution_id: UUID = Field(description="The resolution (in the sessions service).")
    number: str = Field(description="Its number.", examples=["15/2026/NQ-HĐND"])
    title: str = Field(description="Its title.")
    passed_on: date = Field(description="Day it was passed.")
    guidance_due: date = Field(description="Day by which guidance was expected.")
    rule_id: str = Field(description="Rulebook rule that set that day.")
    legal_source: str = Field(description="Legal source of that rule.")
    found_on: date = Field(description="Day oversight found it without guidance.")


# -- social criticism (phản biện xã hội) by MTTQ -------------------------------------------

CRITICISM_ID = Field(description="Id of the social criticism of one draft (phản biện xã hội).")
Uptake = Literal["taken_in", "partly", "explained"]


class SocialCriticismDraftReceived(_OversightEvent):
    """MTTQ received a draft from the body drafting it, for social criticism."""

    criticism_id: UUID = CRITICISM_ID
    draft_title: str = Field(description="The draft (dự thảo) criticised.")
    drafting_agency: Agency = Field(description="The agency drafting it.")
    drafting_unit: str | None = Field(default=None, description="Its drafting unit, if named.")
    received_on: date = Field(description="Day MTTQ received the draft.")


class SocialCriticismConferenceHeld(_OversightEvent):
    """MTTQ held the social criticism conference on the draft (NQLT 403/2017)."""

    criticism_id: UUID = CRITICISM_ID
    held_on: date = Field(description="Day of the conference.")
    participants: int = Field(description="How many took part.")
    summary: str = Field(description="What the conference found.")


class SocialCriticismSent(_OversightEvent):
    """MTTQ sent its written criticism (văn bản phản biện) to the drafting body."""

    criticism_id: UUID = CRITICISM_ID
    draft_title: str = Field(description="The draft criticised.")
    drafting_agency: Agency = Field(description="The agency drafting it.")
    drafting_unit: str | None = Field(default=None, description="Its drafting unit, if named.")
    sent_on: date = Field(description="Day the criticism was sent.")
    document_number: str | None = Field(default=None, description="The document's number.")
    content: str = Field(description="The criticism.")


class SocialCriticismReplied(_OversightEvent):
    """The drafting body replied: taken in, partly taken in, or explained."""

    criticism_id: UUID = CRITICISM_ID
    replied_on: date = Field(description="Day of the reply.")
    uptake: Uptake = Field(description="taken_in (tiếp thu), partly, explained (giải trình).")
    reply: str = Field(description="The reply.")


# -- comments on draft laws (góp ý dự thảo luật) -------------------------------------------

CONSULTATION_ID = Field(description="Id of the collection of comments on one draft law.")


class DraftLawConsultationOpened(_OversightEvent):
    """The delegation (dbqh) or MTTQ began collecting comments on a draft law."""

    consultation_id: UUID = CONSULTATION_ID
    law_title: str = Field(description="The draft law.")
    collector: Agency = Field(description="dbqh or mttq.")
    opened_on: date = Field(description="Day the collection began.")


class DraftLawCommentsSent(_OversightEvent):
    """The comments collected on a draft law were sent on (the sources stay in oversight)."""

    consultation_id: UUID = CONSULTATION_ID
    law_title: str = Field(description="The draft law.")
    collector: Agency = Field(description="dbqh or mttq.")
    sent_on: date = Field(description="Day they were sent.")
    sent_to: str = Field(description="To whom (the National Assembly's body).")
    summary: str = Field(description="The summary sent.")
    comment_count: int = Field(description="Comments collected.")
    from_voters: int = Field(description="Of them, from voters (cử tri).")
    from_groups: int = Field(description="Of them, from groups and conferences.")


# -- two-way reporting (báo cáo hai chiều) ---------------------------------------------------

Frequency = Literal["monthly", "quarterly", "half_yearly", "yearly", "thematic"]


class _ObligationReportEvent(_OversightEvent):
    report_id: UUID = Field(description="Id of the report of one obligation for one period.")
    obligation_id: str = Field(description="The obligation (oversight's obligations table).",
                               examples=["ubnd.socioeconomic.monthly"])
    title: str = Field(description="What is reported.")
    from_agency: Agency = Field(description="The agency that owes the report.")
    to_agencies: list[Agency] = Field(description="The agencies it is owed to.")
    period_label: str = Field(description="The period: 2026-03, 2026-Q1, 2026-H1, 2026, or "
                              "a thematic report's due day.")
    period_start: date = Field(description="First day of the period.")
    period_end: date = Field(description="Last day of the period.")
    due_on: date = Field(description="Day the report was due.")


class ObligationReportSubmitted(_ObligationReportEvent):
    """A body submitted a report it owes another (on time or late, by the day submitted)."""

    submitted_on: date = Field(description="Day it was submitted.")
    on_time: bool = Field(description="Submitted by the due date.")
    summary: str = Field(description="What the report says, in short.")
    document_number: str | None = Field(default=None, description="The report's number.")


class ObligationReportOverdue(_ObligationReportEvent):
    """Monitoring: a report owed was not submitted by its due date (found once)."""

    found_on: date = Field(description="Day oversight found it overdue.")
