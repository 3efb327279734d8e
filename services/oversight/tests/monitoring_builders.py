"""Builders of the monitoring tests: upstream events as the petitions and sessions
services publish them, and their envelopes as the consumer hands them over."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID, uuid4

from oversight_builders import JURISDICTION

from contracts import IntegrationEvent, ReceivedEvent, decode_cloudevent, encode_cloudevent
from contracts.petitions.v1 import PetitionAnswered, PetitionForwarded
from contracts.sessions.v1 import ResolutionGuidanceIssued, ResolutionPassed
from contracts.vocabulary import Agency, JurisdictionLevel, PolicyField

FORWARDED_ON = date(2026, 3, 2)
DUE = date(2026, 4, 1)
PASSED_ON = date(2026, 7, 10)


def vietnam_morning(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 2, 0, tzinfo=UTC)  # 09:00 in Vietnam


def forwarded(petition_id: UUID | None = None, *, agency: Agency = Agency.UBND,
              unit: str | None = "Sở Giao thông vận tải", forwarded_on: date = FORWARDED_ON,
              due_date: date = DUE, reforwarded: bool = False) -> PetitionForwarded:
    return PetitionForwarded(
        petition_id=petition_id or uuid4(),
        text="Đề nghị sửa chữa đường tỉnh 864 đoạn qua xã Tân Phú bị xuống cấp",
        to_agency=agency, to_unit=unit, level=JurisdictionLevel.PROVINCE,
        forwarded_on=forwarded_on, due_date=due_date, rule_id="petition.answer.local",
        legal_source="Quy chế phối hợp của tỉnh", reforwarded=reforwarded,
        reason="Chuyển lại đúng thẩm quyền" if reforwarded else None)


def answered(petition_id: UUID, answered_on: date, due_date: date = DUE,
             agency: Agency = Agency.UBND) -> PetitionAnswered:
    return PetitionAnswered(
        petition_id=petition_id, agency=agency, unit="Sở Giao thông vận tải",
        answer="Đã bố trí vốn sửa chữa trong quý II.", answered_on=answered_on,
        due_date=due_date, on_time=answered_on <= due_date)


def passed(resolution_id: UUID | None = None, number: str = "15/2026/NQ-HĐND",
           passed_on: date = PASSED_ON) -> ResolutionPassed:
    return ResolutionPassed(
        session_id=uuid4(), resolution_id=resolution_id or uuid4(), document_id=uuid4(),
        number=number, title="Nghị quyết quy định mức hỗ trợ học sinh vùng khó khăn",
        field=PolicyField.EDUCATION, passed_on=passed_on, yes=40, no=2, abstain=1, absent=7,
        total_deputies=50, rule_id="session.resolution.pass_share",
        legal_source="Luật Tổ chức chính quyền địa phương")


def guidance(resolution_id: UUID, issued_on: date, passed_on: date = PASSED_ON
             ) -> ResolutionGuidanceIssued:
    return ResolutionGuidanceIssued(
        resolution_id=resolution_id, resolution_number="15/2026/NQ-HĐND",
        guidance_number="120/HD-UBND", guidance_title="Hướng dẫn thực hiện nghị quyết",
        issued_on=issued_on, issued_by=Agency.UBND, issuing_unit=None, passed_on=passed_on,
        lag_days=(issued_on - passed_on).days, first=True)


class Envelopes:
    """Wraps upstream events in CloudEvents, each upstream with its own sequence."""

    def __init__(self, jurisdiction: str = JURISDICTION) -> None:
        self.jurisdiction = jurisdiction
        self.sequences: dict[str, int] = {}

    def encode(self, event: IntegrationEvent, subject: str) -> tuple[str, str, bytes]:
        sequence = self.sequences.get(event.service, 0) + 1
        self.sequences[event.service] = sequence
        return encode_cloudevent(event, jurisdiction=self.jurisdiction, sequence=sequence,
                                 subject=subject, time=datetime.now(UTC))

    def received(self, event: IntegrationEvent, subject: str) -> ReceivedEvent:
        return decode_cloudevent(self.encode(event, subject)[2])


def subject_of(event: IntegrationEvent) -> str:
    """The CloudEvents subject its producer gives it: the record it is about."""
    return str(getattr(event, "petition_id", None) or getattr(event, "resolution_id", ""))
