"""Each figure of the yearly review, its rule, on facts made from contract events: no I/O."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import uuid4

import pytest
from review_builders import RECORDED, History

from contracts.oversight import v1 as oversight
from contracts.petitions import v1 as petitions
from contracts.vocabulary import Agency, ResolutionStatus
from oversight.review.facts import facts_of
from oversight.review.figure_kit import Facts
from oversight.review.figures import BY_KEY, FIGURES, agencies_answering
from oversight.review.periods import Period, ReviewPeriodError, checked_period
from oversight.review.report import Scope, review_json

Y2024, Y2025 = Period.year(2024), Period.year(2025)


def value(history: History, key: str, period: Period = Y2025, body: str | None = None
          ) -> float | int | None:
    return BY_KEY[key].compute(Facts(history.facts(), body), period).figure


def parts(history: History, key: str, period: Period = Y2025) -> dict[str, object]:
    result = BY_KEY[key].compute(Facts(history.facts()), period)
    return {p.key: p.value for p in result.parts}


# -- periods -------------------------------------------------------------------------------

def test_the_previous_period_is_as_long_and_whole_years_stay_whole() -> None:
    assert Period.year(2024).previous() == Period.year(2023)  # 366 days, and 365 before
    quarter = Period(date(2025, 4, 1), date(2025, 6, 30))
    assert quarter.previous() == Period(date(2025, 1, 1), date(2025, 3, 31))
    span = Period(date(2025, 3, 10), date(2025, 3, 19))
    assert span.previous() == Period(date(2025, 2, 28), date(2025, 3, 9))


@pytest.mark.parametrize(("start", "end"), [
    (date(2025, 5, 1), date(2025, 4, 30)),  # ends before it starts
    (date(1800, 1, 1), date(1800, 12, 31)),  # far away
    (date(3000, 1, 1), date(3000, 12, 31)),
])
def test_a_period_the_review_cannot_cover_is_refused(start: date, end: date) -> None:
    with pytest.raises(ReviewPeriodError) as refused:
        checked_period(start, end, (date(2016, 1, 1), date(2036, 12, 31)))
    assert isinstance(refused.value.detail.vi, str)  # type: ignore[union-attr]


# -- the day of a fact ---------------------------------------------------------------------

def test_a_fact_is_dated_the_day_it_happened_else_the_day_of_its_event_in_vietnam() -> None:
    history = History()
    history.petition(date(2025, 3, 14))
    _, recorded = history.events[0]
    late_evening = datetime(2025, 3, 20, 18, 30, tzinfo=UTC)  # 01:30 next day in Vietnam
    [dated] = facts_of(recorded, event_id="tg:petitions:9", time=late_evening)
    assert dated.occurred_on == date(2025, 3, 14)
    assert dated.fact_id == "tg:petitions:9#0"
    undated = recorded.model_copy(update={"occurred_on": None})
    [fact] = facts_of(undated, event_id="tg:petitions:9", time=late_evening)
    assert fact.occurred_on == date(2025, 3, 21)


def test_an_event_without_occurred_on_is_dated_by_its_acts_own_day_field() -> None:
    """Letters' and oversight's relays do not stamp ``occurred_on`` yet: a letter received
    by post in 2025 and typed in 2026 still counts in 2025."""
    history = History()
    history.letter(date(2025, 4, 2))
    _, received = history.events[0]
    unstamped = received.model_copy(update={"occurred_on": None})
    [fact] = facts_of(unstamped, event_id="tg:letters:1", time=RECORDED)
    assert fact.occurred_on == date(2025, 4, 2)


# -- sessions ------------------------------------------------------------------------------

def test_sessions_held_count_by_opening_with_their_kind() -> None:
    h = History()
    h.session(date(2024, 7, 10), "regular")
    h.session(date(2025, 3, 14), "thematic")
    h.session(date(2025, 7, 9), "regular", questions=3)
    h.session(date(2025, 12, 10), "thematic")
    assert value(h, "sessions.held") == 3
    assert parts(h, "sessions.held") == {"thematic": 2, "regular": 1}
    assert value(h, "sessions.held", Y2024) == 1
    assert value(h, "sessions.questioning") == 1
    assert parts(h, "sessions.questioning") == {"questions": 3}
    assert value(h, "sessions.held", body="ubnd") == 0  # sessions count for HĐND
    listed = BY_KEY["sessions.questioning"].compute(Facts(h.facts()), Y2025).records
    assert [r.title for r in listed] == ["Kỳ họp (regular)"]  # the session, by its title


def test_guidance_lag_median_longest_and_resolutions_left_without() -> None:
    h = History()
    first, second, third = (h.resolution(date(2025, 1, 10)), h.resolution(date(2025, 2, 1)),
                            h.resolution(date(2025, 11, 20)))
    h.guidance(first, date(2025, 1, 10), date(2025, 2, 9))  # 30 days
    h.guidance(second, date(2025, 2, 1), date(2025, 4, 2))  # 60 days
    h.guidance(third, date(2025, 11, 20), date(2026, 1, 9))  # after the period
    assert value(h, "guidance.median_lag") == 45.0
    assert value(h, "guidance.longest_lag") == 60.0
    without = BY_KEY["guidance.without"].compute(Facts(h.facts()), Y2025)
    assert [f.record_id for f in without.records] == [str(third)]
    empty = BY_KEY["guidance.median_lag"].compute(Facts(h.facts()), Y2024)
    assert empty.figure is None and empty.note is not None


# -- petitions -----------------------------------------------------------------------------

def test_petitions_forwarded_rerouted_answered_on_time_and_late() -> None:
    h = History()
    on_time, late, moved = (h.petition(date(2025, 2, 1)), h.petition(date(2025, 2, 1)),
                            h.petition(date(2024, 12, 20)))
    h.forward(on_time, date(2025, 2, 3), date(2025, 3, 5))
    h.forward(late, date(2025, 2, 3), date(2025, 3, 5))
    h.forward(moved, date(2024, 12, 22), date(2025, 1, 21))
    h.forward(moved, date(2025, 1, 5), date(2025, 2, 4), agency=Agency.HDND, unit=None,
              reforwarded=True)
    h.answer(on_time, date(2025, 2, 23), date(2025, 3, 5))
    h.answer(late, date(2025, 4, 4), date(2025, 3, 5))
    h.answer(moved, date(2025, 1, 15), date(2025, 2, 4), agency=Agency.HDND, unit=None)
    assert value(h, "petitions.recorded") == 2
    assert value(h, "petitions.recorded", Y2024) == 1
    assert value(h, "petitions.forwarded") == 2
    assert value(h, "petitions.rerouted") == 1
    assert parts(h, "petitions.answered") == {"on_time": 2, "late": 1}
    assert value(h, "petitions.on_time_share") == pytest.approx(0.6667)
    # days from the last forwarding before the answer: 20, 60, 10
    assert value(h, "petitions.median_days_to_answer") == 20.0
    assert value(h, "petitions.answered", body="hdnd") == 1


def test_a_consolidation_split_again_is_not_counted() -> None:
    h = History()
    kept, undone = uuid4(), uuid4()
    for petition_id, sources in ((kept, 3), (undone, 2)):
        h.add(petitions.PetitionsConsolidated(
            petition_id=petition_id, merged_petition_ids=[uuid4() for _ in range(sources)],
            text="Đường tỉnh 864", sources=[petitions.PetitionSource(
                petition_id=uuid4(), meeting_id=None, commune="Tân Phú")
                for _ in range(sources)], meeting_count=1, commune_count=1),
            date(2025, 3, 1))
    h.add(petitions.PetitionConsolidationSplit(petition_id=undone, restored_petition_ids=[],
                                               reason="Gộp nhầm"), date(2025, 3, 9))
    assert value(h, "petitions.consolidated") == 1
    assert parts(h, "petitions.consolidated") == {"sources": 3, "merged": 3}


def test_agencies_are_ranked_only_from_the_rulebook_minimum_up() -> None:
    h = History()
    for _ in range(5):  # Sở Xây dựng: five answers, 10 days each
        p = h.petition(date(2025, 3, 1))
        h.forward(p, date(2025, 3, 2), date(2025, 4, 1))
        h.answer(p, date(2025, 3, 12), date(2025, 4, 1))
    fast = h.petition(date(2025, 3, 1))  # Sở Y tế: one answer in a day
    h.forward(fast, date(2025, 3, 2), date(2025, 4, 1), unit="Sở Y tế")
    h.answer(fast, date(2025, 3, 3), date(2025, 4, 1), unit="Sở Y tế")
    rows = agencies_answering(Facts(h.facts()), Y2025, minimum=5)
    assert [(r.unit, r.answered, r.median_days, r.ranked) for r in rows] == [
        ("Sở Xây dựng", 5, 10.0, True), ("Sở Y tế", 1, 1.0, False)]


def test_resolution_status_counts_each_petitions_last_status_in_the_period() -> None:
    h = History()
    first, second = h.petition(date(2025, 1, 2)), h.petition(date(2025, 1, 2))
    h.status(first, ResolutionStatus.IN_PROGRESS, date(2025, 3, 1))
    h.status(first, ResolutionStatus.RESOLVED, date(2025, 9, 1))
    h.status(second, ResolutionStatus.EXPLAINED, date(2025, 4, 1))
    assert parts(h, "petitions.resolution_status") == {
        "resolved": 1, "in_progress": 0, "explained": 1, "unresolved": 0}
    assert value(h, "petitions.resolved_share") == 0.5


# -- letters, supervision ------------------------------------------------------------------

def test_letters_received_by_kind_and_decided_within_the_limit() -> None:
    h = History()
    h.letter(date(2025, 2, 1), "complaint", decided_on=date(2025, 3, 1), due=date(2025, 4, 1))
    h.letter(date(2025, 2, 1), "denunciation", decided_on=date(2025, 6, 1),
             due=date(2025, 4, 1))
    h.letter(date(2024, 2, 1), "petition")
    assert parts(h, "letters.received") == {"complaint": 1, "denunciation": 1, "petition": 0,
                                            "reflection": 0, "information": 0}
    assert parts(h, "letters.decided") == {"on_time": 1, "late": 1}
    assert value(h, "letters.received", Y2024) == 1


def test_topics_count_in_the_year_their_window_begins_not_when_adopted() -> None:
    h = History()
    h.programme(2025, "standing_committee", [3, 9])
    h.programme(2025, "mttq", [4])
    assert value(h, "oversight.topics") == 3
    assert parts(h, "oversight.topics") == {"hdnd": 2, "mttq": 1}
    assert value(h, "oversight.topics", Y2024) == 0  # adopted in December 2024
    assert value(h, "oversight.topics", body="mttq") == 1


def test_a_recommendation_is_overdue_when_not_answered_by_its_due_day() -> None:
    h = History()
    h.recommendation(date(2025, 1, 10), date(2025, 3, 10), answered_on=date(2025, 3, 1))
    late = h.recommendation(date(2025, 1, 10), date(2025, 3, 10), answered_on=date(2025, 5, 1))
    never = h.recommendation(date(2025, 6, 10), date(2025, 8, 10))
    h.recommendation(date(2025, 12, 1), date(2026, 1, 30))  # due after the period
    overdue = BY_KEY["oversight.recommendations_overdue"].compute(Facts(h.facts()), Y2025)
    assert {f.record_id for f in overdue.records} == {str(late), str(never)}
    assert value(h, "oversight.recommendations_issued") == 4
    assert value(h, "oversight.recommendations_answered") == 2


# -- the document ---------------------------------------------------------------------------

def test_the_review_has_every_figure_with_the_previous_period_and_its_records_link() -> None:
    h = History()
    h.session(date(2024, 7, 10), "regular")
    h.session(date(2025, 3, 14), "thematic")
    document = review_json(h.facts(), Scope(Y2025, None, "tien-giang"), minimum_for_rank=5,
                           as_of=RECORDED)
    figures = {f["key"]: f for s in document["sections"] for f in s["figures"]}
    assert list(figures) == [f.key for f in FIGURES]
    held = figures["sessions.held"]
    assert (held["value"], held["previous"], held["unit"]) == (1, 1, "count")
    assert held["parts"][0] == {"key": "thematic", "label": "chuyên đề",
                                "label_en": "thematic", "value": 1, "previous": 0}
    assert held["records"] == ("/review/figures/sessions.held?from=2025-01-01&to=2025-12-31"
                               "&jurisdiction=tien-giang")
    assert document["previous_period"] == {"from": "2024-01-01", "to": "2024-12-31"}


# -- social criticism, draft laws, two-way reports ----------------------------------------

def test_social_criticism_draft_laws_and_reports_count_in_the_year_of_their_acts() -> None:
    """Each from oversight's own events, dated by the act's day (as the contracts' examples
    are, in 2026): conferences, criticisms sent, draft laws whose comments were sent, and
    the reports submitted (on time or late) and found overdue."""
    criticism, consultation, report = uuid4(), uuid4(), uuid4()
    owed = {"report_id": report, "obligation_id": "ubnd.socioeconomic.monthly",
            "title": "Tình hình kinh tế - xã hội", "from_agency": Agency.UBND,
            "to_agencies": [Agency.HDND, Agency.MTTQ], "period_label": "2026-03",
            "period_start": date(2026, 3, 1), "period_end": date(2026, 3, 31),
            "due_on": date(2026, 4, 5)}
    history = History()
    for event in (
        oversight.SocialCriticismConferenceHeld(
            criticism_id=criticism, held_on=date(2026, 3, 12), participants=42,
            summary="Đề nghị làm rõ đối tượng được hỗ trợ."),
        oversight.SocialCriticismSent(
            criticism_id=criticism, draft_title="Dự thảo nghị quyết hỗ trợ học phí",
            drafting_agency=Agency.UBND, sent_on=date(2026, 3, 20),
            content="Đề nghị mở rộng đối tượng."),
        oversight.DraftLawCommentsSent(
            consultation_id=consultation, law_title="Dự thảo Luật Nhà giáo",
            collector=Agency.DBQH, sent_on=date(2026, 3, 30), sent_to="Ủy ban Văn hóa",
            summary="Phụ cấp.", comment_count=12, from_voters=9, from_groups=3),
        oversight.ObligationReportSubmitted(**owed, submitted_on=date(2026, 4, 7),
                                            on_time=False, summary="Ổn định."),
        oversight.ObligationReportOverdue(**owed, found_on=date(2026, 4, 6)),
    ):
        # dated by the act's own day field, as an event the relay did not stamp would be
        history.events.append((f"tien-giang:oversight:{len(history.events) + 1}", event))
    y2026 = Period.year(2026)
    assert value(history, "oversight.criticism_conferences", y2026) == 1
    assert value(history, "oversight.criticisms_sent", y2026) == 1
    assert value(history, "oversight.draft_laws_commented", y2026) == 1
    assert value(history, "oversight.draft_laws_commented", y2026, body="mttq") == 0
    assert value(history, "reporting.submitted", y2026) == 1
    assert parts(history, "reporting.submitted", y2026) == {"on_time": 0, "late": 1}
    assert value(history, "reporting.overdue", y2026) == 1
    assert value(history, "reporting.overdue", Y2025) == 0
    [conference] = BY_KEY["oversight.criticism_conferences"].compute(
        Facts(history.facts()), y2026).records
    assert conference.occurred_on == date(2026, 3, 12)  # held_on, not the day recorded


def test_an_answer_not_yet_published_is_never_a_records_title() -> None:
    """The review's records are public; an answer is the public's only once MTTQ has
    published it (petitions' policy), so the answered fact names who answered."""
    history = History()
    pid = history.petition(date(2025, 3, 1))
    history.forward(pid, date(2025, 3, 5), due=date(2025, 4, 4))
    history.answer(pid, date(2025, 3, 20), due=date(2025, 4, 4))
    answered = BY_KEY["petitions.answered"].compute(Facts(history.facts()), Y2025).records
    words = [e.answer for _, e in history.events if isinstance(e, petitions.PetitionAnswered)]
    assert answered and words
    assert all(w not in f.title for f in answered for w in words)
    assert answered[0].title.startswith("Trả lời của UBND tỉnh")


def test_a_title_a_spreadsheet_would_run_as_a_formula_is_quoted_in_the_csv() -> None:
    from oversight.entrypoints.review_routes import records_csv

    record = {"id": "x", "kind": "petition", "title": "=HYPERLINK(1)",
              "occurred_on": "2025-03-01", "href": "/petitions/x"}
    written = records_csv([record, {**record, "title": "Đề nghị sửa đường"}]).decode("utf-8-sig")
    assert "'=HYPERLINK" in written and ",Đề nghị sửa đường," in written
