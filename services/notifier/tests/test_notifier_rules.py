"""The rule table and the templates: data that is checked, and what it decides."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import uuid4

import pytest
from notifier_support import forwarded, resolution_passed

from chassis.web.auth import Principal
from contracts.sessions.v1 import AgendaItem, JointMeetingHeld, MeetingScheduled
from contracts.vocabulary import Agency
from notifier.domain.errors import InvalidRecipientError
from notifier.domain.recipients import Recipient
from notifier.rules import (
    RulesError,
    check_rules,
    default_rules,
    default_templates,
    load_rules,
    load_templates,
)


def keys(recipients: list[Recipient]) -> list[str]:
    return [r.key for r in recipients]


def test_the_shipped_table_is_consistent_with_the_contracts_and_consumes_every_stream() -> None:
    table = default_rules()
    check_rules(table, default_templates())
    assert table.upstreams() == ["letters", "oversight", "petitions", "sessions"]
    assert {r.id for r in table.reminders} == {
        "petition.answer_due", "session.agenda_items_due", "oversight.recommendation_due",
        "letter.handling_due", "letter.resolution_due", "oversight.recommendation_due_again",
        "oversight.report_overdue"}


def test_rules_name_the_agency_and_unit_mttq_the_public_and_deputies() -> None:
    table = default_rules()
    petition = forwarded()
    (rule,) = table.rules_for(petition)
    assert keys(rule.recipients_of(petition)) == ["agency:ubnd/Sở Xây dựng"]
    without_unit = forwarded(to_unit=None)
    assert keys(rule.recipients_of(without_unit)) == ["agency:ubnd"]

    passed = resolution_passed()
    assert [(r.id, keys(r.recipients_of(passed))) for r in table.rules_for(passed)] == [
        ("session.resolution_passed", ["public"]),
        ("session.resolution_to_implement", ["agency:ubnd"]),
    ]


def test_list_fields_expand_into_one_recipient_each() -> None:
    table = default_rules()
    meeting = JointMeetingHeld(
        session_id=uuid4(), held_on=date(2025, 6, 20), attending=[Agency.HDND, Agency.UBND],
        agreed_opening=date(2025, 7, 15), agenda=[
            AgendaItem(item_id=uuid4(), title="Bảng giá đất", kind="draft_resolution",
                       prepared_by=Agency.UBND, preparing_unit="Sở Tài chính"),
            AgendaItem(item_id=uuid4(), title="Báo cáo giám sát", kind="report",
                       prepared_by=Agency.HDND),
            AgendaItem(item_id=uuid4(), title="Dự toán", kind="report",
                       prepared_by=Agency.UBND, preparing_unit="Sở Tài chính"),
        ])
    (rule,) = table.rules_for(meeting)
    assert keys(rule.recipients_of(meeting)) == ["agency:ubnd/Sở Tài chính", "agency:hdnd"]
    scheduled = MeetingScheduled(
        entry_id=uuid4(), organiser_kind="committee", organiser="Ban Kinh tế - Ngân sách",
        title="Họp thẩm tra", starts_at=datetime(2025, 7, 1, 1, tzinfo=UTC),
        ends_at=datetime(2025, 7, 1, 4, tzinfo=UTC), place="Phòng họp số 2",
        participants=["Nguyễn Văn An", "Trần Thị Bình"])
    (rule,) = table.rules_for(scheduled)
    assert keys(rule.recipients_of(scheduled)) == ["person:Nguyễn Văn An",
                                                   "person:Trần Thị Bình"]


def test_a_broken_table_is_refused_with_every_problem_named() -> None:
    table = load_rules("""
[[rule]]
id = "a"
event = "vn.phoihop.petitions.PetitionTeleported.v1"
recipients = [{ agency = "ubnd" }]
template = "petition_forwarded"
channels = ["inbox"]

[[rule]]
id = "b"
event = "vn.phoihop.petitions.PetitionForwarded.v1"
recipients = [{ agency = "{to_agencyy}" }]
template = "nowhere"
channels = ["inbox"]

[[reminder]]
id = "d"
start = "vn.phoihop.letters.LetterAccepted.v1"
stop = ["vn.phoihop.letters.LetterDecided.v1"]
moved_by = ["vn.phoihop.letters.LetterGuided.v1"]
due = "due_on"
recipients = [{ agency = "{handler}" }]
template = "letter_resolution_due"
channels = ["inbox"]
""")
    with pytest.raises(RulesError) as refused:
        check_rules(table, default_templates())
    message = str(refused.value)
    assert "no integration event vn.phoihop.petitions.PetitionTeleported.v1" in message
    assert "no field to_agencyy" in message and "no template 'nowhere'" in message
    assert "d: vn.phoihop.letters.LetterGuided.v1 has no field due_on" in message
    with pytest.raises(RulesError, match="unknown channels"):
        load_rules('[[rule]]\nid="c"\nevent="x"\nrecipients=[]\ntemplate="t"\n'
                   'channels=["pigeon"]')


def test_templates_speak_vietnamese_and_english_and_leave_out_empty_details() -> None:
    template = default_templates().get("petition_forwarded")
    event = forwarded(to_unit=None)
    context = {name: getattr(event, name) for name in type(event).model_fields}
    title, body = template.render(context)
    assert title["vi"] == ("Kiến nghị cử tri chuyển đến Ủy ban nhân dân: trả lời trước ngày "
                           "28/12/2025")
    assert title["en"] == ("Voters' petition forwarded to the People's Committee: answer by "
                           "2025-12-28")
    assert "Đơn vị" not in body["vi"] and "Chuyển lại" not in body["vi"]
    assert "Unit:" not in body["en"]
    with pytest.raises(RulesError, match=r"\{missing\}"):
        load_templates('[t]\ntitle.vi="{missing}"\ntitle.en="x"\nbody.vi="x"\nbody.en="x"'
                       ).get("t").render({})


def test_recipients_round_trip_and_reach_the_right_principals() -> None:
    for key in ("agency:ubnd", "agency:ubnd/Sở Xây dựng", "role:hdnd/deputy",
                "person:Nguyễn Văn An", "public"):
        assert Recipient.parse(key).key == key
    with pytest.raises(InvalidRecipientError):
        Recipient.parse("agency:uban")

    def principal(agency: Agency, role: str = "staff", unit: str | None = None,
                  subject: str = "x") -> Principal:
        return Principal(subject, agency, role, "tien-giang", unit)

    unit_item = Recipient.parse("agency:ubnd/Sở Xây dựng")
    assert unit_item.reaches(principal(Agency.UBND, unit="sở xây  DỰNG"))
    assert not unit_item.reaches(principal(Agency.UBND, unit="so-xay-dung"))  # accents count
    assert unit_item.reaches(principal(Agency.UBND))  # agency-wide staff see every unit
    assert not unit_item.reaches(principal(Agency.UBND, unit="Sở Y tế"))
    assert not unit_item.reaches(principal(Agency.MTTQ))
    assert Recipient.parse("agency:ubnd").reaches(principal(Agency.UBND, unit="Sở Y tế"))
    deputies = Recipient.parse("role:hdnd/deputy")
    assert deputies.reaches(principal(Agency.HDND, role="deputy"))
    assert not deputies.reaches(principal(Agency.HDND))
    assert Recipient.parse("person:Nguyễn Văn An").reaches(
        principal(Agency.HDND, subject="NGUYỄN VĂN AN"))
    assert not Recipient.public().reaches(principal(Agency.MTTQ))
