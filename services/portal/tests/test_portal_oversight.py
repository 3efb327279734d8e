"""The supervision pages in process, against the oversight service's own application on
SQLite (its HTTP app reached through an in-process transport): each viewer sees only the
forms the service would accept, and a careless or hostile submit is refused in Vietnamese
beside the field with nothing stored (the record's history unchanged)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from oversight_pages import Pages, oversight_pages

from contracts.vocabulary import Agency
from tests.e2e.oversight_seed import (
    COMMITTEE,
    EDUCATION,
    LATER_ACTION,
    OVERDUE_ACTION,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def pages(tmp_path: Path) -> Iterator[Pages]:
    with oversight_pages(tmp_path) as made:
        yield made


def test_the_programmes_are_public_and_the_menu_links_them(pages: Pages) -> None:
    page = pages.portal.get("/giam-sat", params={"nam": 2026})
    assert page.status_code == 200
    assert f"Ban HĐND – {COMMITTEE}" in page.text and "Trường THPT Tân Phú" in page.text
    assert '<a href="/giam-sat">Giám sát</a>' in page.text
    assert pages.portal.get("/giam-sat", params={"nam": 1800}).status_code == 422
    for path in ("/giam-sat/trung-lap", "/giam-sat/kien-nghi"):
        assert pages.portal.get(path).status_code == 303  # staff pages: sign in first


def test_each_viewer_sees_only_the_forms_the_service_would_take(pages: Pages) -> None:
    pages.sign_in(Agency.UBND, "Sở Y tế")
    other_unit = pages.portal.get("/giam-sat/kien-nghi")
    assert OVERDUE_ACTION in other_unit.text and "Gửi trả lời" not in other_unit.text
    assert "Lưu cách xử lý" not in pages.portal.get("/giam-sat/trung-lap").text
    pages.sign_in(Agency.UBND, EDUCATION)
    overdue = pages.portal.get("/giam-sat/kien-nghi", params={"qua-han": "true"})
    assert OVERDUE_ACTION in overdue.text and LATER_ACTION not in overdue.text
    assert overdue.text.count("Gửi trả lời") == 1
    pages.sign_in(Agency.MTTQ)
    assert "Lưu cách xử lý" in pages.portal.get("/giam-sat/trung-lap").text


@pytest.mark.parametrize(("form", "field", "words"), [
    ({}, "resolution", "chưa chọn đúng"),
    ({"resolution": "rescheduled"}, "resolution", "chưa chọn đúng"),
    ({"resolution": "accepted"}, "reason", "chưa nhập"),
    ({"resolution": "accepted", "reason": "   "}, "reason", "chưa nhập"),
    ({"resolution": "accepted", "reason": "x" * 20_001}, "reason", "quá dài"),
])
def test_a_wrong_resolution_is_refused_beside_its_field(
    pages: Pages, form: dict[str, str], field: str, words: str
) -> None:
    pages.sign_in(Agency.MTTQ)
    overlap = pages.seeded["overlap"]
    refused = pages.portal.post(f"/giam-sat/trung-lap/{overlap}", data=form)
    assert refused.status_code == 422 and refused.headers["content-type"].startswith("text/html")
    assert f'id="e-{field}-{overlap}">{words}</p>' in refused.text
    assert pages.events("overlaps", overlap) == ["OverlapDetected"]


def test_control_characters_and_other_agencies_are_refused_by_the_service_in_words(
    pages: Pages
) -> None:
    overlap = pages.seeded["overlap"]
    pages.sign_in(Agency.MTTQ)
    odd = pages.portal.post(f"/giam-sat/trung-lap/{overlap}",
                            data={"resolution": "accepted", "reason": "khác\u0000nội dung"})
    assert odd.status_code == 422 and "Thông tin nhập chưa hợp lệ" in odd.text
    pages.sign_in(Agency.UBND)
    foreign = pages.portal.post(f"/giam-sat/trung-lap/{overlap}", data={"resolution": "joint"})
    assert foreign.status_code == 403 and "không có thẩm quyền" in foreign.text
    assert pages.events("overlaps", overlap) == ["OverlapDetected"]


@pytest.mark.parametrize(("action", "form", "field", "words"), [
    ("tra-loi", {"done": "Đã chi trả"}, "outcome", "chưa chọn đúng"),
    ("tra-loi", {"outcome": "done", "done": "Đã chi trả"}, "outcome", "chưa chọn đúng"),
    ("tra-loi", {"outcome": "implemented"}, "done", "chưa nhập"),
    ("tra-loi", {"outcome": "implemented", "done": "x" * 20_001}, "done", "quá dài"),
])
def test_a_wrong_answer_is_refused_beside_its_field(
    pages: Pages, action: str, form: dict[str, str], field: str, words: str
) -> None:
    pages.sign_in(Agency.UBND, EDUCATION)
    rid = pages.seeded["overdue"]
    refused = pages.portal.post(f"/giam-sat/kien-nghi/{rid}/{action}", data=form)
    assert refused.status_code == 422
    assert f'id="e-{field}-{rid}">{words}</p>' in refused.text
    assert pages.events("recommendations", rid) == ["RecommendationIssued"]


@pytest.mark.parametrize(("form", "field", "words"), [
    ({"due_on": "2026-12-31"}, "reason", "chưa nhập"),
    ({"reason": "Còn một trường"}, "due_on", "chưa nhập"),
    ({"reason": "Còn một trường", "due_on": "31/12/2026"}, "due_on", "không phải ngày hợp lệ"),
    ({"reason": "Còn một trường", "due_on": "2026-02-30"}, "due_on", "không phải ngày hợp lệ"),
    ({"reason": "Còn một trường", "due_on": "2999-01-01"}, "due_on",
     "nằm ngoài khoảng mười năm trước và sau năm nay"),
])
def test_a_wrong_reopening_is_refused_and_the_answer_stays(
    pages: Pages, form: dict[str, str], field: str, words: str
) -> None:
    rid = pages.seeded["overdue"]
    pages.sign_in(Agency.UBND, EDUCATION)
    answered = pages.portal.post(f"/giam-sat/kien-nghi/{rid}/tra-loi",
                                 data={"outcome": "partly", "done": "Một trường đã nhận"})
    assert answered.status_code == 303
    pages.sign_in(Agency.HDND, COMMITTEE)
    refused = pages.portal.post(f"/giam-sat/kien-nghi/{rid}/mo-lai", data=form)
    assert refused.status_code == 422
    assert f'id="e-{field}-{rid}">{words}</p>' in refused.text
    assert pages.events("recommendations", rid) == ["RecommendationIssued", "Answered"]


def test_an_unknown_follow_up_and_a_malformed_id_are_pages(pages: Pages) -> None:
    pages.sign_in(Agency.HDND)
    rid = pages.seeded["overdue"]
    assert pages.portal.post(f"/giam-sat/kien-nghi/{rid}/xoa").status_code == 404
    assert pages.portal.post("/giam-sat/kien-nghi/abc/chap-nhan").status_code == 422
    early = pages.portal.post(f"/giam-sat/kien-nghi/{rid}/chap-nhan")
    assert early.status_code == 409 and "Không thực hiện được" in early.text
    assert pages.events("recommendations", rid) == ["RecommendationIssued"]
