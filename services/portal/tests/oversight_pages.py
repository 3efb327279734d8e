"""The supervision pages' test harness: the portal in process, its oversight client
reaching the oversight service's own HTTP app (on SQLite) through an in-process transport,
and a seeded supervision year."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient

from chassis.settings import ServiceSettings
from chassis.stores import store_environment
from contracts.vocabulary import Agency
from oversight.application import Oversight
from oversight.entrypoints.http import create_http_app
from portal.settings import PortalSettings
from portal.viewer import TOKEN_COOKIE, development_token
from portal.web import create_portal_app
from tests.e2e.oversight_seed import plan_supervision_year

JURISDICTION = "tien-giang"
NOWHERE = "http://127.0.0.1:9"


@dataclass
class Pages:
    portal: TestClient
    oversight: TestClient
    seeded: dict[str, Any]
    settings: PortalSettings

    def sign_in(self, agency: Agency, unit: str | None = None) -> None:
        token = development_token(self.settings, agency, "staff", unit, None)
        self.portal.cookies.set(TOKEN_COOKIE, token)

    def events(self, kind: str, record_id: str) -> list[str]:
        history = self.oversight.get(f"/{kind}/{record_id}/history").json()
        return [event["type"] for event in history["events"]]


@contextmanager
def oversight_pages(tmp_path: Path) -> Iterator[Pages]:
    settings = ServiceSettings(environment="test", store="sqlite", data_dir=tmp_path,
                               jurisdiction=JURISDICTION)
    application = Oversight(store_environment(settings, "oversight"))
    oversight_app = create_http_app(settings, application)
    portal_settings = PortalSettings(environment="test", jurisdiction=JURISDICTION,
                                     petitions_url=NOWHERE, sessions_url=NOWHERE,
                                     notifier_url=NOWHERE, oversight_url="http://oversight")
    portal_app = create_portal_app(portal_settings)
    portal_app.state.services.clients["oversight"] = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=oversight_app), base_url="http://oversight")
    try:
        with TestClient(oversight_app) as oversight, TestClient(
                portal_app, follow_redirects=False) as portal:
            seeded = plan_supervision_year(oversight, JURISDICTION)
            yield Pages(portal, oversight, seeded, portal_settings)
    finally:
        application.close()
