"""The published answers as open data: CSV and JSON with a Frictionless data card, checked by
the frictionless library (a Table Schema reader written by others) against the card's types."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from frictionless import Package, validate
from petitions_testkit import TODAY, TRANSPORT_DEPT, Auth

from contracts.vocabulary import Agency
from petitions.application import Petitions
from petitions.application.open_data import open_data

pytestmark = pytest.mark.integration
ANSWER = "Sở GTVT đã bố trí vốn sửa chữa, thi công trong quý IV"
NOT_YET = "Trả lời này MTTQ chưa thông báo cho cử tri"


def walk(client: TestClient, auth: Auth, text: str, answer: str, publish: bool) -> str:
    created = client.post("/petitions", headers=auth(Agency.UBND), json={
        "text": text, "channel": "deputy", "commune": "Tân Phú"})
    pid = str(created.json()["petition"]["id"])
    for path, agency, body in (
        ("classify", Agency.HDND, {"field": "transport", "level": "province",
                                   "agency": "ubnd", "unit": TRANSPORT_DEPT}),
        ("forward", Agency.HDND, {}),
    ):
        assert client.post(f"/petitions/{pid}/{path}", headers=auth(agency),
                           json=body).status_code == 200
    answered = client.post(f"/petitions/{pid}/answer", json={"text": answer},
                           headers=auth(Agency.UBND, unit=TRANSPORT_DEPT))
    assert answered.status_code == 200, answered.text
    if publish:
        assert client.post(f"/petitions/{pid}/publish-answer",
                           headers=auth(Agency.MTTQ)).status_code == 200
    return pid


def test_published_answers_are_open_data_the_card_describes(
    client: TestClient, auth: Auth, sqlite_petitions: Petitions, tmp_path: Path
) -> None:
    published = walk(client, auth, "Đề nghị sửa đường tỉnh 864 qua xã Tân Phú", ANSWER, True)
    walk(client, auth, "Đề nghị xây cầu qua kênh Xáng ở xã Tân Phú", NOT_YET, False)
    files = open_data(sqlite_petitions, tmp_path / "open-data", "tien-giang")
    files.publish()

    card = tmp_path / "open-data" / "datapackage.json"
    report = validate(str(card))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = Package(str(card))
    [row] = package.get_resource("published-answers").read_rows()
    assert (row["petition_id"], row["answer"], row["agency"], row["unit"]) == (
        published, ANSWER, "ubnd", TRANSPORT_DEPT)
    assert row["forwarded_on"] == TODAY and row["due_date"] == TODAY + timedelta(days=30)
    assert isinstance(row["published_on"], date) and row["on_time"] is True
    for written in (tmp_path / "open-data").iterdir():
        assert NOT_YET not in written.read_text(encoding="utf-8"), written.name
    fields = package.get_resource("published-answers").schema.fields
    assert all(f.title and f.description for f in fields)
