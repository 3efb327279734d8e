"""The composition root: the only place that builds the petitions service's infrastructure."""

from __future__ import annotations

from fastapi import FastAPI

from chassis.audit import AuditSpec
from chassis.projection import warming_up
from chassis.runtime import producing_service_app
from chassis.service_specs import ServiceSpec
from chassis.settings import ServiceSettings
from chassis.stores import store_environment
from petitions.application import Petitions, translate
from petitions.application.audit import check_read_model
from petitions.application.open_data import open_data
from petitions.entrypoints.http import create_http_app

SERVICE = ServiceSpec(
    name="petitions", default_port=8001, module="petitions",
    title="Kiến nghị cử tri (petitions)",
)
AUDIT = AuditSpec(  # phoihop audit --service petitions
    open_app=lambda settings: Petitions(env=store_environment(settings, SERVICE.name)),
    translate=translate, read_model=check_read_model,
)


def build_app(settings: ServiceSettings) -> FastAPI:
    petitions = Petitions(env=store_environment(settings, SERVICE.name))
    published = open_data(petitions, settings.data_dir / "open-data" / SERVICE.name,
                          settings.jurisdiction)
    http = producing_service_app(settings, SERVICE, petitions, translate, create_http_app,
                                 open_data=published)
    # The read models are rebuilt from the log in the background; /readyz says how far.
    http.state.readiness.append(warming_up(petitions.read_model.projection))
    http.state.readiness.append(warming_up(petitions.meetings_read_model.projection))
    return http
