"""The composition root: the only place that builds the petitions service's infrastructure."""

from __future__ import annotations

from fastapi import FastAPI

from chassis.runtime import producing_service_app
from chassis.services import ServiceSpec
from chassis.settings import ServiceSettings
from chassis.store import store_environment
from petitions.application import Petitions, translate
from petitions.entrypoints.http import create_http_app

SERVICE = ServiceSpec(
    name="petitions", default_port=8001, module="petitions",
    title="Kiến nghị cử tri (petitions)",
)


def build_app(settings: ServiceSettings) -> FastAPI:
    petitions = Petitions(env=store_environment(settings, SERVICE.name))
    return producing_service_app(settings, SERVICE, petitions, translate, create_http_app)
