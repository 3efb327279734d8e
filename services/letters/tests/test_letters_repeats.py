"""Repeat letters (đơn trùng): an earlier letter on the same matter is flagged; another
matter is not, even when both letters are of the same kind and say so in their first words."""

from __future__ import annotations

from datetime import date

from letters_builders import UBND

from letters.application import Letters
from letters.application.catalogue import matter_of
from letters.domain.letter import Intake
from letters.domain.values import Channel, LetterKind


def complaint(letters: Letters, summary: str, received_on: date) -> object:
    return letters.receive(UBND, Intake(
        kind=LetterKind.COMPLAINT, channel=Channel.MAIL, received_on=received_on,
        summary=summary, sender_name="Huỳnh Văn Đơn"))


def test_a_complaint_about_another_matter_is_not_a_repeat(letters: Letters) -> None:
    # Before: both "Khiếu nại" a topic of the lexicon, these two scored 0.79 and the
    # second was flagged as a repeat of the first.
    complaint(letters, "Khiếu nại quyết định xử phạt vi phạm hành chính", date(2026, 10, 1))
    other = complaint(letters, "Khiếu nại quyết định giải quyết tranh chấp đất đai",
                      date(2026, 10, 2))
    assert other.repeats == []  # type: ignore[attr-defined]


def test_the_same_matter_sent_again_is_flagged_whatever_its_kind_words(
        letters: Letters) -> None:
    first = complaint(letters, "Khiếu nại việc chậm chi trả tiền bồi thường giải phóng mặt "
                      "bằng đường tỉnh 864 tại xã Tân Phú", date(2026, 10, 1))
    again = complaint(letters, "Gửi lại đơn: khieu nai cham chi tra tien boi thuong giai "
                      "phong mat bang duong tinh 864, xa Tan Phu", date(2026, 11, 3))
    (repeat,) = again.repeats  # type: ignore[attr-defined]
    assert repeat[0] == first.id  # type: ignore[attr-defined]
    assert repeat[1] >= 0.8


def test_the_matter_is_the_summary_without_the_words_naming_the_kind() -> None:
    assert matter_of("Tố cáo cán bộ; KHIẾU NẠI lần hai; kien nghi; Phản ánh").split() == [
        "cán", "bộ;", "lần", "hai;", ";"]
