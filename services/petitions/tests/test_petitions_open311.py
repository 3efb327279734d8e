"""The Open311 GeoReport v2 facade, read by the ``georeport`` client (PyPI, written by
others) from the petitions service running on a real port, in JSON and XML."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
import requests
import uvicorn
from georeport import GeoReport
from petitions_testkit import TODAY, TRANSPORT_DEPT, Auth

from chassis.messaging.embedded_nats import free_port
from chassis.settings import ServiceSettings
from contracts.vocabulary import VIETNAM, Agency, PolicyField
from petitions.application import Petitions
from petitions.entrypoints.http import create_http_app

pytestmark = pytest.mark.integration

# Every field of a service and of a service request, as GeoReport v2 lists them
# (https://wiki.open311.org/GeoReport_v2).
SERVICE_FIELDS = {"service_code", "service_name", "description", "metadata", "type",
                  "keywords", "group"}
REQUEST_FIELDS = {"service_request_id", "status", "status_notes", "service_name",
                  "service_code", "description", "agency_responsible", "service_notice",
                  "requested_datetime", "updated_datetime", "expected_datetime", "address",
                  "address_id", "zipcode", "lat", "long", "media_url"}
ROAD = "Đề nghị sửa chữa đường tỉnh 864 đoạn qua xã Tân Phú bị xuống cấp nghiêm trọng"
SCHOOL = "Cử tri đề nghị xây thêm phòng học cho trường tiểu học xã Mỹ Phước"
CLINIC = "Đề nghị bổ sung bác sĩ cho trạm y tế xã Long Định"
ANSWER = "Sở GTVT đã bố trí vốn sửa chữa trong quý IV"
HIDDEN = "Câu trả lời chưa được MTTQ thông báo"


class Server:
    """The petitions HTTP app on a free port, served by uvicorn in a thread."""

    def __init__(self, settings: ServiceSettings, petitions: Petitions) -> None:
        self.port = free_port()
        config = uvicorn.Config(create_http_app(settings, petitions), host="127.0.0.1",
                                port=self.port, log_config=None)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def __enter__(self) -> str:
        self._thread.start()
        deadline = time.monotonic() + 15
        while not self._server.started:
            assert self._thread.is_alive() and time.monotonic() < deadline, "did not start"
            time.sleep(0.02)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        self._server.should_exit = True
        self._thread.join(15)


@pytest.fixture
def base_url(settings: ServiceSettings, sqlite_petitions: Petitions) -> Iterator[str]:
    with Server(settings, sqlite_petitions) as url:
        yield url


@pytest.fixture
def recorded(base_url: str, auth: Auth) -> dict[str, str]:
    """Three petitions: one answered and published, one answered but not yet published,
    one forwarded and waiting."""
    with httpx.Client(base_url=base_url, timeout=10) as client:
        road, school, clinic = (_record(client, auth, text) for text in (ROAD, SCHOOL, CLINIC))
        for pid, field in ((road, "transport"), (school, "education"), (clinic, "health")):
            _ok(client.post(f"/petitions/{pid}/classify", headers=auth(Agency.HDND), json={
                "field": field, "level": "province", "agency": "ubnd",
                "unit": TRANSPORT_DEPT}))
            _ok(client.post(f"/petitions/{pid}/forward", headers=auth(Agency.HDND)))
        for pid, text in ((road, ANSWER), (school, HIDDEN)):
            _ok(client.post(f"/petitions/{pid}/answer", json={"text": text},
                            headers=auth(Agency.UBND, unit=TRANSPORT_DEPT)))
        _ok(client.post(f"/petitions/{road}/publish-answer", headers=auth(Agency.MTTQ)))
    return {"road": road, "school": school, "clinic": clinic}


def _record(client: httpx.Client, auth: Auth, text: str) -> str:
    body = {"text": text, "channel": "deputy", "commune": "Tân Phú"}
    return str(_ok(client.post("/petitions", headers=auth(Agency.UBND), json=body), 201)
               ["petition"]["id"])


def _ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_the_service_list_is_the_fields(base_url: str, output_format: str) -> None:
    client = GeoReport(f"{base_url}/open311/v2", jurisdiction="tien-giang",
                       output_format=output_format)
    listed = client.get_service_list()
    assert [s["service_code"] for s in listed] == [field.value for field in PolicyField]
    assert all(set(s) == SERVICE_FIELDS for s in listed)
    transport = next(s for s in listed if s["service_code"] == "transport")
    assert transport["service_name"] == "Giao thông"
    assert str(transport["metadata"]).lower() == "false"
    definition = client.get_service_definition("transport")
    assert definition["service_code"] == "transport"


@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_petitions_are_requests_and_only_a_published_answer_is_shown(
    base_url: str, recorded: dict[str, str], output_format: str
) -> None:
    client = GeoReport(f"{base_url}/open311/v2", jurisdiction="tien-giang",
                       output_format=output_format)
    requests_ = {r["service_request_id"]: r for r in client.get_service_requests()}
    assert set(requests_) == set(recorded.values())
    assert all(set(r) == REQUEST_FIELDS for r in requests_.values())
    road, school = requests_[recorded["road"]], requests_[recorded["school"]]
    clinic = requests_[recorded["clinic"]]
    assert (road["status"], road["status_notes"], road["service_code"]) == (
        "closed", ANSWER, "transport")
    assert (school["status"], school["status_notes"]) == ("open", None)
    assert HIDDEN not in str(requests_)
    assert clinic["agency_responsible"] == f"UBND tỉnh – {TRANSPORT_DEPT}"
    assert clinic["service_notice"].startswith("Hạn trả lời: ")
    assert clinic["description"] == CLINIC and clinic["address"] == "Tân Phú"
    assert clinic["expected_datetime"] == f"{TODAY + timedelta(days=30)}T23:59:59+07:00"
    assert datetime.fromisoformat(clinic["requested_datetime"]).utcoffset() == timedelta(hours=7)
    assert client.get_service_request(recorded["road"])["status_notes"] == ANSWER


def test_the_filters(base_url: str, recorded: dict[str, str]) -> None:
    client = GeoReport(f"{base_url}/open311/v2")
    closed = client.get_service_requests(status="closed")
    assert [r["service_request_id"] for r in closed] == [recorded["road"]]
    by_field = client.get_service_requests(service_code="health,education")
    assert {r["service_request_id"] for r in by_field} == {recorded["clinic"],
                                                         recorded["school"]}
    named = client.get_service_requests(
        service_request_id=f"{recorded['school']},{recorded['clinic']}", status="closed")
    assert {r["service_request_id"] for r in named} == {recorded["school"], recorded["clinic"]}
    now = datetime.now(VIETNAM)
    earlier = client.get_service_requests(
        start_date=(now - timedelta(days=30)).isoformat(),
        end_date=(now - timedelta(days=1)).isoformat())
    assert earlier == []
    today = client.get_service_requests(start_date=(now - timedelta(hours=1)).isoformat())
    newest_first = [r["service_request_id"] for r in today]
    assert newest_first == [recorded["clinic"], recorded["school"], recorded["road"]]


@pytest.mark.parametrize(("path", "status", "words"), [
    ("/open311/v2/requests.csv", 404, "định dạng"),
    ("/open311/v2/requests.json?start_date=hôm-qua", 400, "định dạng ngày giờ"),
    ("/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z",
     400, "90 ngày"),
    ("/open311/v2/requests.json?start_date=2026-03-01T00:00:00Z&end_date=2026-02-01T00:00:00Z",
     400, "trước start_date"),
    ("/open311/v2/requests.json?start_date=1800-01-01T00:00:00Z", 400, "năm"),
    ("/open311/v2/requests.json?service_code=roads", 400, "service_code"),
    ("/open311/v2/requests.json?status=pending", 400, "status"),
    ("/open311/v2/requests.json?service_request_id=1%20OR%201=1", 400, "mã kiến nghị"),
    ("/open311/v2/requests.json?jurisdiction_id=ha-noi", 404, "jurisdiction_id"),
    ("/open311/v2/requests/6f1c2c1e-0000-4000-8000-000000000000.json", 404, "Không có"),
    ("/open311/v2/services/roads.xml", 404, "service_code"),
])
def test_bad_requests_answer_georeport_errors_in_the_readers_language(
    base_url: str, path: str, status: int, words: str
) -> None:
    answer = requests.get(f"{base_url}{path}", headers={"Accept-Language": "vi"}, timeout=10)
    assert answer.status_code == status
    if path.split("?")[0].endswith(".xml"):
        assert "<errors><error><code>404</code>" in answer.text
        assert words in answer.text
        return
    [error] = answer.json()
    assert error["code"] == status and words in error["description"]


def test_requests_cannot_be_created_here(base_url: str) -> None:
    answer = requests.post(f"{base_url}/open311/v2/requests.json",
                           data={"service_code": "transport"}, timeout=10)
    assert answer.status_code == 405
    assert answer.headers["Allow"] == "GET"
