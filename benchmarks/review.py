"""Benchmark 8: the yearly review of a province-year (issue 18; target ≤ 1 s).

An oversight SQLite store is filled through the consumers' own path
(``ConsumingApplication.apply_batch``: each event's receipt and its review note) with
``--review-years`` years of a province ten times the demo's (each year: 8 sessions, 100
resolutions and their guidance, 800 petitions recorded, forwarded, answered, published
and followed, 400 letters, 16 topics, 18 recommendations), and the review's projection
caught up. Then, in rounds:

- **review**: ``Oversight.review`` of the last year, every figure with the previous year
  beside it, and the agencies' medians: what ``GET /review?year=`` computes;
- **drill-down**: the records of ``petitions.answered`` for that year;
- **baseline**: a raw ``SELECT`` of every fact row up to the year's end with ``sqlite3``,
  every row fetched (the floor for reading what the review reads).
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from uuid import uuid4

from chassis.messaging.consuming_application import tracking_name
from contracts import IntegrationEvent, ReceivedEvent, decode_cloudevent, encode_cloudevent
from contracts.letters import v1 as letters
from contracts.oversight import v1 as oversight
from contracts.petitions import v1 as petitions
from contracts.sessions import v1 as sessions
from contracts.vocabulary import Agency, JurisdictionLevel, PolicyField, ResolutionStatus
from oversight.application import Oversight
from oversight.review.periods import Period

JURISDICTION = "bench"
TARGET_SECONDS = 1.0
UNITS = ["Sở Xây dựng", "Sở Y tế", "Sở Tài chính", "Sở Nội vụ", "Công an tỉnh",
         "Sở Giáo dục và Đào tạo", "Sở Nông nghiệp và Môi trường", "Sở Công Thương"]


@dataclass(frozen=True)
class ReviewRound:
    review_seconds: float
    records_seconds: float
    raw_seconds: float


@dataclass(frozen=True)
class ReviewResult:
    events: int
    facts: int
    year_facts: int
    fill_seconds: float
    rounds: list[ReviewRound]

    def median(self, field: str) -> float:
        return float(statistics.median(getattr(r, field) for r in self.rounds))


def day_in(rng: random.Random, year: int) -> date:
    return date(year, 1, 1) + timedelta(days=rng.randrange(0, 330))


def province_year(rng: random.Random, year: int) -> Iterator[IntegrationEvent]:
    """A province-year's events, each dated by ``occurred_on``."""
    def on(event: IntegrationEvent, day: date) -> IntegrationEvent:
        return event.model_copy(update={"occurred_on": day})

    for n in range(8):
        sid, opened = uuid4(), day_in(rng, year)
        yield on(sessions.SessionPlanned(
            session_id=sid, number=n + 1, term="X", title=f"Kỳ họp {n + 1}",
            kind="thematic" if n % 4 else "regular", planned_opening=opened,
            planned_closing=opened, place="Hội trường", total_deputies=50, requested_by=None,
            requesting_deputies=None), opened)
        yield on(sessions.SessionConvened(session_id=sid, opened_on=opened, total_deputies=50,
                                          present=48, absent_deputies=[]), opened)
    for n in range(100):
        rid, passed = uuid4(), day_in(rng, year)
        yield on(sessions.ResolutionPassed(
            session_id=uuid4(), resolution_id=rid, document_id=uuid4(), number=f"{n}/NQ",
            title="Nghị quyết", field=PolicyField.ECONOMY, passed_on=passed, yes=45, no=2,
            abstain=1, absent=2, total_deputies=50, rule_id="r", legal_source="l"), passed)
        lag = rng.randrange(5, 120)
        yield on(sessions.ResolutionGuidanceIssued(
            resolution_id=rid, resolution_number=f"{n}/NQ", guidance_number="HD",
            guidance_title="Hướng dẫn", issued_on=passed + timedelta(days=lag),
            issued_by=Agency.UBND, issuing_unit=None, passed_on=passed, lag_days=lag,
            first=True), passed + timedelta(days=lag))
    for _ in range(800):
        pid, recorded, unit = uuid4(), day_in(rng, year), rng.choice(UNITS)
        forwarded, answered = recorded + timedelta(days=2), recorded + timedelta(
            days=2 + rng.randrange(3, 60))
        due = forwarded + timedelta(days=30)
        yield on(petitions.PetitionRecorded(
            petition_id=pid, text="Đề nghị sửa đường", meeting_id=None, commune="Tân Phú",
            channel="meeting", deputy=None, recorded_at=datetime.now(UTC)), recorded)
        yield on(petitions.PetitionForwarded(
            petition_id=pid, text="Đề nghị sửa đường", to_agency=Agency.UBND, to_unit=unit,
            level=JurisdictionLevel.PROVINCE, forwarded_on=forwarded, due_date=due,
            rule_id="r", legal_source="l", reforwarded=False, reason=None), forwarded)
        yield on(petitions.PetitionAnswered(
            petition_id=pid, agency=Agency.UBND, unit=unit, answer="Đã trả lời",
            answered_on=answered, due_date=due, on_time=answered <= due), answered)
        yield on(petitions.PetitionAnswerPublished(
            petition_id=pid, text="t", answer="a", answered_by=Agency.UBND,
            published_on=answered, communes=["Tân Phú"]), answered)
        yield on(petitions.PetitionResolutionUpdated(
            petition_id=pid, status=rng.choice(list(ResolutionStatus)), roadmap_date=None,
            note=None, updated_on=answered), answered)
    for _ in range(400):
        lid, received = uuid4(), day_in(rng, year)
        yield on(letters.LetterReceived(
            letter_id=lid, kind=rng.choice(["complaint", "denunciation", "reflection"]),
            treated_as="complaint", channel="mail", received_on=received,
            handler=Agency.UBND, instance=1, appeal_of=None, handling_due_on=None,
            rule_id=None, legal_source=None), received)
        yield on(letters.LetterAccepted(
            letter_id=lid, handler=Agency.UBND, accepted_on=received, on_time=True,
            due_on=None, rule_id=None, legal_source=None, notify_due_on=None), received)
        yield on(letters.LetterDecided(letter_id=lid, handler=Agency.UBND,
                                       decided_on=received + timedelta(days=20),
                                       on_time=True), received + timedelta(days=20))
    topics = [oversight.ProgrammeTopic(
        item_id=uuid4(), topic=f"Chuyên đề {m}", field=PolicyField.EDUCATION, units=["Sở"],
        window_start=date(year, m % 12 + 1, 1), window_end=date(year, m % 12 + 1, 20))
        for m in range(16)]
    yield on(oversight.SupervisionProgrammeAdopted(
        programme_id=uuid4(), year=year, body="committee", body_name="Ban", topics=topics,
        adopted_on=date(year - 1, 12, 15)), date(year - 1, 12, 15))
    for _ in range(18):
        issued = day_in(rng, year)
        yield on(oversight.RecommendationIssued(
            recommendation_id=uuid4(), supervision_id=uuid4(), body="committee",
            body_name="Ban", topic="t", addressee_agency=Agency.UBND, addressee_unit="Sở",
            action="a", issued_on=issued, due_on=issued + timedelta(days=60), rule_id=None,
            legal_source=None), issued)


def filled(path: Path, years: int, last_year: int) -> tuple[Oversight, int, float]:
    """The store filled through the consumers' path; the application, events, seconds."""
    app = Oversight({"PERSISTENCE_MODULE": "eventsourcing.sqlite",
                     "SQLITE_DBNAME": str(path)})
    rng, sequences, batch = random.Random(18), dict[str, int](), list[ReceivedEvent]()
    started, events = time.perf_counter(), 0

    def flush() -> None:
        by_source: dict[str, list[ReceivedEvent]] = {}
        for received in batch:
            by_source.setdefault(received.source, []).append(received)
        for source, received_events in by_source.items():
            app.apply_batch(received_events, tracking_name(source, source.rsplit(":", 1)[1]))
        batch.clear()

    for year in range(last_year - years + 1, last_year + 1):
        for event in province_year(rng, year):
            sequence = sequences[event.service] = sequences.get(event.service, 0) + 1
            batch.append(decode_cloudevent(encode_cloudevent(
                event, jurisdiction=JURISDICTION, sequence=sequence, subject="s",
                time=datetime.now(UTC))[2]))
            events += 1
            if len(batch) >= 500:
                flush()
    flush()
    app.review_facts.projection.catch_up()
    return app, events, time.perf_counter() - started


def compare(workdir: Path, years: int, rounds: int) -> ReviewResult:
    last_year = date.today().year - 1
    path = workdir / "oversight.db"
    app, events, fill_seconds = filled(path, years, last_year)
    period = Period.year(last_year)
    table = app.review_facts.table.name
    measured = []
    try:
        for _ in range(rounds):
            began = time.perf_counter()
            review = app.review(period, None, JURISDICTION)
            review_seconds = time.perf_counter() - began
            began = time.perf_counter()
            app.review_figure("petitions.answered", period, None)
            records_seconds = time.perf_counter() - began
            began = time.perf_counter()
            with sqlite3.connect(path) as raw:
                rows = raw.execute(f"SELECT * FROM {table} WHERE occurred_on <= ?",
                                   (period.end.isoformat(),)).fetchall()
            raw_seconds = time.perf_counter() - began
            measured.append(ReviewRound(review_seconds, records_seconds, raw_seconds))
        assert review["sections"][0]["figures"][0]["value"] == 8  # sessions held
        with sqlite3.connect(path) as raw:
            [(facts,)] = raw.execute(f"SELECT count(*) FROM {table}").fetchall()
            [(year_facts,)] = raw.execute(
                f"SELECT count(*) FROM {table} WHERE occurred_on BETWEEN ? AND ?",
                (period.start.isoformat(), period.end.isoformat())).fetchall()
    finally:
        app.close()
    assert len(rows) <= facts
    return ReviewResult(events, facts, year_facts, fill_seconds, measured)


def print_review(result: ReviewResult) -> None:
    review, records, raw = (result.median("review_seconds"), result.median("records_seconds"),
                            result.median("raw_seconds"))
    print(f"\n8. review of a province-year: {result.events:,} events consumed "
          f"({result.facts:,} facts, {result.year_facts:,} in the year; filled in "
          f"{result.fill_seconds:.0f} s), {len(result.rounds)} rounds; median "
          f"(min–max) seconds")
    for label, field in (("GET /review's work (every figure, both years)", "review_seconds"),
                         ("one figure's records (petitions.answered)", "records_seconds"),
                         ("baseline: raw SELECT of the facts read", "raw_seconds")):
        values = [getattr(r, field) for r in result.rounds]
        print(f"   {label:<48} {statistics.median(values):7.3f} "
              f"({min(values):.3f}–{max(values):.3f})")
    verdict = "met" if review <= TARGET_SECONDS else "MISSED"
    print(f"   review / raw SELECT {review / raw:.1f}×; drill-down {records:.3f} s; "
          f"target review ≤ {TARGET_SECONDS:g} s: {verdict}")
