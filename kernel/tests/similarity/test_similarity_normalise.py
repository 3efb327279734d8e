"""Normalisation and analysis: Unicode forms, diacritics, abbreviations, vocabulary, places."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

from kernel.similarity.evaluation import load_pairs
from kernel.similarity.features import extract
from kernel.similarity.normalise import canonical_syllable, is_accented, tokenize
from kernel.similarity.tables import content_table, marker_table, road_table
from kernel.text import fold


def test_fold_strips_every_diacritic_and_writes_d_for_dj() -> None:
    assert fold("Đường liên xã Tân Phú XUỐNG CẤP") == "duong lien xa tan phu xuong cap"


def test_fold_treats_decomposed_and_precomposed_text_alike() -> None:
    text = "Trạm y tế thiếu thuốc"
    assert fold(unicodedata.normalize("NFD", text)) == fold(text) == "tram y te thieu thuoc"


def test_tone_placement_old_and_new_style_agree() -> None:
    assert canonical_syllable("hoà") == canonical_syllable("hòa") == "hòa"
    assert canonical_syllable("thuỷ") == "thủy"
    assert canonical_syllable("khoẻ") == "khỏe"
    assert canonical_syllable("quý") == "quý"  # after q the tone stays on y
    assert canonical_syllable("hoàng") == "hoàng"  # a final consonant: nothing moves


def test_tokens_keep_syllables_and_their_accented_form() -> None:
    tokens = tokenize("Sửa chữa đường, xã Tân Phú")
    assert [t.text for t in tokens] == ["sửa", "chữa", "đường", "xã", "tân", "phú"]
    assert [t.folded for t in tokens] == ["sua", "chua", "duong", "xa", "tan", "phu"]
    assert [t.capitalised for t in tokens] == [True, False, False, False, True, True]
    assert tokens[3].boundary and not tokens[2].boundary  # the comma
    assert tokens[0].sentence_start and not tokens[4].sentence_start


def test_abbreviations_expand_and_a_glued_road_code_splits() -> None:
    words = [t.text for t in tokenize("UBND TP. Mỹ Tho, QL1A")]
    assert words == ["ủy", "ban", "nhân", "dân", "thành", "phố", "mỹ", "tho", "quốc", "lộ", "1a"]
    # "TP." ends an abbreviation, not a sentence: "Mỹ" may start a name.
    assert not tokenize("TP. Mỹ Tho")[2].sentence_start


def test_accent_detection() -> None:
    assert is_accented("Đề nghị sửa chữa đường")
    assert not is_accented("de nghi sua chua duong")
    assert not is_accented("123")


def test_boilerplate_is_dropped_and_paraphrases_share_a_token() -> None:
    a = extract("Cử tri đề nghị xem xét nâng cấp trường học")
    b = extract("Kiến nghị quan tâm sửa chữa trường")
    assert set(a.weights) == set(b.weights) == {"~repair", "~school"}


def test_places_by_kind_from_markers_names_numbers_and_road_codes() -> None:
    places = extract("Đề nghị sửa ĐT.864 đoạn qua ấp 3 xã Tân Phú, gần chợ Bình Đức").places
    assert places == {
        "road": frozenset({"dt864"}),
        "village": frozenset({"3"}),
        "commune": frozenset({"tan phu"}),
        "landmark": frozenset({"binh duc"}),
    }


def test_road_code_spellings_are_one_code() -> None:
    codes = {
        frozenset(extract(text).places["road"])
        for text in ("nâng cấp QL1A", "nâng cấp Quốc lộ 1A", "nang cap ql 1a", "nâng cấp QL.1A")
    }
    assert codes == {frozenset({"ql1a"})}


def test_lower_case_text_still_yields_commune_names() -> None:
    places = extract("de nghi sua duong lien xa tan phu bi xuong cap").places
    assert places == {"commune": frozenset({"tan phu"})}


def test_institutions_are_not_places_but_a_name_after_a_marker_is() -> None:
    assert extract("Đề nghị Công an huyện và Sở Giao thông vận tải xử lý").places == {}
    assert extract("Đề nghị sửa đường ấp Hội Sơn").places == {"village": frozenset({"hoi son"})}


def test_capitals_at_a_sentence_start_are_not_names() -> None:
    assert extract("Đường xuống cấp. Trường thiếu giáo viên").places == {}


def test_importing_the_package_builds_nothing() -> None:
    code = (
        "import kernel.similarity, kernel.similarity.tables as t, "
        "kernel.similarity.features as f;"
        "print(t.content_table.cache_info().currsize, f.extract.cache_info().currsize)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.split() == ["0", "0"]


def test_phrase_lookup_finds_the_longest_phrase_at_each_position() -> None:
    """The prefix-pruned scan agrees with trying every window, longest first."""
    pairs = load_pairs(Path(__file__).with_name("pairs.tsv"))
    texts = sorted({t for p in pairs for t in (p.text_a, p.text_b)})
    checked = 0
    for table in (content_table(), marker_table(), road_table()):
        entries = {False: table._folded, True: table._accented}
        longest = max(len(key) for key in table._accented)
        for text in texts:
            tokens = tokenize(text)
            for accented in (False, True):
                for start in range(len(tokens)):
                    expected = None
                    for end in range(min(len(tokens), start + longest), start, -1):
                        key = tuple(t.text if accented else t.folded for t in tokens[start:end])
                        if key in entries[accented]:
                            expected = (entries[accented][key], end - start)
                            break
                    found = table.match(tokens, start, accented)
                    assert (None if found is None else (found.target, found.length)) == expected
                    checked += expected is not None
    assert checked > 1000
