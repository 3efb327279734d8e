"""The composition root of the portal: its settings, the service clients, the web app."""

from __future__ import annotations

from fastapi import FastAPI

from chassis.service_specs import ServiceSpec
from chassis.settings import ServiceSettings
from portal.settings import PortalSettings
from portal.web import create_portal_app

SERVICE = ServiceSpec(name="portal", default_port=8000, module="portal",
                      title="Cổng phối hợp (portal)", pages=True)


def build_app(settings: ServiceSettings) -> FastAPI:
    portal_settings = PortalSettings(**settings.model_dump(exclude={"nats_url"}))
    return create_portal_app(portal_settings)
