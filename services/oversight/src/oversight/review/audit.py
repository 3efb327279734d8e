"""The review re-derived by replaying every store from zero (``phoihop audit --service
oversight``): each store's events, through the same translation its relay publishes with
and the same ``facts_of`` the consumers apply, into a scratch database; then every
figure of every year, compared with what the service's own review tables give.

Run it once the consumers have caught up: facts still on their way through NATS show as
differences (the report names them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from chassis.application import ServiceApplication
from chassis.settings import ServiceSettings
from contracts import IntegrationEvent, cloudevent_id
from oversight.review.facts import Fact, facts_of
from oversight.review.periods import Period
from oversight.review.report import figures_of
from oversight.review.store import FactTable, fact_as_dict

STREAMS = ("petitions", "sessions", "letters", "oversight")  # what oversight consumes
PAGE = 2_000
LAST_DAY = date(9999, 12, 31)
Translate = Callable[[Any], IntegrationEvent | None]


def store_facts(app: ServiceApplication, service: str, jurisdiction: str,
                translate: Translate) -> Iterator[Fact]:
    """The facts of every event one store holds, as its relay would have published them."""
    start = 0
    while True:
        page = app.recorder.select_notifications(start=start, limit=PAGE,
                                                 inclusive_of_start=False)
        for notification in page:
            event: Any = app.mapper.to_domain_event(notification)
            integration = translate(event)
            if integration is not None:
                yield from facts_of(integration, time=event.timestamp,
                                    event_id=cloudevent_id(jurisdiction, service,
                                                           notification.id))
        if len(page) < PAGE:
            return
        start = page[-1].id


def rederived_facts(settings: ServiceSettings, oversight: ServiceApplication) -> list[Fact]:
    """Every store replayed into a scratch database, and read back from it."""
    from chassis.audit.run import spec_of  # the audit's own lookup of each service's AUDIT

    scratch = FactTable.scratch()
    for service in STREAMS:
        spec = spec_of(service)
        assert spec.translate is not None, f"{service} publishes nothing"
        app = oversight if service == "oversight" else spec.open_app(settings)
        try:
            facts = store_facts(app, service, settings.jurisdiction, spec.translate)
            with scratch.tables.transaction(commit=True) as cursor:
                scratch.insert(cursor, (fact_as_dict(f) for f in facts))
        finally:
            if app is not oversight:
                app.close()
    return scratch.read_until(LAST_DAY)


def review_differences(held: list[Fact], rederived: list[Fact]) -> list[str]:
    """The facts one side lacks, then each figure of each year that differs."""
    problems = []
    held_ids, rederived_ids = {f.fact_id for f in held}, {f.fact_id for f in rederived}
    problems += [f"review: fact {i} is in the service's tables but not in any store"
                 for i in sorted(held_ids - rederived_ids)]
    problems += [f"review: fact {i} of the stores is missing from the service's tables"
                 for i in sorted(rederived_ids - held_ids)]
    for year in sorted({f.occurred_on.year for f in [*held, *rederived]}):
        period = Period.year(year)
        ours, theirs = figures_of(held, period), figures_of(rederived, period)
        problems += [f"review {year}: {key} is {ours[key][:2]} in the service, "
                     f"{theirs[key][:2]} re-derived" for key in ours if ours[key] != theirs[key]]
    return problems


def check_review(settings: ServiceSettings, app: ServiceApplication) -> list[str]:
    """What ``phoihop audit --service oversight`` adds: the review against every store."""
    review_facts = getattr(app, "review_facts")  # noqa: B009  the Oversight application's
    held: list[Fact] = review_facts.until(LAST_DAY)
    return review_differences(held, rederived_facts(settings, app))
