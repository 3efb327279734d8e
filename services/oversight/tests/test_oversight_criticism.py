"""Social criticism by MTTQ and comments on draft laws, in the application (in memory):
the order of NQLT 403/2017 (draft, conference, written criticism, reply), each day checked
by kernel.occurred, who may do what, and what leaves the service."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest
from oversight_builders import HDND, MTTQ, UBND, names

from chassis.web.auth import Principal
from contracts.oversight import v1
from contracts.vocabulary import Agency
from kernel.occurred import OccurredOnError
from oversight.application import Oversight, translate
from oversight.domain.criticism import CriticismStage, SocialCriticism, Uptake
from oversight.domain.draft_law import CommentSource
from oversight.domain.errors import IllegalTransitionError, InvalidCommandError, NotPermittedError

DBQH = Principal("doan-dbqh", Agency.DBQH, "staff", "tien-giang")
EDUCATION_DEPARTMENT = Principal("so-gd", Agency.UBND, "staff", "tien-giang",
                                 unit="Sở Giáo dục và Đào tạo")
DRAFT = "Dự thảo Nghị quyết quy định mức hỗ trợ học sinh vùng khó khăn"


def received(app: Oversight, on: date = date(2026, 2, 10)) -> SocialCriticism:
    return app.receive_draft(MTTQ, draft_title=DRAFT, drafting_agency=Agency.UBND,
                             drafting_unit="Sở Giáo dục  và Đào tạo", received_on=on)


def test_a_draft_criticised_from_receipt_to_reply(memory_app: Oversight) -> None:
    app = memory_app
    criticism = received(app)
    assert criticism.drafting_unit == "Sở Giáo dục và Đào tạo"
    app.hold_criticism_conference(MTTQ, criticism.id, participants=42,
                                  summary="Đề nghị làm rõ đối tượng.", held_on=date(2026, 2, 20))
    app.send_criticism(MTTQ, criticism.id, content="Đề nghị mở rộng đối tượng hỗ trợ.",
                       document_number="15/MTTQ-BTT", sent_on=date(2026, 2, 25))
    done = app.record_criticism_reply(EDUCATION_DEPARTMENT, criticism.id, uptake=Uptake.PARTLY,
                                      reply="Tiếp thu một phần.", replied_on=date(2026, 3, 1))
    assert done.stage is CriticismStage.REPLIED
    events = app.history(criticism.id)
    assert names(events) == ["DraftReceived", "ConferenceHeld", "CriticismSent",
                             "CriticismReplied"]
    published = [translate(e) for e in events]
    assert [type(e).__name__ for e in published] == [
        "SocialCriticismDraftReceived", "SocialCriticismConferenceHeld", "SocialCriticismSent",
        "SocialCriticismReplied"]
    assert [e.occurred_on for e in published if e is not None] == [
        date(2026, 2, 10), date(2026, 2, 20), date(2026, 2, 25), date(2026, 3, 1)]
    sent = published[2]
    assert isinstance(sent, v1.SocialCriticismSent) and sent.drafting_agency is Agency.UBND
    assert [c.id for c in app.list_criticisms(stage=CriticismStage.REPLIED)] == [criticism.id]
    assert app.list_criticisms(year=2025) == []


def test_the_acts_come_in_the_order_of_the_joint_resolution(memory_app: Oversight) -> None:
    app = memory_app
    criticism = received(app)
    with pytest.raises(IllegalTransitionError):  # no criticism without its conference
        app.send_criticism(MTTQ, criticism.id, content="Ý kiến.")
    with pytest.raises(IllegalTransitionError):
        app.record_criticism_reply(EDUCATION_DEPARTMENT, criticism.id, uptake=Uptake.TAKEN_IN,
                                   reply="Tiếp thu.")
    with pytest.raises(OccurredOnError) as before:  # a conference before the draft came
        app.hold_criticism_conference(MTTQ, criticism.id, participants=5, summary="x",
                                      held_on=date(2026, 2, 9))
    assert before.value.extensions["not_before"] == "2026-02-10"
    app.hold_criticism_conference(MTTQ, criticism.id, participants=5, summary="Ý kiến.",
                                  held_on=date(2026, 2, 12))
    with pytest.raises(IllegalTransitionError):
        app.hold_criticism_conference(MTTQ, criticism.id, participants=5, summary="Lần hai.")
    with pytest.raises(OccurredOnError):
        app.send_criticism(MTTQ, criticism.id, content="Ý kiến.", sent_on=date(2026, 2, 11))
    app.send_criticism(MTTQ, criticism.id, content="Ý kiến.", sent_on=date(2026, 2, 12))
    with pytest.raises(OccurredOnError):
        app.record_criticism_reply(MTTQ, criticism.id, uptake=Uptake.EXPLAINED, reply="x",
                                   replied_on=date(2026, 2, 11))
    assert app.criticism(criticism.id).stage is CriticismStage.SENT


@pytest.mark.parametrize("day", [date(2026, 3, 3), date(2030, 1, 1), date(1990, 1, 1)])
def test_a_day_in_the_future_or_far_past_is_refused(memory_app: Oversight, day: date) -> None:
    with pytest.raises(OccurredOnError):
        received(memory_app, on=day)
    assert memory_app.list_criticisms() == []


def test_only_mttq_criticises_and_only_the_drafting_body_or_mttq_records_its_reply(
        memory_app: Oversight) -> None:
    app = memory_app
    for who in (HDND, UBND, DBQH):
        with pytest.raises(NotPermittedError):
            app.receive_draft(who, draft_title=DRAFT, drafting_agency=Agency.UBND)
    criticism = received(app)
    with pytest.raises(NotPermittedError):
        app.hold_criticism_conference(HDND, criticism.id, participants=3, summary="x")
    app.hold_criticism_conference(MTTQ, criticism.id, participants=3, summary="x")
    with pytest.raises(NotPermittedError):
        app.send_criticism(UBND, criticism.id, content="x")
    app.send_criticism(MTTQ, criticism.id, content="x")
    with pytest.raises(NotPermittedError):  # another UBND unit
        app.record_criticism_reply(UBND, criticism.id, uptake=Uptake.TAKEN_IN, reply="x")
    with pytest.raises(NotPermittedError):
        app.record_criticism_reply(HDND, criticism.id, uptake=Uptake.TAKEN_IN, reply="x")
    app.record_criticism_reply(MTTQ, criticism.id, uptake=Uptake.TAKEN_IN, reply="Tiếp thu.")


def test_empty_text_and_a_retry(memory_app: Oversight) -> None:
    app = memory_app
    with pytest.raises(InvalidCommandError):
        app.receive_draft(MTTQ, draft_title="   ", drafting_agency=Agency.UBND)
    key = uuid4()
    first = app.receive_draft(MTTQ, draft_title=DRAFT, drafting_agency=Agency.UBND, id=key)
    again = app.receive_draft(MTTQ, draft_title=DRAFT, drafting_agency=Agency.UBND, id=key)
    assert again.id == first.id and len(app.list_criticisms()) == 1
    with pytest.raises(InvalidCommandError):
        app.hold_criticism_conference(MTTQ, key, participants=0, summary="x")


def test_comments_on_a_draft_law_collected_then_sent_on(memory_app: Oversight) -> None:
    app = memory_app
    law = app.open_consultation(DBQH, law_title="Dự thảo Luật Nhà giáo",
                                opened_on=date(2026, 2, 1))
    comment = uuid4()
    app.collect_comment(DBQH, law.id, source=CommentSource.VOTER, source_name="Nguyễn Văn A",
                        content="Cần quy định rõ phụ cấp.", received_on=date(2026, 2, 5),
                        comment_id=comment)
    app.collect_comment(DBQH, law.id, source=CommentSource.VOTER, source_name="Nguyễn Văn A",
                        content="Cần quy định rõ phụ cấp.", comment_id=comment)  # a retry
    app.collect_comment(DBQH, law.id, source=CommentSource.GROUP,
                        source_name="Hội Cựu giáo chức tỉnh", content="Đồng ý với dự thảo.",
                        received_on=date(2026, 2, 8))
    with pytest.raises(NotPermittedError):  # MTTQ collects its own, not the delegation's
        app.collect_comment(MTTQ, law.id, source=CommentSource.VOTER, source_name="B",
                            content="x")
    with pytest.raises(OccurredOnError):  # before the last comment came
        app.send_comments(DBQH, law.id, sent_to="Ủy ban Văn hóa và Giáo dục", summary="x",
                          sent_on=date(2026, 2, 7))
    app.send_comments(DBQH, law.id, sent_to="Ủy ban Văn hóa và Giáo dục",
                      summary="Tổng hợp 2 ý kiến.", sent_on=date(2026, 2, 10))
    with pytest.raises(IllegalTransitionError):
        app.collect_comment(DBQH, law.id, source=CommentSource.VOTER, source_name="C",
                            content="Muộn.")
    with pytest.raises(IllegalTransitionError):
        app.send_comments(DBQH, law.id, sent_to="x", summary="x")
    events = app.history(law.id)
    assert names(events) == ["ConsultationOpened", "CommentCollected", "CommentCollected",
                             "CommentsSent"]
    published = [translate(e) for e in events]
    assert published[1] is None and published[2] is None  # a comment names its source
    sent = published[3]
    assert isinstance(sent, v1.DraftLawCommentsSent)
    assert (sent.comment_count, sent.from_voters, sent.from_groups) == (2, 1, 1)
    assert sent.occurred_on == date(2026, 2, 10)
    assert [c.id for c in app.list_consultations(collector=Agency.DBQH, sent=True)] == [law.id]
    assert app.list_consultations(sent=False) == []


def test_who_collects_comments_on_draft_laws(memory_app: Oversight) -> None:
    app = memory_app
    for who in (HDND, UBND):
        with pytest.raises(NotPermittedError):
            app.open_consultation(who, law_title="Dự thảo Luật Đất đai")
    law = app.open_consultation(MTTQ, law_title="Dự thảo Luật Đất đai")
    assert law.collector is Agency.MTTQ
    with pytest.raises(InvalidCommandError):  # nothing to send
        app.send_comments(MTTQ, law.id, sent_to="Ủy ban Kinh tế", summary="x")
    with pytest.raises(OccurredOnError):
        app.collect_comment(MTTQ, law.id, source=CommentSource.VOTER, source_name="A",
                            content="x", received_on=date(2026, 3, 1))  # before it opened
