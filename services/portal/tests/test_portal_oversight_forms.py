"""The supervision pages added for programmes, social criticism, draft-law comments and
two-way reports, in process against the oversight service's own application: each form
shown only to whom the service would take it from, a wrong form refused beside its field
with nothing stored, a right one recorded."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from oversight_pages import Pages, oversight_pages

from contracts.vocabulary import Agency
from tests.e2e.oversight_seed import COMMITTEE

pytestmark = pytest.mark.integration
TOPIC = {"topic": "Công tác phòng chống dịch bệnh ở trường học", "field": "health",
         "units": "Trường THCS Bình Đức\nTrạm y tế xã Mỹ Phong",
         "window_start": "2026-09-01", "window_end": "2026-09-30"}


@pytest.fixture
def pages(tmp_path: Path) -> Iterator[Pages]:
    with oversight_pages(tmp_path) as made:
        yield made


def created_id(response: Any, prefix: str) -> str:
    assert response.status_code == 303, response.text
    found = re.search(rf"#{prefix}-([0-9a-f-]+)$", response.headers["location"])
    assert found is not None
    return found.group(1)


def count(pages: Pages, path: str) -> int:
    return len(pages.oversight.get(path).json())


def test_a_programme_is_created_with_its_topic_and_a_topic_added(pages: Pages) -> None:
    assert pages.portal.get("/giam-sat/chuong-trinh-moi").status_code == 303  # sign in
    pages.sign_in(Agency.UBND)
    assert "Chỉ HĐND" in pages.portal.get("/giam-sat/chuong-trinh-moi").text
    pages.sign_in(Agency.HDND, "Ban Pháp chế")
    form = pages.portal.get("/giam-sat/chuong-trinh-moi").text
    assert "Ủy ban MTTQ" not in form and 'name="topic"' in form
    made = pages.portal.post("/giam-sat/chuong-trinh-moi", data={
        "year": "2026", "body": "committee", "body_name": "Ban Pháp chế",
        "adopted_on": "2026-01-10", **TOPIC})
    programme = created_id(made, "p")
    shown = pages.portal.get("/giam-sat", params={"nam": 2026}).text
    assert "Ban HĐND – Ban Pháp chế" in shown and "Trạm y tế xã Mỹ Phong" in shown
    assert shown.count("Thêm chuyên đề</summary>") == 1  # only its own programme
    added = pages.portal.post(f"/giam-sat/chuong-trinh/{programme}/chuyen-de", data={
        **TOPIC, "topic": "Công tác tiếp công dân", "field": "public_order", "year": "2026"})
    assert added.status_code == 303
    topics = pages.oversight.get(f"/programmes/{programme}").json()["topics"]
    assert len(topics) == 2
    pages.sign_in(Agency.HDND, COMMITTEE)
    refused = pages.portal.post(f"/giam-sat/chuong-trinh/{programme}/chuyen-de",
                                data={**TOPIC, "year": "2026"})
    assert refused.status_code == 403
    assert len(pages.oversight.get(f"/programmes/{programme}").json()["topics"]) == 2


@pytest.mark.parametrize(("form", "field", "words"), [
    ({**TOPIC, "body": "committee"}, "year", "chưa nhập"),
    ({**TOPIC, "year": "2026"}, "body", "chưa chọn đúng"),
    ({**TOPIC, "year": "2026", "body": "committee", "topic": ""}, "topic", "chưa nhập"),
    ({**TOPIC, "year": "2026", "body": "committee", "topic": "x" * 501}, "topic", "quá dài"),
    ({**TOPIC, "year": "2026", "body": "committee", "field": "astrology"}, "field",
     "chưa chọn đúng"),
    ({**TOPIC, "year": "2026", "body": "committee", "window_end": "30/09/2026"},
     "window_end", "không phải ngày hợp lệ"),
    ({**TOPIC, "year": "2026", "body": "committee", "units": "  "}, "units", "chưa nhập"),
])
def test_a_wrong_programme_is_refused_beside_its_field(
        pages: Pages, form: dict[str, str], field: str, words: str) -> None:
    pages.sign_in(Agency.HDND)
    before = count(pages, "/programmes")
    refused = pages.portal.post("/giam-sat/chuong-trinh-moi", data=form)
    assert refused.status_code == 422
    assert f'id="e-{field}-new">{words}</p>' in refused.text
    assert count(pages, "/programmes") == before


def test_a_programme_the_service_refuses_is_shown_in_words(pages: Pages) -> None:
    pages.sign_in(Agency.HDND)
    before = count(pages, "/programmes")
    for form in ({**TOPIC, "year": "2026", "body": "committee"},  # which committee?
                 {**TOPIC, "year": "2026", "body": "standing_committee",
                  "adopted_on": "2026-12-31"},  # not yet come
                 {**TOPIC, "year": "2026", "body": "standing_committee",
                  "topic": "Giám sát\u0007 trường học"}):
        refused = pages.portal.post("/giam-sat/chuong-trinh-moi", data=form)
        assert refused.status_code == 422, refused.text
        assert 'role="alert"' in refused.text
    assert count(pages, "/programmes") == before


def test_social_criticism_from_the_draft_to_the_reply(pages: Pages) -> None:
    pages.sign_in(Agency.UBND, "Sở Y tế")
    assert "Ghi nhận dự thảo" not in pages.portal.get("/giam-sat/phan-bien").text
    pages.sign_in(Agency.MTTQ)
    refused = pages.portal.post("/giam-sat/phan-bien", data={"drafting_agency": "ubnd"})
    assert refused.status_code == 422 and 'id="e-draft_title-new">chưa nhập</p>' in refused.text
    made = pages.portal.post("/giam-sat/phan-bien", data={
        "draft_title": "Dự thảo Nghị quyết về giá dịch vụ y tế", "drafting_agency": "ubnd",
        "drafting_unit": "Sở Y tế", "received_on": "2026-11-02"})
    cid = created_id(made, "c")
    early = pages.portal.post(f"/giam-sat/phan-bien/{cid}/hoi-nghi", data={
        "participants": "30", "summary": "Góp ý", "held_on": "2026-11-01"})
    assert early.status_code == 422 and "Ngày xảy ra không hợp lệ" in early.text
    assert f'id="e-held_on-{cid}">không thể là ngày xảy ra' in early.text
    wrong = pages.portal.post(f"/giam-sat/phan-bien/{cid}/hoi-nghi",
                              data={"participants": "không", "summary": "Góp ý"})
    assert wrong.status_code == 422 and f'id="e-participants-{cid}"' in wrong.text
    assert pages.events("social-criticisms", cid) == ["DraftReceived"]
    for step, form in (("hoi-nghi", {"participants": "30", "summary": "Góp ý",
                                     "held_on": "2026-11-10"}),
                       ("gui", {"content": "Đề nghị làm rõ mức giá", "sent_on": "2026-11-15",
                                "document_number": "12/MTTQ-BTT"})):
        assert pages.portal.post(f"/giam-sat/phan-bien/{cid}/{step}",
                                 data=form).status_code == 303
    pages.sign_in(Agency.UBND, "Sở Giáo dục và Đào tạo")  # not the drafting unit
    page = pages.portal.get("/giam-sat/phan-bien").text
    assert "Ghi nhận phản hồi" not in page
    pages.sign_in(Agency.UBND, "Sở Y tế")
    assert "Ghi nhận phản hồi" in pages.portal.get("/giam-sat/phan-bien").text
    replied = pages.portal.post(f"/giam-sat/phan-bien/{cid}/phan-hoi", data={
        "uptake": "partly", "reply": "Tiếp thu một phần"})
    assert replied.status_code == 303
    assert "Cơ quan soạn thảo đã phản hồi" in pages.portal.get("/giam-sat/phan-bien").text
    assert pages.portal.post(f"/giam-sat/phan-bien/{cid}/xoa").status_code == 404


def test_comments_on_a_draft_law_collected_and_sent(pages: Pages) -> None:
    pages.sign_in(Agency.UBND)
    assert "Bắt đầu lấy ý kiến" not in pages.portal.get("/giam-sat/gop-y-du-thao-luat").text
    pages.sign_in(Agency.DBQH)
    made = pages.portal.post("/giam-sat/gop-y-du-thao-luat", data={
        "law_title": "Dự thảo Luật Nhà giáo", "opened_on": "2026-11-02"})
    did = created_id(made, "d")
    wrong = pages.portal.post(f"/giam-sat/gop-y-du-thao-luat/{did}/y-kien", data={
        "source": "robot", "source_name": "A", "content": "x"})
    assert wrong.status_code == 422 and f'id="e-source-{did}-y-kien"' in wrong.text
    for index, source in enumerate(("voter", "group")):
        assert pages.portal.post(f"/giam-sat/gop-y-du-thao-luat/{did}/y-kien", data={
            "source": source, "source_name": ("Nguyễn Văn A", "Hội Khuyến học")[index],
            "content": "Cần quy định rõ phụ cấp", "received_on": "2026-11-05"}
        ).status_code == 303
    page = pages.portal.get("/giam-sat/gop-y-du-thao-luat").text
    assert "Nguyễn Văn A" not in page and "Hội Khuyến học" in page  # a voter is not named
    pages.sign_in(Agency.MTTQ)  # not the collector of this one
    assert "Gửi tổng hợp" not in pages.portal.get("/giam-sat/gop-y-du-thao-luat").text
    pages.sign_in(Agency.DBQH)
    sent = pages.portal.post(f"/giam-sat/gop-y-du-thao-luat/{did}/gui", data={
        "sent_to": "Ủy ban Văn hóa và Giáo dục", "summary": "Tổng hợp 2 ý kiến"})
    assert sent.status_code == 303
    assert pages.events("draft-laws", did)[-1] == "CommentsSent"


def test_reports_owed_met_late_and_submitted(pages: Pages) -> None:
    pages.sign_in(Agency.UBND)
    page = pages.portal.get("/giam-sat/bao-cao", params={"nam": 2026,
                                                        "tinh-trang": "overdue"})
    assert page.status_code == 200 and "Quá hạn, chưa nộp" in page.text
    rows = pages.oversight.get("/reporting/reports", params={
        "year": 2026, "obligation_id": "ubnd.socioeconomic.monthly"}).json()
    january = rows[1]
    assert january["period"] == "2026-01"
    form = {"obligation_id": january["obligation_id"], "period": "2026-01",
            "report_id": january["report_id"], "year": "2026"}
    refused = pages.portal.post("/giam-sat/bao-cao", data=form)
    assert refused.status_code == 422
    assert f'id="e-summary-{january["report_id"]}">chưa nhập</p>' in refused.text
    pages.sign_in(Agency.MTTQ)  # it does not owe it
    assert pages.portal.post("/giam-sat/bao-cao", data={
        **form, "summary": "Báo cáo tháng 1"}).status_code == 403
    pages.sign_in(Agency.UBND)
    done = pages.portal.post("/giam-sat/bao-cao", data={
        **form, "summary": "Báo cáo tháng 1", "submitted_on": "2026-02-12"})
    assert done.status_code == 303
    shown = pages.portal.get("/giam-sat/bao-cao", params={"nam": 2026,
                                                         "tinh-trang": "late"}).text
    assert "Báo cáo tháng 1" in shown and "Đã nộp trễ hạn" in shown
