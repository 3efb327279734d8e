"""Open data files: written whole on a schedule, served at stable URLs, refused clearly
before the first pass and for a name the card does not list."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from chassis.open_data import Column, Dataset, OpenData, Row
from chassis.runtime import with_background_tasks
from chassis.settings import ServiceSettings
from chassis.web.app_factory import create_service_app
from chassis.web.open_data import serve_open_data

COLUMNS = (Column("id", "string", "Mã", "— Id.", True), Column("on", "date", "Ngày", "— Day."),
           Column("count", "integer", "Số", "— Count."), Column("done", "boolean", "Xong", "."))


@pytest.fixture
def rows() -> list[Row]:
    return [{"id": "a", "on": date(2026, 3, 2), "count": 3, "done": True}]


@pytest.fixture
def files(tmp_path: Path, rows: list[Row]) -> OpenData:
    dataset = Dataset("things", "Các việc", "— Things.", COLUMNS, rows=lambda: list(rows))
    return OpenData(tmp_path / "open-data", "test", "tien-giang", (dataset,))


def client_for(files: OpenData, every: float | None = None) -> TestClient:
    tasks = [lambda: files.run(every)] if every else []

    app = create_service_app(ServiceSettings(environment="test"), service="open-data-test",
                             title="Thử", description="d")
    app.router.lifespan_context = with_background_tasks(app.router.lifespan_context, tasks)
    serve_open_data(app, files)
    return TestClient(app)


def test_before_the_first_pass_and_for_an_unknown_name(files: OpenData) -> None:
    with client_for(files) as client:
        waiting = client.get("/open-data/things.csv", headers={"Accept-Language": "vi"})
        assert waiting.status_code == 503
        assert "đang được tạo" in waiting.json()["detail"]
        unknown = client.get("/open-data/..%2F..%2Fetc%2Fpasswd")
        assert unknown.status_code == 404 and unknown.json()["status"] == 404


def test_the_files_as_written(files: OpenData) -> None:
    files.publish()
    with client_for(files) as client:
        csv_file = client.get("/open-data/things.csv")
        assert csv_file.headers["content-type"] == "text/csv; charset=utf-8"
        assert csv_file.text == "id,on,count,done\r\na,2026-03-02,3,true\r\n"
        assert client.get("/open-data/things.json").json() == [
            {"id": "a", "on": "2026-03-02", "count": 3, "done": True}]
        card = client.get("/open-data/datapackage.json").json()
    [resource] = card["resources"]
    assert [f["type"] for f in resource["schema"]["fields"]] == [
        "string", "date", "integer", "boolean"]
    assert card["licenses"][0]["name"] == "CC-BY-4.0"


def test_written_again_on_schedule(files: OpenData, rows: list[Row]) -> None:
    with client_for(files, every=0.05) as client:
        rows.append({"id": "b", "on": None, "count": 0, "done": False})
        deadline = time.monotonic() + 10
        while "b,,0,false" not in client.get("/open-data/things.csv").text:
            assert time.monotonic() < deadline, "the files were not written again"
            time.sleep(0.05)
    leftovers = [p.name for p in files.directory.iterdir() if p.name.startswith(".")]
    assert leftovers == []
    assert json.loads((files.directory / "things.json").read_text())[-1]["id"] == "b"
