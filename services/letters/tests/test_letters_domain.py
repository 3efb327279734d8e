"""The letter's lifecycle and every statutory limit, on both sides of 2026-07-01, with
working days that skip weekends and Vietnam's public holidays."""

from __future__ import annotations

from datetime import date

import pytest
from letters_builders import AT, HDND, TODAY, UBND, limits, receive

from contracts.vocabulary import Agency
from kernel.occurred import OccurredOnError
from letters.application import Letters
from letters.domain import errors
from letters.domain.letter_events import Decided
from letters.domain.values import Channel, LetterKind, Status

C, D = LetterKind.COMPLAINT, LetterKind.DENUNCIATION


def accepted(kind: LetterKind, received_on: date, accepted_on: date | None = None,
             **flags: object):  # type: ignore[no-untyped-def]
    letter = receive(kind, received_on, **flags)
    letter.accept(UBND, limits(received_on), accepted_on=accepted_on or received_on, at=AT,
                  today=TODAY)
    return letter


def test_a_complaint_is_accepted_within_10_days_of_receipt() -> None:
    letter = receive(C, date(2025, 3, 3))
    assert letter.handling_due is not None
    assert (letter.handling_due.due_date, letter.handling_due.rule_id) == (
        date(2025, 3, 13), "complaint.accept")
    letter.accept(UBND, limits(letter.received_on), accepted_on=date(2025, 3, 14), at=AT,
                  today=TODAY)
    assert letter.collect_events()[-1].on_time is False  # type: ignore[attr-defined]


@pytest.mark.parametrize(("flags", "due", "rule"), [
    ({}, date(2025, 4, 2), "complaint.first_instance"),
    ({"complex_case": True}, date(2025, 4, 17), "complaint.first_instance.complex"),
    ({"remote": True}, date(2025, 4, 17), "complaint.first_instance.remote"),
    ({"remote": True, "complex_case": True}, date(2025, 5, 2),
     "complaint.first_instance.remote_complex"),
])
def test_first_instance_limits(flags: dict[str, bool], due: date, rule: str) -> None:
    letter = accepted(C, date(2025, 3, 1), date(2025, 3, 3), **flags)
    assert letter.resolve_due is not None
    assert (letter.resolve_due.due_date, letter.resolve_due.rule_id) == (due, rule)


@pytest.mark.parametrize(("flags", "due", "rule"), [
    ({}, date(2025, 4, 17), "complaint.second_instance"),
    ({"complex_case": True}, date(2025, 5, 2), "complaint.second_instance.complex"),
    ({"remote": True}, date(2025, 5, 2), "complaint.second_instance.remote"),
    ({"remote": True, "complex_case": True}, date(2025, 5, 12),
     "complaint.second_instance.remote_complex"),
])
def test_second_instance_limits(flags: dict[str, bool], due: date, rule: str) -> None:
    letter = receive(C, date(2025, 3, 1), instance=2, **flags)
    letter.accept(UBND, limits(letter.received_on),
                  accepted_on=date(2025, 3, 3), at=AT, today=TODAY)
    assert letter.resolve_due is not None
    assert (letter.resolve_due.due_date, letter.resolve_due.rule_id) == (due, rule)


@pytest.mark.parametrize(("remote", "last_day"), [(False, date(2025, 5, 10)),
                                                  (True, date(2025, 5, 25))])
def test_a_second_complaint_comes_within_30_days_of_the_decision_45_when_remote(
        remote: bool, last_day: date) -> None:
    first = accepted(C, date(2025, 3, 1), date(2025, 3, 3), remote=remote)
    first.decide(UBND, outcome="Giữ nguyên quyết định", decided_on=date(2025, 4, 10), at=AT,
                 today=TODAY)
    window = first.appeal_window(limits(first.received_on))
    assert window.due_date == last_day
    late = receive(C, date(2025, 3, 1))
    with pytest.raises(errors.InvalidLetterError):
        first.appeal(UBND, limits(first.received_on), second_letter_id=late.id,
                     appealed_on=date.fromordinal(last_day.toordinal() + 1), at=AT, today=TODAY)
    first.appeal(UBND, limits(first.received_on), second_letter_id=late.id,
                 appealed_on=last_day, at=AT, today=TODAY)
    assert first.appealed_by == late.id
    with pytest.raises(errors.IllegalTransitionError):  # once
        first.appeal(UBND, limits(first.received_on), second_letter_id=late.id,
                     appealed_on=last_day, at=AT, today=TODAY)


def test_without_a_decision_the_second_complaint_waits_for_the_first_limit_to_pass() -> None:
    first = accepted(C, date(2025, 3, 1), date(2025, 3, 3))
    assert first.resolve_due is not None and first.resolve_due.due_date == date(2025, 4, 2)
    with pytest.raises(errors.InvalidLetterError):
        first.appeal(UBND, limits(first.received_on), second_letter_id=first.id,
                     appealed_on=date(2025, 4, 1), at=AT, today=TODAY)
    assert first.appeal_window(limits(first.received_on)).due_date == date(2025, 5, 2)


def test_the_limitation_period_is_90_days_from_knowing_the_decision() -> None:
    inside = receive(C, date(2025, 6, 30), decision_known_on=date(2025, 4, 1))
    outside = receive(C, date(2025, 7, 1), decision_known_on=date(2025, 4, 1))
    assert (inside.within_limitation, outside.within_limitation) == (True, False)
    with pytest.raises(errors.InvalidLetterError, match="limitation"):
        outside.accept(UBND, limits(outside.received_on), accepted_on=date(2025, 7, 2),
                       at=AT, today=TODAY)
    outside.guide(UBND, reason="Hết thời hiệu khiếu nại", guided_on=date(2025, 7, 2), at=AT,
                  today=TODAY)
    assert outside.status is Status.GUIDED


def test_denunciation_initial_handling_is_7_working_days_skipping_tet() -> None:
    letter = receive(D, date(2026, 2, 12))  # Thursday before Tết (16-20 Feb 2026)
    assert letter.handling_due is not None
    assert (letter.handling_due.due_date, letter.handling_due.rule_id) == (
        date(2026, 3, 2), "denunciation.initial_handling")


def test_denunciation_initial_handling_is_10_working_days_at_several_places() -> None:
    letter = receive(D, date(2026, 4, 28), several_places=True)  # 30/4 and 1/5 off
    assert letter.handling_due is not None
    assert (letter.handling_due.due_date, letter.handling_due.rule_id) == (
        date(2026, 5, 14), "denunciation.initial_handling.several_places")


def test_the_denouncer_is_notified_within_5_working_days_of_acceptance() -> None:
    letter = accepted(D, date(2026, 4, 24), date(2026, 4, 28))
    assert letter.notify_due == date(2026, 5, 7)  # 29/4, 4/5 to 7/5: 30/4 and 1/5 off
    letter.record_denouncer_notified(UBND, notified_on=date(2026, 5, 7), at=AT, today=TODAY)
    assert letter.collect_events()[-1].on_time is True  # type: ignore[attr-defined]
    with pytest.raises(errors.IllegalTransitionError):
        letter.record_denouncer_notified(UBND, notified_on=date(2026, 5, 8), at=AT,
                                         today=TODAY)


def test_a_denunciation_is_resolved_in_30_days_extended_by_30_at_most_twice() -> None:
    letter = accepted(D, date(2025, 3, 3), date(2025, 3, 5))
    assert letter.resolve_due is not None and letter.resolve_due.due_date == date(2025, 4, 4)
    here = limits(letter.received_on)
    letter.extend(UBND, here, reason="Phức tạp", extended_on=date(2025, 4, 1), at=AT,
                  today=TODAY)
    assert letter.resolve_due.due_date == date(2025, 5, 4)
    letter.extend(UBND, here, reason="Rất phức tạp", extended_on=date(2025, 5, 1), at=AT,
                  today=TODAY)
    assert letter.resolve_due.due_date == date(2025, 6, 3)
    assert letter.resolve_due.rule_id == "denunciation.extension"
    with pytest.raises(errors.InvalidLetterError, match="at most 2"):
        letter.extend(UBND, here, reason="Nữa", extended_on=date(2025, 6, 1), at=AT,
                      today=TODAY)
    letter.decide(UBND, outcome="Tố cáo đúng một phần", decided_on=date(2025, 6, 4), at=AT,
                  today=TODAY)
    last = letter.collect_events()[-1]
    assert isinstance(last, Decided) and last.on_time is False


def test_a_complaint_is_not_extended() -> None:
    letter = accepted(C, date(2025, 3, 3))
    with pytest.raises(errors.IllegalTransitionError):
        letter.extend(UBND, limits(letter.received_on), reason="x",
                      extended_on=date(2025, 3, 4), at=AT, today=TODAY)


def test_a_letter_outside_competence_is_forwarded_within_5_working_days() -> None:
    letter = receive(D, date(2026, 8, 27))  # Thursday; 31/8, 1/9, 2/9 off
    letter.forward(UBND, limits(letter.received_on), to=Agency.HDND,
                   reason="Thuộc thẩm quyền HĐND", forwarded_on=date(2026, 9, 7), at=AT,
                   today=TODAY)
    event = letter.collect_events()[-1]
    assert (event.due_on, event.on_time) == (date(2026, 9, 8), True)  # type: ignore[attr-defined]
    assert letter.handler is Agency.HDND and letter.status is Status.FORWARDED
    assert letter.handling_due is not None
    assert letter.handling_due.due_date == date(2026, 9, 16)  # 7 working days from the forward
    with pytest.raises(errors.NotPermittedError):  # the letter is HĐND's now
        letter.accept(UBND, limits(letter.received_on), accepted_on=date(2026, 9, 8), at=AT,
                      today=TODAY)
    letter.accept(HDND, limits(letter.received_on), accepted_on=date(2026, 9, 8), at=AT,
                  today=TODAY)
    assert letter.status is Status.ACCEPTED


def test_a_late_forward_is_recorded_as_late() -> None:
    letter = receive(LetterKind.PETITION, date(2025, 3, 3))
    letter.forward(UBND, limits(letter.received_on), to=Agency.HDND, reason="Không thuộc",
                   forwarded_on=date(2025, 3, 11), at=AT, today=TODAY)
    assert letter.forwards[-1][2] is False


def test_an_anonymous_denunciation_is_kept_as_information_not_accepted() -> None:
    letter = receive(D, date(2025, 3, 3), anonymous=True)
    assert (letter.kind, letter.treated_as, letter.status) == (
        D, LetterKind.INFORMATION, Status.FILED)
    assert letter.identity_ref is None and letter.handling_due is None
    with pytest.raises(errors.IllegalTransitionError, match="anonymous"):
        letter.accept(UBND, limits(letter.received_on), accepted_on=date(2025, 3, 4), at=AT,
                      today=TODAY)


def test_a_denouncer_is_never_named_in_the_letter() -> None:
    with pytest.raises(errors.InvalidLetterError, match="vault"):
        receive(D, date(2025, 3, 3), sender_name="Nguyễn Văn A")
    with pytest.raises(errors.InvalidLetterError):
        receive(C, date(2025, 3, 3), identity_ref="vault-x")


@pytest.mark.parametrize(("received_on", "allowed"), [(date(2026, 6, 30), False),
                                                      (date(2026, 7, 1), True)])
def test_withdrawal_of_a_complaint_exists_from_law_136_2025(received_on: date,
                                                            allowed: bool) -> None:
    letter = accepted(C, received_on)
    here = limits(received_on)
    if not allowed:
        with pytest.raises(errors.RuleNotInForceError, match="2026-06-30"):
            letter.withdraw(UBND, here, reason="Đã thỏa thuận", withdrawn_on=date(2026, 7, 2),
                            at=AT, today=TODAY)
        return
    letter.withdraw(UBND, here, reason="Đã thỏa thuận", withdrawn_on=date(2026, 7, 2), at=AT,
                    today=TODAY)
    assert letter.status is Status.WITHDRAWN
    with pytest.raises(errors.IllegalTransitionError):
        letter.decide(UBND, outcome="x", decided_on=date(2026, 7, 3), at=AT, today=TODAY)


def test_a_complaint_received_before_the_new_law_keeps_the_old_text_after_it() -> None:
    letter = accepted(C, date(2026, 6, 30), date(2026, 7, 3))  # accepted under the new law
    with pytest.raises(errors.RuleNotInForceError):
        letter.withdraw(UBND, limits(letter.received_on), reason="x",
                        withdrawn_on=date(2026, 7, 5), at=AT, today=TODAY)


@pytest.mark.parametrize(("received_on", "allowed"), [(date(2026, 6, 30), False),
                                                      (date(2026, 7, 1), True)])
def test_online_reception_exists_from_law_136_2025(received_on: date, allowed: bool) -> None:
    if allowed:
        assert receive(C, received_on, channel=Channel.ONLINE).channel is Channel.ONLINE
    else:
        with pytest.raises(errors.RuleNotInForceError):
            receive(C, received_on, channel=Channel.ONLINE)


def test_only_the_handling_body_acts_and_dates_stay_in_bounds() -> None:
    letter = receive(C, date(2025, 3, 3))
    here = limits(letter.received_on)
    with pytest.raises(errors.NotPermittedError):
        letter.accept(HDND, here, accepted_on=date(2025, 3, 4), at=AT, today=TODAY)
    with pytest.raises(OccurredOnError, match="before"):
        letter.accept(UBND, here, accepted_on=date(2025, 3, 2), at=AT, today=TODAY)
    with pytest.raises(OccurredOnError, match="future"):
        letter.accept(UBND, here, accepted_on=date(2027, 1, 2), at=AT, today=TODAY)
    with pytest.raises(errors.IllegalTransitionError):
        letter.decide(UBND, outcome="x", decided_on=date(2025, 3, 4), at=AT, today=TODAY)
    with pytest.raises(errors.InvalidLetterError):
        letter.forward(UBND, here, to=Agency.UBND, reason="x", forwarded_on=date(2025, 3, 4),
                       at=AT, today=TODAY)


def test_repeats_are_flagged_with_their_scores() -> None:
    first, second = receive(C, date(2025, 3, 3)), receive(C, date(2025, 3, 4))
    second.flag_repeats([(first.id, 0.91234)])
    assert second.repeats == [(first.id, 0.9123)]


def test_a_letter_stored_before_its_events_moved_still_loads(letters: Letters) -> None:
    """Its events were stored as ``letters.domain.letter:<Name>``; they moved to
    ``letter_events`` and the old topics are registered."""
    from dataclasses import replace

    letter = accepted(C, date(2025, 3, 3))
    mapper = letters.mapper
    stored = [mapper.to_stored_event(e) for e in letter.collect_events()]
    assert all(s.topic.startswith("letters.domain.letter_events:") for s in stored)
    old = [replace(s, topic=s.topic.replace(".letter_events:", ".letter:")) for s in stored]
    replayed = None
    for event in map(mapper.to_domain_event, old):
        replayed = event.mutate(replayed)
    assert replayed is not None
    assert (replayed.status, replayed.resolve_due) == (Status.ACCEPTED, letter.resolve_due)
