from datetime import date

import pytest

from kernel.rulebook import Deadline, RuleNotFoundError, default_rulebook, load_rulebook

BOOK = """
[[rule]]
id = "petition.answer.local"
title = "old"
value = 30
unit = "days"
legal_source = "old regulation"
effective_from = 2020-01-01
confidence = "L"

[[rule]]
id = "petition.answer.local"
title = "new"
value = 15
unit = "working_days"
legal_source = "new regulation"
effective_from = 2026-01-01
confidence = "M"

[calendar]
extra_days_off = [2026-03-02]
working_days_despite_library = [2026-03-07]
"""


def test_the_rule_in_force_on_the_start_date_applies() -> None:
    book = load_rulebook(BOOK)
    assert book.rule("petition.answer.local", date(2025, 12, 31)).legal_source == "old regulation"
    assert book.rule("petition.answer.local", date(2026, 1, 1)).legal_source == "new regulation"


def test_no_rule_before_its_first_effective_date() -> None:
    with pytest.raises(RuleNotFoundError):
        load_rulebook(BOOK).rule("petition.answer.local", date(2019, 12, 31))


def test_calendar_days_count_weekends() -> None:
    deadline = load_rulebook(BOOK).deadline("petition.answer.local", date(2025, 3, 1))
    assert deadline == Deadline(date(2025, 3, 31), "petition.answer.local", "old regulation")


def test_working_days_skip_weekends_holidays_and_announced_days_off() -> None:
    book = load_rulebook(BOOK)
    # Fri 27 Feb 2026 + 15 working days: skips weekends, the announced day off Mon 2 Mar,
    # and counts Sat 7 Mar, declared a working day.
    deadline = book.deadline("petition.answer.local", date(2026, 2, 27))
    assert deadline.due_date == date(2026, 3, 20)


def test_tet_is_not_a_working_day() -> None:
    calendar = default_rulebook().calendar
    assert not calendar.is_working_day(date(2026, 2, 17))  # Tết Nguyên đán
    # Fri 13 Feb 2026 + 1 working day: Mon 16 to Fri 20 Feb are Tết, so Mon 23 Feb.
    assert calendar.shift(date(2026, 2, 13), 1, "working_days") == date(2026, 2, 23)


def test_shipped_rules_carry_their_sources() -> None:
    book = default_rulebook()
    for rule in book.rules():
        assert rule.legal_source and rule.confidence in {"H", "M", "L"}
    assert book.rule("petition.answer.central", date(2026, 1, 1)).value == 40


def test_a_resolution_needs_more_than_half_of_all_deputies() -> None:
    rule = default_rulebook().rule("session.resolution.pass_share", date(2026, 6, 1))
    assert not rule.is_met_by(25, 50)
    assert rule.is_met_by(26, 50)


def test_two_thirds_counts_exactly() -> None:
    rule = default_rulebook().rule("session.deputy.dismissal_share", date(2026, 6, 1))
    assert rule.is_met_by(34, 51)
    assert not rule.is_met_by(33, 51)
