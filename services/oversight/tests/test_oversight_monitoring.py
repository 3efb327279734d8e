"""Monitoring from the petitions and sessions streams: the watches, the per-agency figures,
and findings recorded once per due date, whatever the redeliveries and repeated passes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from uuid import uuid4

import pytest
from monitoring_builders import (
    DUE,
    PASSED_ON,
    Envelopes,
    answered,
    forwarded,
    guidance,
    passed,
    subject_of,
    vietnam_morning,
)
from oversight_builders import AT

from chassis.messaging.consuming_application import tracking_name
from chassis.settings import ServiceSettings
from chassis.stores import store_environment
from contracts import IntegrationEvent
from contracts.oversight import v1
from contracts.vocabulary import Agency
from kernel.clock import ManualClock
from kernel.rulebook import default_rulebook
from oversight.application import Oversight, translate
from oversight.domain.monitoring import PetitionWatch, ResolutionWatch

PETITIONS = tracking_name("urn:phoihop:tien-giang:petitions", "petitions")
SESSIONS = tracking_name("urn:phoihop:tien-giang:sessions", "sessions")


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(AT)


@pytest.fixture
def watcher(settings: ServiceSettings, clock: ManualClock) -> Iterator[Oversight]:
    application = Oversight(store_environment(settings, "oversight"), clock=clock)
    yield application
    application.close()


def consume(app: Oversight, envelopes: Envelopes, *events: IntegrationEvent) -> None:
    for event in events:
        name = PETITIONS if event.service == "petitions" else SESSIONS
        assert app.apply_received(envelopes.received(event, subject_of(event)), name)


def published_findings(app: Oversight) -> list[IntegrationEvent]:
    stored = app.recorder.select_notifications(start=1, limit=10_000)
    found = [translate(app.mapper.to_domain_event(n)) for n in stored]
    return [f for f in found
            if isinstance(f, v1.PetitionAnswerOverdue | v1.ResolutionGuidanceOverdue)]


# -- the watches ---------------------------------------------------------------------------

def test_a_petition_watch_flags_once_per_due_date_and_never_once_answered() -> None:
    petition = uuid4()
    watch = PetitionWatch.start(petition_id=petition, agency=Agency.UBND, unit=None,
                                forwarded_on=date(2026, 3, 2), due_date=DUE, at=AT)
    assert not watch.flag_if_overdue(DUE, AT)  # the due date itself is still on time
    assert watch.flag_if_overdue(DUE + timedelta(days=1), AT)
    assert not watch.flag_if_overdue(DUE + timedelta(days=9), AT)  # once
    watch.reforward(agency=Agency.HDND, unit=None, forwarded_on=DUE, due_date=date(2026, 5, 1),
                    at=AT)
    assert not watch.flag_if_overdue(date(2026, 5, 1), AT)
    watch.see_answer(answered_on=date(2026, 5, 1), on_time=True, at=AT)
    assert not watch.flag_if_overdue(date(2026, 6, 1), AT)
    assert (watch.agency, watch.on_time) == (Agency.HDND, True)


def test_a_resolution_watch_flags_once_and_never_after_guidance() -> None:
    watch = ResolutionWatch.start(
        resolution_id=uuid4(), number="15/2026/NQ-HĐND", title="NQ", passed_on=PASSED_ON,
        guidance_due=PASSED_ON + timedelta(days=30), rule_id="r", legal_source="s", at=AT)
    assert not watch.flag_if_overdue(PASSED_ON + timedelta(days=30), AT)
    assert watch.flag_if_overdue(PASSED_ON + timedelta(days=31), AT)
    assert not watch.flag_if_overdue(PASSED_ON + timedelta(days=40), AT)
    late = ResolutionWatch.start(
        resolution_id=uuid4(), number="16/2026/NQ-HĐND", title="NQ", passed_on=PASSED_ON,
        guidance_due=PASSED_ON + timedelta(days=30), rule_id="r", legal_source="s", at=AT)
    late.see_guidance(issued_on=PASSED_ON + timedelta(days=5), at=AT)
    assert not late.flag_if_overdue(PASSED_ON + timedelta(days=60), AT)


# -- the application: consuming, the pass, the figures --------------------------------------

def test_petitions_per_agency_and_the_overdue_one_flagged_once(
    watcher: Oversight, clock: ManualClock,
) -> None:
    envelopes = Envelopes()
    on_time, late, waiting, hdnd = (forwarded(), forwarded(), forwarded(),
                                    forwarded(agency=Agency.HDND, unit=None))
    consume(watcher, envelopes, on_time, late, waiting, hdnd,
            answered(on_time.petition_id, date(2026, 3, 20)),
            answered(late.petition_id, date(2026, 4, 5)),
            answered(hdnd.petition_id, date(2026, 3, 25), agency=Agency.HDND))
    clock.set(vietnam_morning(DUE))
    assert watcher.flag_overdue() == 0  # due today: not yet overdue

    clock.set(vietnam_morning(DUE + timedelta(days=1)))
    assert watcher.flag_overdue() == 1
    assert watcher.flag_overdue() == 0  # a second pass the same day records nothing
    clock.set(vietnam_morning(DUE + timedelta(days=8)))
    assert watcher.flag_overdue() == 0  # nor a later one

    (overdue,) = watcher.overdue_petitions()
    assert (overdue.petition_id, overdue.agency) == (waiting.petition_id, Agency.UBND)
    assert watcher.overdue_petitions(Agency.HDND) == []
    figures = {f.agency: f for f in watcher.petition_figures()}
    ubnd = figures[Agency.UBND]
    assert (ubnd.forwarded, ubnd.answered_on_time, ubnd.answered_late, ubnd.overdue_now) == (
        3, 1, 1, 1)
    assert (figures[Agency.HDND].answered_on_time, figures[Agency.HDND].overdue_now) == (1, 0)

    (finding,) = published_findings(watcher)
    assert isinstance(finding, v1.PetitionAnswerOverdue)
    assert (finding.petition_id, finding.due_date, finding.found_on) == (
        waiting.petition_id, DUE, DUE + timedelta(days=1))

    # Answered late at last: no longer overdue now, counted as late.
    consume(watcher, envelopes, answered(waiting.petition_id, DUE + timedelta(days=8)))
    assert watcher.overdue_petitions() == []
    assert watcher.petition_figures()[-1].answered_late == 2


def test_a_redelivered_forwarding_changes_nothing(watcher: Oversight) -> None:
    envelopes = Envelopes()
    event = forwarded()
    message = envelopes.received(event, subject_of(event))
    assert watcher.apply_received(message, PETITIONS)
    assert not watcher.apply_received(message, PETITIONS)
    assert len(watcher.catalogue.all(PetitionWatch)) == 1


def test_a_reforwarded_petition_is_owed_by_its_new_agency_with_a_new_finding(
    watcher: Oversight, clock: ManualClock,
) -> None:
    envelopes, first = Envelopes(), forwarded()
    consume(watcher, envelopes, first)
    clock.set(vietnam_morning(DUE + timedelta(days=1)))
    assert watcher.flag_overdue() == 1
    consume(watcher, envelopes, forwarded(
        first.petition_id, agency=Agency.HDND, unit=None, forwarded_on=DUE + timedelta(days=1),
        due_date=DUE + timedelta(days=31), reforwarded=True))
    assert watcher.overdue_petitions() == []
    clock.set(vietnam_morning(DUE + timedelta(days=32)))
    assert watcher.flag_overdue() == 1
    assert [f.agency for f in published_findings(watcher)] == [Agency.UBND, Agency.HDND]


def test_a_passed_resolution_without_guidance_is_flagged_after_the_rulebook_days(
    watcher: Oversight, clock: ManualClock,
) -> None:
    envelopes = Envelopes()
    waiting, guided = passed(), passed(number="16/2026/NQ-HĐND")
    consume(watcher, envelopes, waiting, guided,
            guidance(guided.resolution_id, PASSED_ON + timedelta(days=12)))
    rule = default_rulebook().rule("oversight.resolution.guidance", PASSED_ON)
    due = PASSED_ON + timedelta(days=int(rule.value))
    clock.set(vietnam_morning(due))
    assert watcher.flag_overdue() == 0
    clock.set(vietnam_morning(due + timedelta(days=1)))
    assert watcher.flag_overdue() == 1
    assert watcher.flag_overdue() == 0
    (flagged,) = watcher.resolutions_without_guidance()
    assert (flagged.resolution_id, flagged.guidance_due, flagged.rule_id) == (
        waiting.resolution_id, due, rule.id)
    (finding,) = published_findings(watcher)
    assert isinstance(finding, v1.ResolutionGuidanceOverdue)
    assert (finding.number, finding.legal_source) == (waiting.number, rule.legal_source)

    consume(watcher, envelopes, guidance(waiting.resolution_id, due + timedelta(days=3)))
    assert watcher.resolutions_without_guidance() == []


def test_other_upstream_events_move_tracking_only(watcher: Oversight) -> None:
    envelopes = Envelopes()
    event = forwarded()
    consume(watcher, envelopes, answered(event.petition_id, date(2026, 3, 3)))  # unknown
    assert watcher.catalogue.all(PetitionWatch) == []
