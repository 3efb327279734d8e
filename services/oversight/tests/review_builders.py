"""Builders of the review tests: integration events of every stream, as their services
publish them, dated by ``occurred_on`` in two years (2024 and 2025)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID, uuid4

from contracts import IntegrationEvent
from contracts.letters import v1 as letters
from contracts.oversight import v1 as oversight
from contracts.petitions import v1 as petitions
from contracts.sessions import v1 as sessions
from contracts.vocabulary import Agency, JurisdictionLevel, PolicyField, ResolutionStatus
from oversight.review.facts import Fact, facts_of

RECORDED = datetime(2026, 1, 5, 2, 0, tzinfo=UTC)  # typed in later: the day is what counts
LAW = "Luật Tổ chức chính quyền địa phương"


def dated(event: IntegrationEvent, day: date) -> IntegrationEvent:
    return event.model_copy(update={"occurred_on": day, "recorded_at": RECORDED})


class History:
    """Events in the order their services published them, with the facts they say."""

    def __init__(self) -> None:
        self.events: list[tuple[str, IntegrationEvent]] = []

    def add(self, event: IntegrationEvent, day: date) -> IntegrationEvent:
        stamped = dated(event, day)
        self.events.append((f"tien-giang:{event.service}:{len(self.events) + 1}", stamped))
        return stamped

    def facts(self) -> list[Fact]:
        return [f for event_id, e in self.events
                for f in facts_of(e, event_id=event_id, time=RECORDED)]

    # -- sessions ---------------------------------------------------------------------------

    def session(self, day: date, kind: str = "thematic", questions: int = 0) -> UUID:
        session_id = uuid4()
        self.add(sessions.SessionPlanned(
            session_id=session_id, number=len(self.events) + 1, term="2021-2026",
            title=f"Kỳ họp ({kind})", kind=kind, planned_opening=day, planned_closing=day,
            place="Hội trường HĐND tỉnh", total_deputies=50, requested_by=None,
            requesting_deputies=None), day)
        self.add(sessions.SessionConvened(session_id=session_id, opened_on=day,
                                          total_deputies=50, present=48,
                                          absent_deputies=[]), day)
        for n in range(questions):
            self.add(sessions.QuestionAsked(
                session_id=session_id, question_id=uuid4(), deputy=f"Đại biểu {n}",
                question="Vì sao chậm giải ngân vốn đầu tư công?", official="Giám đốc Sở",
                official_position="Giám đốc Sở Tài chính", asked_on=day), day)
        return session_id

    def resolution(self, day: date, session_id: UUID | None = None) -> UUID:
        resolution_id = uuid4()
        self.add(sessions.ResolutionPassed(
            session_id=session_id or uuid4(), resolution_id=resolution_id,
            document_id=uuid4(), number=f"{len(self.events)}/NQ-HĐND",
            title="Nghị quyết hỗ trợ học sinh", field=PolicyField.EDUCATION, passed_on=day,
            yes=40, no=2, abstain=1, absent=7, total_deputies=50,
            rule_id="session.resolution.pass_share", legal_source=LAW), day)
        return resolution_id

    def guidance(self, resolution_id: UUID, passed_on: date, day: date) -> None:
        self.add(sessions.ResolutionGuidanceIssued(
            resolution_id=resolution_id, resolution_number="1/NQ-HĐND",
            guidance_number="12/HD-UBND", guidance_title="Hướng dẫn", issued_on=day,
            issued_by=Agency.UBND, issuing_unit=None, passed_on=passed_on,
            lag_days=(day - passed_on).days, first=True), day)

    # -- petitions --------------------------------------------------------------------------

    def petition(self, recorded_on: date) -> UUID:
        petition_id = uuid4()
        self.add(petitions.PetitionRecorded(
            petition_id=petition_id, text="Đề nghị sửa đường tỉnh 864", meeting_id=None,
            commune="Xã Tân Phú", channel="meeting", deputy=None,
            recorded_at=RECORDED), recorded_on)
        return petition_id

    def forward(self, petition_id: UUID, day: date, due: date, *, agency: Agency = Agency.UBND,
                unit: str | None = "Sở Xây dựng", reforwarded: bool = False) -> None:
        self.add(petitions.PetitionForwarded(
            petition_id=petition_id, text="Đề nghị sửa đường tỉnh 864", to_agency=agency,
            to_unit=unit, level=JurisdictionLevel.PROVINCE, forwarded_on=day, due_date=due,
            rule_id="petition.answer.local", legal_source="Quy chế phối hợp",
            reforwarded=reforwarded, reason="Đúng thẩm quyền" if reforwarded else None), day)

    def answer(self, petition_id: UUID, day: date, due: date, *, agency: Agency = Agency.UBND,
               unit: str | None = "Sở Xây dựng") -> None:
        self.add(petitions.PetitionAnswered(
            petition_id=petition_id, agency=agency, unit=unit, answer="Đã bố trí vốn.",
            answered_on=day, due_date=due, on_time=day <= due), day)

    def status(self, petition_id: UUID, status: ResolutionStatus, day: date) -> None:
        self.add(petitions.PetitionResolutionUpdated(
            petition_id=petition_id, status=status, roadmap_date=None, note=None,
            updated_on=day), day)

    # -- letters ----------------------------------------------------------------------------

    def letter(self, day: date, kind: str = "complaint", *, decided_on: date | None = None,
               due: date | None = None) -> UUID:
        letter_id = uuid4()
        self.add(letters.LetterReceived(
            letter_id=letter_id, kind=kind, treated_as=kind, channel="mail",
            received_on=day, handler=Agency.UBND, instance=1, appeal_of=None,
            handling_due_on=None, rule_id=None, legal_source=None), day)
        if decided_on is not None:
            self.add(letters.LetterDecided(letter_id=letter_id, handler=Agency.UBND,
                                           decided_on=decided_on,
                                           on_time=due is None or decided_on <= due),
                     decided_on)
        return letter_id

    # -- supervision ------------------------------------------------------------------------

    def programme(self, year: int, body: str, months: list[int]) -> list[UUID]:
        topics = [oversight.ProgrammeTopic(
            item_id=uuid4(), topic=f"Chuyên đề tháng {m}", field=PolicyField.EDUCATION,
            units=["Sở Giáo dục và Đào tạo"], window_start=date(year, m, 1),
            window_end=date(year, m, 20)) for m in months]
        self.add(oversight.SupervisionProgrammeAdopted(
            programme_id=uuid4(), year=year, body=body, body_name="",
            adopted_on=date(year - 1, 12, 15), topics=topics), date(year - 1, 12, 15))
        return [t.item_id for t in topics]

    def recommendation(self, issued_on: date, due_on: date, *,
                       answered_on: date | None = None) -> UUID:
        recommendation_id = uuid4()
        self.add(oversight.RecommendationIssued(
            recommendation_id=recommendation_id, supervision_id=uuid4(),
            body="committee", body_name="Ban Văn hóa - Xã hội", topic="Học sinh",
            addressee_agency=Agency.UBND, addressee_unit="Sở Giáo dục và Đào tạo",
            action="Bố trí kinh phí", issued_on=issued_on, due_on=due_on, rule_id=None,
            legal_source=None), issued_on)
        if answered_on is not None:
            self.add(oversight.RecommendationAnswered(
                recommendation_id=recommendation_id, addressee_agency=Agency.UBND,
                addressee_unit="Sở Giáo dục và Đào tạo", outcome="implemented",
                done="Đã bố trí", responded_on=answered_on, due_on=due_on,
                on_time=answered_on <= due_on), answered_on)
        return recommendation_id


def consume_own_events(app: Any, jurisdiction: str) -> int:
    """What oversight's consumer of its own stream applies, without NATS: each stored event
    in the form its relay publishes it (the same CloudEvents id, time and data)."""
    from chassis.messaging.consuming_application import tracking_name
    from chassis.messaging.relay import published_form
    from contracts import decode_cloudevent, event_source
    from oversight.application import translate

    name = tracking_name(event_source(jurisdiction, "oversight"), "oversight")
    applied = 0
    for notification in app.recorder.select_notifications(start=0, limit=10_000,
                                                          inclusive_of_start=False):
        event = app.mapper.to_domain_event(notification)
        integration = translate(event)
        if integration is not None:
            body = published_form(integration, event, jurisdiction, notification.id)[2]
            applied += app.apply_received(decode_cloudevent(body), name)
    return applied
