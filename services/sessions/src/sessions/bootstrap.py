"""The composition root: the only place that builds the sessions service's infrastructure."""

from __future__ import annotations

from fastapi import FastAPI

from chassis.audit import AuditSpec
from chassis.projection import warming_up
from chassis.runtime import producing_service_app
from chassis.service_specs import ServiceSpec
from chassis.settings import ServiceSettings
from chassis.stores import store_environment
from sessions.application import Sessions, translate
from sessions.application.audit import check_read_model
from sessions.application.open_data import open_data
from sessions.entrypoints.http import create_http_app

SERVICE = ServiceSpec(
    name="sessions", default_port=8002, module="sessions",
    title="Kỳ họp HĐND (sessions)",
)
AUDIT = AuditSpec(  # phoihop audit --service sessions
    open_app=lambda settings: Sessions(env=store_environment(settings, SERVICE.name)),
    translate=translate, read_model=check_read_model,
)


def build_app(settings: ServiceSettings) -> FastAPI:
    sessions = Sessions(env=store_environment(settings, SERVICE.name))
    records = open_data(sessions, settings.data_dir / "open-data" / SERVICE.name,
                        settings.jurisdiction)
    http = producing_service_app(settings, SERVICE, sessions, translate, create_http_app,
                                 open_data=records)
    # The records' index catches up with the log in the background; /readyz says how far.
    http.state.readiness.append(warming_up(sessions.catalogue.projection))
    return http
