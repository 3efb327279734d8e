"""The portal's words: dates, numbers and codes as a clerk reads them, and a service's
problem document turned into sentences."""

from __future__ import annotations

from datetime import UTC, date, datetime

from portal.formats import day, moment, number
from portal.labels import LABELS, label
from portal.problems import ServiceProblem, field_error
from portal.viewer import local_path
from portal.words import TEXTS


def test_dates_and_numbers_follow_vietnamese_conventions() -> None:
    assert day(date(2026, 12, 5), "vi") == "05/12/2026"
    assert day("2027-01-02", "en") == "2 Jan 2027"
    assert number(12345, "vi") == "12.345" and number(12345, "en") == "12,345"
    # Vietnam is UTC+7 all year: 13:38 UTC is 20:38 there.
    assert moment(datetime(2026, 12, 3, 13, 38, tzinfo=UTC), "vi") == "20:38 03/12/2026"


def test_codes_become_words_and_an_unknown_code_shows_as_it_is() -> None:
    assert label("status", "forwarded", "vi") == "Đã chuyển, chờ trả lời"
    assert label("agency", "mttq", "en") == "Fatherland Front"
    assert label("status", "something-new", "vi") == "something-new"


def test_every_interface_text_and_label_has_both_languages() -> None:
    for key, (vi, en) in TEXTS.items():
        assert vi and en, key
    for kind, codes in LABELS.items():
        for code, (vi, en) in codes.items():
            assert vi and en, (kind, code)


def test_a_validation_problem_names_each_field_in_words() -> None:
    problem = ServiceProblem(422, {
        "type": "https://phoihop.vn/problems/validation", "title": "Invalid request",
        "status": 422, "detail": "The request does not match the schema.",
        "errors": [{"loc": ["body", "attendance"], "msg": "…", "type": "greater_than_equal"},
                   {"loc": ["body", "title"], "msg": "…", "type": "missing"}]})
    assert problem.message("vi") == "Thông tin nhập chưa hợp lệ."
    assert problem.field_errors() == {"attendance": "greater_than_equal", "title": "missing"}
    assert field_error("greater_than_equal", "vi") == "quá nhỏ"
    assert field_error("an-unknown-type", "vi") == "chưa hợp lệ"


def test_domain_problems_are_told_by_their_type_and_server_failures_apart() -> None:
    forbidden = ServiceProblem(403, {"type": "https://phoihop.vn/problems/forbidden"})
    assert "không có thẩm quyền" in forbidden.message("vi")
    conflict = ServiceProblem(409, {"type": "https://phoihop.vn/problems/concurrent-change"})
    assert conflict.message("vi").startswith("Không thực hiện được ở trạng thái hiện tại")
    assert "sự cố" in ServiceProblem(500, {}).message("vi")


def test_redirects_stay_on_the_portal() -> None:
    assert local_path("/kien-nghi/1?x=2") == "/kien-nghi/1?x=2"
    for outside in ("//evil.example/", "https://evil.example/", "/\\evil.example", "", None):
        assert local_path(outside) == "/"


def test_a_followed_items_page_is_the_page_of_its_kind() -> None:
    from portal.routes.follow import item_page

    assert item_page("petition", "p1") == "/kien-nghi/p1"
    assert item_page("resolution", "r1") == "/nghi-quyet/r1"
    assert item_page("session", "s1") == "/ky-hop/s1"
    assert item_page("topic", "t1") == "/giam-sat"  # it was /kien-nghi/t1, a 404
