"""Issue 19's failure kinds, each pinned with real petitions from the dev half of
benchmarks/similarity/real_pairs.json (the held-out half is not tuned on), and with the
issue's own words where the dev half has no example.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from kernel.similarity import CENTRAL_LEVEL, DEFAULT_THRESHOLD, SimilarityIndex, similarity
from kernel.similarity.features import extract, spelling_key

REAL_PAIRS = Path(__file__).resolve().parents[3] / "benchmarks/similarity/real_pairs.json"


@cache
def _dev_texts() -> dict[str, str]:
    document = json.loads(REAL_PAIRS.read_text(encoding="utf-8"))
    return {side["id"]: side["text"] for pair in document["pairs"] if pair["split"] == "dev"
            for side in (pair["a"], pair["b"])}


def text(petition_id: str) -> str:
    return _dev_texts()[petition_id]


# Words that are not places


def test_a_ministry_named_with_and_is_not_a_place() -> None:
    # "kiến nghị Bộ Giáo dục và Ðào tạo": "Ðào" after "và" was a place named "dao".
    places = extract(text("nld-st-mamnon")).places
    assert "name" not in places
    assert places["commune"] == {"tai van"}


def test_a_law_an_office_or_an_association_is_not_a_place() -> None:
    assert not extract(text("tp-hcm-tingia")).places  # "Luật An ninh mạng"
    for words in ("Đề nghị Bộ Quốc phòng sửa đổi Luật Nghĩa vụ quân sự",
                  "Hội Nông dân, Hội Cựu chiến binh đề nghị hỗ trợ vốn vay",
                  "Ông Tổ trưởng tổ dân phố phản ánh, Phó Chủ tịch UBND xã trả lời"):
        assert not extract(words).places, words


def test_a_list_of_provinces_is_read_as_provinces() -> None:
    # "Cử tri các tỉnh Ninh Bình, Thái Bình, Quảng Ngãi, Tiền Giang, Vĩnh Long, ..."
    places = extract(text("bpl-huu1")).places
    assert places["province"] == {"ninh binh", "thai binh", "quang ngai", "tien giang",
                                  "vinh long"}
    assert "name" not in places


def test_one_commune_in_two_spellings_is_one_place() -> None:
    # "cử tri xã Thạch Hoà ... ở hai xã Yên Bình và Thạch Hòa"
    places = extract(text("ld-hn-traillon")).places
    assert places == {"commune": frozenset({"thach hoa", "yen binh"})}
    assert spelling_key("dak lak") == spelling_key("dac lac")
    assert spelling_key("my tho") == spelling_key("mi tho")
    assert spelling_key("khanh hoa") == "khanh hoa"  # "kh" is not "k"
    a = "Đề nghị sửa chữa đường liên xã ở xã Ea Kly, huyện Krông Pắc"
    b = "Đề nghị sửa chữa đường liên xã ở xã Ea Kli, huyện Krông Pắk"
    assert similarity(a, b) >= DEFAULT_THRESHOLD


def test_the_first_word_of_a_new_sentence_is_not_a_place() -> None:
    # "... không có nhu cầu. Điều này gây phiền phức": "cầu" (bridge) then "Điều".
    assert "landmark" not in extract(text("plo-dn-sim")).places


# Synonyms the vocabulary lacked


def test_part_time_officials_in_either_word_are_one_concept() -> None:
    half = extract("tăng phụ cấp cho cán bộ bán chuyên trách ở xã").weights
    none = extract("tăng phụ cấp cho người hoạt động không chuyên trách ở xã").weights
    assert "~parttime_cadre" in half and "~parttime_cadre" in none
    assert similarity("tăng phụ cấp cho cán bộ bán chuyên trách ở xã",
                      "tăng phụ cấp cho người hoạt động không chuyên trách ở xã") \
        >= DEFAULT_THRESHOLD


def test_real_rewordings_of_one_request_are_found() -> None:
    # Two outlets reporting one meeting: support for officials moving after the merger.
    assert similarity(text("ntd-dichuyen"), text("nstb-dichuyen")) >= DEFAULT_THRESHOLD
    # Hamlet officials' allowance, in two provinces' words (central-level).
    assert similarity(text("hd-allow"), text("cm-tacvan-ap"), central=True) \
        >= DEFAULT_THRESHOLD
    # Counterfeit goods: "hàng giả, kém chất lượng" / "hàng giả ... xử lý nghiêm".
    assert similarity(text("dto-dt-hanggia"), text("vnbiz-hcm-hanggia"), central=True) \
        >= DEFAULT_THRESHOLD
    # One provincial policy (militia meal allowance) from a commune and the province.
    assert similarity(text("tq-tg20"), text("tq728")) >= DEFAULT_THRESHOLD


def test_other_requests_of_one_policy_area_stay_apart() -> None:
    # Pensions: "tăng lương hưu" vs "tuổi hưởng trợ cấp hưu trí xã hội".
    assert similarity(text("vnx-lamdong-60"), text("bpl-huu1"), central=True) \
        < DEFAULT_THRESHOLD
    # Same meeting: hamlet officials' allowance vs cement for rural roads.
    assert similarity(text("hd-allow"), text("hd-ximang"), central=True) < DEFAULT_THRESHOLD


# The level


def test_the_index_sets_provinces_aside_for_a_central_level_petition() -> None:
    """Pensions raised by Ninh Bình, Thái Bình, ... and by Đà Nẵng, An Giang: one national
    policy. Told the level, the index compares them as the National Assembly would; not
    told it, the provinces set them apart. (Scored at a lower threshold: their wording
    is still too far apart for the shipped one.)"""
    index = SimilarityIndex(threshold=0.45)
    index.add("bpl-huu3", text("bpl-huu3"))
    index.add("vnx-lamdong-60", text("vnx-lamdong-60"))  # another national request
    query = text("bpl-huu1")
    assert index.similar(query) == []
    assert index.similar(query, level="local") == []
    found = index.similar(query, level=CENTRAL_LEVEL)
    assert [petition_id for petition_id, _ in found] == ["bpl-huu3"]
    assert found == index.similar_exhaustive(query, level=CENTRAL_LEVEL)
    assert found[0][1] == similarity(query, text("bpl-huu3"), central=True)


# Two objects in one commune


def test_two_named_roads_of_one_ward_are_two_petitions() -> None:
    road_a = "Đề nghị nâng cấp đường Nguyễn Trãi, phường 3 bị xuống cấp, nhiều ổ gà"
    road_b = "Đề nghị nâng cấp đường Lê Lợi, phường 3 bị xuống cấp, nhiều ổ gà"
    assert similarity(road_a, road_b) < DEFAULT_THRESHOLD
    assert similarity(road_a, "Đường Nguyễn Trãi ở phường 3 xuống cấp, đề nghị sửa chữa") \
        >= DEFAULT_THRESHOLD
    from_to_a = "Sửa chữa tuyến đường từ ấp Tân Phú đến ấp Long Định, xã Mỹ Lợi"
    from_to_b = "Sửa chữa tuyến đường từ ấp Hòa Định đến ấp Bình Ninh, xã Mỹ Lợi"
    assert similarity(from_to_a, from_to_b) < DEFAULT_THRESHOLD


def test_one_company_asked_by_voters_of_two_communes_is_one_petition() -> None:
    # "Công ty cổ phần mía đường Sơn Dương" pays for the sugarcane of Tú Thịnh, and of
    # Đông Lợi and Trung Yên: the company is what is asked about, not the communes.
    a, b = text("tq1868"), text("tq2846")
    assert extract(a).places["company"] == {"son duong"}
    assert "~sugarcane" in extract(a).weights  # the skipped words still count
    assert similarity(a, b) >= DEFAULT_THRESHOLD
    # A river runs through many communes: each commune's embankment is its own work.
    river_a = "Đề nghị xây dựng kè chống sạt lở bờ sông Tiền đoạn qua xã Tân Hưng"
    river_b = "Đề nghị xây dựng kè chống sạt lở bờ sông Tiền đoạn qua xã Hòa Hưng"
    assert similarity(river_a, river_b) < DEFAULT_THRESHOLD
