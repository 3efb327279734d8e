"""A recipient is found and permitted by one canonical key (issue 12, item 6): the unit or
the person of a key in either Unicode form, any case or spacing names the same recipient
(``kernel.text.identifier_key``, accents kept); in the persisted read model on SQLite and
PostgreSQL, and in who may read what."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from notifier_support import bearer, forwarded
from test_notifier_application import JURISDICTION, OPERATOR, Feed, apply
from test_notifier_readmodel import open_notifier, store_env

from chassis.web.auth import Principal
from contracts.vocabulary import Agency
from notifier.application import Notifier
from notifier.application.signals import SaveSignal
from notifier.domain.errors import DuplicateContactError, NotPermittedError
from notifier.domain.policy import may_read_notifications_of, may_see_contact
from notifier.domain.recipients import Recipient
from notifier.entrypoints.http import create_http_app
from notifier.settings import NotifierSettings

__all__ = ["store_env"]  # the read model's SQLite and PostgreSQL stores, a fixture

UNIT = "agency:ubnd/Sở Xây dựng"
SPELLINGS = (
    UNIT,
    unicodedata.normalize("NFD", UNIT),
    "agency:ubnd/SỞ XÂY DỰNG",
    "agency:ubnd/Sở  Xây   dựng ",
    unicodedata.normalize("NFD", "agency:ubnd/ sở XÂY  dựng"),
)
OTHERS = ("agency:ubnd/Sở Y tế", "agency:ubnd/Sở Xây dưng", "agency:ubnd/So Xay dung",
          "agency:mttq/Sở Xây dựng")


def unit_staff(unit: str, subject: str = "t") -> Principal:
    return Principal(subject, Agency.UBND, "staff", JURISDICTION, unit)


def ids(found: list[dict[str, Any]]) -> list[str]:
    return [item["id"] for item in found]


@pytest.fixture
def stored(store_env: dict[str, str]) -> Iterator[Notifier]:
    app = open_notifier(store_env)
    event = forwarded()
    apply(app, Feed()(event, event.petition_id))
    yield app
    app.close()


def test_every_spelling_of_a_unit_finds_its_notifications_and_no_other_unit_does(
    stored: Notifier,
) -> None:
    wanted = ids(stored.read_model.notifications(recipient=UNIT))
    assert wanted, "a forwarded petition notifies the unit it was forwarded to"
    for spelling in SPELLINGS:
        assert ids(stored.read_model.notifications(recipient=spelling)) == wanted, spelling
        # and a unit's own token, in another spelling again, may list them
        reader = unit_staff(Recipient.parse(spelling).unit or "")
        seen = stored.notifications_seen_by(reader, recipient=SPELLINGS[-1])
        assert ids(seen) == wanted, spelling
    for other in OTHERS:
        assert stored.read_model.notifications(recipient=other) == [], other


def test_a_contact_is_one_recipient_however_its_key_is_written(stored: Notifier) -> None:
    stored.add_contact(OPERATOR, Recipient.parse(SPELLINGS[2]), "xd@example.vn", None)
    for spelling in SPELLINGS:
        assert stored.read_model.emails(Recipient.parse(spelling)) == ["xd@example.vn"]
        with pytest.raises(DuplicateContactError):
            stored.add_contact(OPERATOR, Recipient.parse(spelling), "XD@example.vn", None)
    for other in OTHERS:
        assert stored.read_model.emails(Recipient.parse(other)) == [], other


def test_who_may_read_compares_units_and_persons_as_the_listing_finds_them() -> None:
    for spelling in SPELLINGS:
        unit = Recipient.parse(spelling).unit or ""
        assert may_read_notifications_of(unit_staff(unit), UNIT), spelling
        assert may_read_notifications_of(unit_staff("Sở Xây dựng"), spelling), spelling
    # a unit whose name differs only by an accent, or is written without them, is another
    for unit in ("Sở Xây dưng", "so-xay-dung", "So Xay Dung", "Sở Y tế"):
        assert not may_read_notifications_of(unit_staff(unit), UNIT), unit
    person = "person:Nguyễn Văn An"
    for subject in ("Nguyễn Văn An", unicodedata.normalize("NFD", "NGUYỄN  văn an")):
        assert may_read_notifications_of(unit_staff("x", subject), person), subject
        assert may_see_contact(Principal(subject, Agency.HDND, "staff", JURISDICTION),
                               unicodedata.normalize("NFD", person))
    for subject in ("Nguyễn Văn Ân", "nguyen-van-an", "Nguyen Van An"):
        assert not may_read_notifications_of(unit_staff("x", subject), person), subject
        assert not may_see_contact(Principal(subject, Agency.HDND, "staff", JURISDICTION),
                                   person)


def test_a_unit_lists_its_notifications_over_http_in_any_spelling(
    api_settings: NotifierSettings, notifier: Notifier,
) -> None:
    event = forwarded()
    apply(notifier, Feed()(event, event.petition_id))
    with TestClient(create_http_app(api_settings, notifier, SaveSignal(notifier))) as client:
        operator = bearer(api_settings, Agency.HDND, role="admin")
        wanted = ids(client.get("/notifications", params={"recipient": UNIT},
                                headers=operator).json())
        assert wanted
        token = bearer(api_settings, Agency.UBND,
                       unit=unicodedata.normalize("NFD", "SỞ XÂY DỰNG"))
        for spelling in SPELLINGS:
            listed = client.get("/notifications", params={"recipient": spelling}, headers=token)
            assert listed.status_code == 200, listed.text
            assert ids(listed.json()) == wanted, spelling
        near = bearer(api_settings, Agency.UBND, unit="Sở Xây dưng")
        refused = client.get("/notifications", params={"recipient": UNIT}, headers=near)
        assert refused.status_code == 403, refused.text
        assert client.get(f"/notifications/{wanted[0]}", headers=near).status_code == 403


def test_a_stranger_is_refused_whatever_spelling_they_ask_for(stored: Notifier) -> None:
    for spelling in SPELLINGS:
        with pytest.raises(NotPermittedError):
            stored.notifications_seen_by(unit_staff("Sở Y tế"), recipient=spelling)


def test_a_store_written_before_the_canonical_key_is_rebuilt_with_it(
    store_env: dict[str, str],
) -> None:
    """Rows written by version 1 of the read model have no ``recipient_key``: opening the
    store rebuilds them from the log, and every spelling finds them again."""
    before = open_notifier(store_env)
    event = forwarded()
    apply(before, Feed()(event, event.petition_id))
    wanted = ids(before.read_model.notifications(recipient=UNIT))
    tables = before.read_model.projection.tables
    with tables.transaction(commit=True) as cursor:  # what version 1 left behind
        for name in ("notification_rows", "contact_rows"):
            table = tables.table(name)
            cursor.execute(f"DROP INDEX IF EXISTS {table}_recipient_key")
            cursor.execute(f"ALTER TABLE {table} DROP COLUMN recipient_key")
        cursor.execute(tables.sql(f"UPDATE {tables.table('projection_positions')} "
                                  "SET version = 1 WHERE name = ?"), ("notifier read model",))
    before.close()
    after = open_notifier(store_env)
    try:
        assert wanted
        for spelling in SPELLINGS:
            assert ids(after.read_model.notifications(recipient=spelling)) == wanted, spelling
    finally:
        after.close()
