"""Each kind of robustness the score promises, on petitions written for these tests."""

from __future__ import annotations

import unicodedata

import pytest

from kernel.similarity import DEFAULT_THRESHOLD, similarity

ROAD = "Đề nghị sửa chữa đường liên xã Tân Phú bị xuống cấp"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            ROAD, "de nghi sua chua duong lien xa tan phu bi xuong cap", id="no-diacritics",
        ),
        pytest.param(ROAD, unicodedata.normalize("NFD", ROAD), id="decomposed-unicode"),
        pytest.param(
            "Hỗ trợ hộ nghèo xã Hoà Khánh sửa nhà", "Hỗ trợ hộ nghèo xã Hòa Khánh sửa nhà",
            id="tone-placement",
        ),
        pytest.param(ROAD, ROAD.upper(), id="all-capitals"),
        pytest.param(ROAD, "Đường liên xã Tân Phú xuống cấp, cử tri đề nghị sửa chữa", id="order"),
        pytest.param(
            "Đề nghị nâng cấp trường tiểu học Tân Phú",
            "Kiến nghị sửa chữa trường tiểu học Tân Phú", id="paraphrase-repair",
        ),
        pytest.param(
            "Đề nghị nâng cấp bệnh viện huyện Châu Thành",
            "Cử tri mong muốn cải tạo cơ sở y tế huyện Châu Thành", id="paraphrase-hospital",
        ),
        pytest.param(
            "Đề nghị UBND huyện sớm cấp GCNQSDĐ cho hộ dân ấp 2",
            "Đề nghị Ủy ban nhân dân huyện sớm cấp sổ đỏ cho hộ dân ấp 2", id="abbreviation",
        ),
        pytest.param(
            "Đề nghị lắp gờ giảm tốc trên QL1A đoạn qua xã Long Định",
            "de nghi lap go giam toc tren quoc lo 1A doan qua xa long dinh", id="road-code",
        ),
    ],
)
def test_same_petition_scores_above_the_threshold(a: str, b: str) -> None:
    assert similarity(a, b) >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(ROAD, ROAD.replace("Tân Phú", "Long Hưng"), id="other-commune"),
        pytest.param(
            ROAD, "de nghi sua chua duong lien xa long hung bi xuong cap",
            id="other-commune-no-accents",
        ),
        pytest.param(
            "Đề nghị sửa đường ấp 3 xã Tân Phú", "Đề nghị sửa đường ấp 5 xã Tân Phú",
            id="other-hamlet",
        ),
        pytest.param(
            "Đề nghị lắp đèn chiếu sáng QL1A đoạn qua xã Tân Phú",
            "Đề nghị lắp đèn chiếu sáng QL30 đoạn qua xã Tân Phú", id="other-road",
        ),
        pytest.param(
            "Trường tiểu học Mỹ Lợi thiếu giáo viên", "Trường tiểu học Mỹ Hạnh thiếu giáo viên",
            id="other-school-name",
        ),
        pytest.param(ROAD, "Đề nghị bổ sung thuốc cho trạm y tế xã Tân Phú", id="other-topic"),
        pytest.param(
            "Trạm y tế xã Tân Phú thiếu bác sĩ", "Trạm y tế xã Tân Phú thiếu thuốc điều trị",
            id="other-request",
        ),
    ],
)
def test_different_petition_scores_below_the_threshold(a: str, b: str) -> None:
    assert similarity(a, b) < DEFAULT_THRESHOLD


def test_a_place_conflict_halves_an_otherwise_identical_text() -> None:
    assert similarity(ROAD, ROAD.replace("Tân Phú", "Long Hưng")) == pytest.approx(0.5)


def test_more_detail_on_one_side_is_not_a_conflict() -> None:
    terse = "Đề nghị sửa chữa đường liên xã Tân Phú"
    detailed = "Đường liên xã Tân Phú đoạn qua ấp 3 xuống cấp, nhiều ổ gà, đề nghị sửa chữa"
    assert similarity(terse, detailed) >= DEFAULT_THRESHOLD


def test_scores_are_symmetric_bounded_and_one_for_the_same_text() -> None:
    others = ["", "đề nghị", ROAD.lower(), "Trạm y tế xã Tân Phú thiếu bác sĩ"]
    for other in others:
        score = similarity(ROAD, other)
        assert 0.0 <= score <= 1.0
        assert score == pytest.approx(similarity(other, ROAD))
    assert similarity(ROAD, ROAD) == pytest.approx(1.0)
    assert similarity("", "") == 0.0
    assert similarity("đề nghị xem xét", "kiến nghị quan tâm") == 0.0  # boilerplate only
