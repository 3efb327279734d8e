"""The composition root: the only place that builds the oversight service's infrastructure."""

from __future__ import annotations

from fastapi import FastAPI

from chassis.application import store_readiness
from chassis.audit import AuditSpec
from chassis.messaging.asyncapi import serve_asyncapi
from chassis.messaging.service_messaging import ServiceMessaging
from chassis.projection import warming_up
from chassis.runtime import with_background_tasks
from chassis.service_specs import ServiceSpec
from chassis.settings import ServiceSettings
from chassis.stores import store_environment
from kernel.clock import Clock
from oversight.application import Oversight, translate
from oversight.application.audit import check_read_model
from oversight.entrypoints.http import create_http_app
from oversight.monitoring_worker import MonitoringWorker
from oversight.review.audit import check_review
from oversight.settings import OversightSettings

SERVICE = ServiceSpec(
    name="oversight", default_port=8003, module="oversight",
    title="Giám sát (oversight)",
)
AUDIT = AuditSpec(  # phoihop audit --service oversight
    open_app=lambda settings: Oversight(env=store_environment(settings, SERVICE.name)),
    translate=translate, read_model=check_read_model, derived=check_review,
)
# Monitoring and the yearly review from the services' events (decisions 5, 17): one
# durable consumer per stream, oversight's own included (the review counts its acts from
# what it published, as it counts everyone else's).
UPSTREAMS = ("petitions", "sessions", "letters", "oversight")


def build_app(settings: ServiceSettings, clock: Clock | None = None) -> FastAPI:
    """Oversight: its relay, consumers of the petitions, sessions, letters and its own
    streams, the monitoring worker, the HTTP API."""
    config = OversightSettings.of(settings)
    oversight = Oversight(env=store_environment(config, SERVICE.name), clock=clock)
    messaging = ServiceMessaging(config, SERVICE.name)
    messaging.add_outbox(oversight, translate)
    for upstream in UPSTREAMS:
        messaging.add_consumer(oversight, upstream, purpose=upstream)
    worker = MonitoringWorker(oversight, config.monitoring_poll_seconds)

    lifespan = with_background_tasks(messaging.lifespan, [worker.run])
    http = create_http_app(config, oversight, lifespan=lifespan)
    # The records' index catches up with the log in the background; /readyz says how far.
    http.state.readiness += [store_readiness(oversight), messaging.readiness,
                             warming_up(oversight.catalogue.projection),
                             warming_up(oversight.review_facts.projection)]
    serve_asyncapi(http, messaging.traffic, SERVICE.title)
    return http
