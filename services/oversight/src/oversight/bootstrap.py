"""The composition root: the only place that builds the oversight service's infrastructure."""

from __future__ import annotations

from fastapi import FastAPI

from chassis.audit import AuditSpec
from chassis.projection import warming_up
from chassis.runtime import producing_service_app
from chassis.service_specs import ServiceSpec
from chassis.settings import ServiceSettings
from chassis.stores import store_environment
from oversight.application import Oversight, translate
from oversight.application.audit import check_read_model
from oversight.entrypoints.http import create_http_app

SERVICE = ServiceSpec(
    name="oversight", default_port=8003, module="oversight",
    title="Giám sát (oversight)",
)
AUDIT = AuditSpec(  # phoihop audit --service oversight
    open_app=lambda settings: Oversight(env=store_environment(settings, SERVICE.name)),
    translate=translate, read_model=check_read_model,
)


def build_app(settings: ServiceSettings) -> FastAPI:
    oversight = Oversight(env=store_environment(settings, SERVICE.name))
    http = producing_service_app(settings, SERVICE, oversight, translate, create_http_app)
    # The records' index catches up with the log in the background; /readyz says how far.
    http.state.readiness.append(warming_up(oversight.catalogue.projection))
    return http
