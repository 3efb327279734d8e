"""Citizen reception: the days held, the duty of each holder as rulebook data on both sides
of 2026-07-01 (online reception, Law 136/2025), and the periods found short of it."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import uuid4

import pytest
from fastapi.testclient import TestClient
from letters_builders import AT, HDND, RULEBOOK, TODAY, UBND
from test_letters_api import headers

from contracts.vocabulary import Agency
from kernel.occurred import OccurredOnError
from letters.application import Letters
from letters.domain import errors
from letters.domain.letter import Intake
from letters.domain.reception import (
    Holder,
    MissedReception,
    Receiver,
    Reception,
    Session,
    missed_receptions,
    period_of,
)
from letters.domain.values import Channel, LetterKind
from letters.settings import LettersSettings

PROVINCE_CHAIR = Holder(Receiver.UBND_CHAIR_PROVINCE)
STANDING = Holder(Receiver.HDND_STANDING_COMMITTEE)
VINH_KIM = Holder(Receiver.UBND_CHAIR_COMMUNE, "Xã Vĩnh Kim")


def session(holder: Holder, held_on: date, *, online: bool = False,
            place: str | None = "Trụ sở tiếp công dân tỉnh", citizens: int = 3) -> Session:
    return Session(holder, held_on, received_by="Nguyễn Văn Chủ tịch", online=online,
                   place=place, citizens=citizens)


def record(holder: Holder, held_on: date, **kwargs: object) -> Reception:
    actor = HDND if holder.receiver.agency is Agency.HDND else UBND
    return Reception.record(actor, session(holder, held_on, **kwargs),  # type: ignore[arg-type]
                            RULEBOOK, id=uuid4(), at=AT, today=TODAY)


def test_a_reception_day_is_recorded_under_the_duty_in_force_that_day() -> None:
    before = record(PROVINCE_CHAIR, date(2026, 6, 15))
    after = record(PROVINCE_CHAIR, date(2026, 7, 15))
    assert before.rule_id == after.rule_id == "reception.ubnd_chair.province"
    assert before.legal_source == "Luật Tiếp công dân 2013, Điều 12 khoản 2"
    assert "136/2025" in after.legal_source


def test_online_reception_only_from_2026_07_01() -> None:
    with pytest.raises(errors.RuleNotInForceError, match="2026-07-01"):
        record(VINH_KIM, date(2026, 6, 30), online=True, place=None)
    held = record(VINH_KIM, date(2026, 7, 1), online=True, place=None)
    assert (held.online, held.place) == (True, None)


@pytest.mark.parametrize(("holder", "kwargs", "error"), [
    (VINH_KIM, {"place": None}, errors.InvalidLetterError),  # neither a place nor online
    (Holder(Receiver.UBND_CHAIR_COMMUNE), {}, errors.InvalidLetterError),  # which commune?
    (Holder(Receiver.UBND_CHAIR_PROVINCE, "Ông A"), {}, errors.InvalidLetterError),
    (VINH_KIM, {"citizens": -1}, errors.InvalidLetterError),
])
def test_a_reception_that_says_too_little_or_too_much_is_refused(
        holder: Holder, kwargs: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        record(holder, date(2026, 3, 2), **kwargs)


def test_only_the_body_whose_duty_it_is_records_it_and_not_in_the_future() -> None:
    with pytest.raises(errors.NotPermittedError):
        Reception.record(HDND, session(PROVINCE_CHAIR, date(2026, 3, 2)), RULEBOOK,
                         id=uuid4(), at=AT, today=TODAY)
    with pytest.raises(OccurredOnError):
        record(STANDING, TODAY + timedelta(days=1))


def test_periods_are_calendar_weeks_months_and_quarters() -> None:
    assert period_of("days_per_week", date(2026, 7, 1)) == (date(2026, 6, 29), date(2026, 7, 5))
    assert period_of("days_per_month", date(2026, 2, 10)) == (date(2026, 2, 1),
                                                              date(2026, 2, 28))
    assert period_of("days_per_quarter", date(2026, 8, 9)) == (date(2026, 7, 1),
                                                               date(2026, 9, 30))


def test_a_commune_week_without_a_reception_day_is_missed_and_one_is_enough() -> None:
    # Weeks from Monday 2026-06-15: held in the 1st and 3rd (online, from 2026-07-01 it
    # counts), not in the 2nd (22-28 June); the 4th has not ended by the 5th of July.
    held = [(VINH_KIM, date(2026, 6, 16)), (VINH_KIM, date(2026, 6, 18)),
            (VINH_KIM, date(2026, 7, 1))]
    found = missed_receptions(RULEBOOK, [(VINH_KIM, date(2026, 6, 15))], held,
                              until=date(2026, 7, 9))
    assert [(m.period_start, m.period_end, m.required_days, m.held_days) for m in found] == [
        (date(2026, 6, 22), date(2026, 6, 28), 1, 0)]
    assert found[0].rule_id == "reception.ubnd_chair.commune"
    assert "136/2025" not in found[0].legal_source  # the rule of the week it was missed


def test_a_commune_named_in_another_case_or_spacing_is_the_same_holder() -> None:
    typed_again = Holder(Receiver.UBND_CHAIR_COMMUNE, "xã  vĩnh kim")
    held = [(VINH_KIM, date(2026, 6, 16)), (typed_again, date(2026, 6, 23))]
    assert missed_receptions(RULEBOOK, [(VINH_KIM, date(2026, 6, 15))], held,
                             until=date(2026, 6, 28)) == []


def test_a_month_and_a_quarter_short_are_found_under_the_rule_of_their_first_day() -> None:
    deputy = Holder(Receiver.HDND_DEPUTY, "Trần Thị Đại Biểu")
    held = [(PROVINCE_CHAIR, date(2026, 5, 20)), (deputy, date(2026, 5, 5))]
    found = missed_receptions(
        RULEBOOK, [(PROVINCE_CHAIR, date(2026, 5, 1)), (deputy, date(2026, 5, 1))], held,
        until=date(2026, 9, 30))
    months = [(m.period_start, "136/2025" in m.legal_source) for m in found
              if m.holder == PROVINCE_CHAIR]
    assert months == [(date(2026, 6, 1), False), (date(2026, 7, 1), True),
                      (date(2026, 8, 1), True), (date(2026, 9, 1), True)]
    quarters = [m.period_start for m in found if m.holder == deputy]
    assert quarters == [date(2026, 7, 1)]  # April-June held once; July-September not
    assert found[0].id == missed_receptions(  # the same finding, the same id
        RULEBOOK, [(PROVINCE_CHAIR, date(2026, 5, 1))], held, until=date(2026, 6, 30))[0].id


def reception_letter(letters: Letters, held_on: date) -> object:
    return letters.receive(UBND, Intake(
        kind=LetterKind.COMPLAINT, channel=Channel.RECEPTION, received_on=held_on,
        summary="Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất ấp Long Hưng",
        sender_name="Phan Văn Tư"))


def test_the_application_links_letters_lists_days_and_records_each_miss_once(
        letters: Letters) -> None:
    letter = reception_letter(letters, date(2026, 11, 2))
    mailed = letters.receive(UBND, Intake(
        kind=LetterKind.PETITION, channel=Channel.MAIL, received_on=date(2026, 11, 2),
        summary="Kiến nghị sửa đường liên ấp", sender_name="Lý Thị Năm"))
    with pytest.raises(errors.InvalidLetterError, match="at a reception"):
        letters.record_reception(UBND, Session(
            VINH_KIM, date(2026, 11, 2), "Chủ tịch UBND xã", False, "UBND xã", 2,
            (letter.id, mailed.id)))  # type: ignore[attr-defined]
    with pytest.raises(errors.InvalidLetterError, match="no letter"):
        letters.record_reception(UBND, Session(
            VINH_KIM, date(2026, 11, 2), "Chủ tịch UBND xã", False, "UBND xã", 2, (uuid4(),)))
    assert letters.receptions.rows() == []  # nothing stored
    held = letters.record_reception(UBND, Session(
        VINH_KIM, date(2026, 11, 2), "Chủ tịch UBND xã", False, "UBND xã", 2,
        (letter.id,)))  # type: ignore[attr-defined]
    (row,) = letters.receptions.rows()
    assert (row.id, row.holder, row.letters) == (str(held.id), VINH_KIM, 1)

    # Today is 2027-01-01: November and December of the province's own holders, and the
    # commune's weeks from 9 November to 27 December, are short.
    missed = letters.missed_receptions()
    assert {m.holder for m in missed} == {VINH_KIM, PROVINCE_CHAIR, STANDING}
    assert len([m for m in missed if m.holder == VINH_KIM]) == 7
    assert len(missed) == 11
    # Published: the periods that ended a week ago at least, within the 31 days before
    # (a reception day typed late still counts; no backlog of years at once): the weeks
    # ending 29/11 to 20/12 and the province holders' November.
    assert letters.record_missed_receptions() == 6
    assert letters.record_missed_receptions() == 0  # once
    published = [m for m in missed if letters.existing(MissedReception, m.id) is not None]
    assert sorted({m.period_end for m in published}) == [
        date(2026, 11, 29), date(2026, 11, 30), date(2026, 12, 6), date(2026, 12, 13),
        date(2026, 12, 20)]
    saved = letters.repository.get(published[0].id)
    assert isinstance(saved, MissedReception) and saved.finding == published[0]


def reception_body(**changes: object) -> dict[str, object]:
    return {"receiver": "ubnd_chair_commune", "holder": "Xã Vĩnh Kim",
            "held_on": "2026-11-02", "received_by": "Ông Lê Văn Chủ tịch, Chủ tịch UBND xã",
            "place": "Trụ sở UBND xã Vĩnh Kim", "citizens": 4, **changes}


def test_a_reception_day_over_http_and_the_monitoring_endpoint(
        client: TestClient, settings: LettersSettings) -> None:
    ubnd = headers(settings)
    made = client.post("/receptions", json=reception_body(), headers=ubnd)
    assert made.status_code == 201, made.text
    assert made.json()["rule_id"] == "reception.ubnd_chair.commune"
    online = client.post("/receptions", json=reception_body(
        receiver="hdnd_standing_committee", holder=None, online=True, place=None,
        held_on="2026-12-10"), headers=headers(settings, Agency.HDND))
    assert online.status_code == 201, online.text
    listed = client.get("/receptions", params={"receiver": "ubnd_chair_commune"},
                        headers=ubnd).json()
    assert [i["id"] for i in listed["items"]] == [made.json()["id"]]
    one = client.get(f"/receptions/{made.json()['id']}", headers=ubnd).json()
    assert one["place"] == "Trụ sở UBND xã Vĩnh Kim"
    missed = client.get("/receptions/missed", params={"from": "2026-12-01"},
                        headers=ubnd).json()
    assert {(i["receiver"], i["period_start"]) for i in missed["items"]} >= {
        ("ubnd_chair_province", "2026-12-01"), ("ubnd_chair_commune", "2026-12-21")}
    assert ("hdnd_standing_committee", "2026-12-01") not in {
        (i["receiver"], i["period_start"]) for i in missed["items"]}


BAD_RECEPTIONS = [
    ("online before Law 136/2025", reception_body(online=True, place=None,
                                                  held_on="2026-06-30"), 422),
    ("neither place nor online", reception_body(place=None), 422),
    ("a commune not named", reception_body(holder=None), 422),
    ("negative citizens", reception_body(citizens=-2), 422),
    ("unknown receiver", reception_body(receiver="chu_tich"), 422),
    ("in the future", reception_body(held_on="2030-01-01"), 422),
    ("not a date", reception_body(held_on="02/11/2026"), 422),
    ("a letter that does not exist", reception_body(letter_ids=[str(uuid4())]), 422),
    ("not a letter id", reception_body(letter_ids=["abc"]), 422),
    ("unknown field", reception_body(minutes="x"), 422),
    ("the HĐND's duty recorded by UBND", reception_body(
        receiver="hdnd_standing_committee", holder=None), 403),
]


@pytest.mark.parametrize(("body", "status"), [(b, s) for _, b, s in BAD_RECEPTIONS],
                         ids=[name for name, _, _ in BAD_RECEPTIONS])
def test_a_bad_reception_is_refused_in_both_languages_and_nothing_is_stored(
        client: TestClient, settings: LettersSettings, letters: Letters,
        body: dict[str, object], status: int) -> None:
    answer = client.post("/receptions", json=body, headers=headers(settings))
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    english = client.post("/receptions", json=body,
                          headers={**headers(settings), "Accept-Language": "en"})
    assert english.json()["title"] != answer.json()["title"]
    assert letters.recorder.max_notification_id() in (None, 0)


def test_reception_days_and_missed_obligations_are_published_naming_no_citizen(
        letters: Letters) -> None:
    from contracts.letters import v1
    from letters.application import translate

    held = letters.record_reception(UBND, Session(
        VINH_KIM, date(2026, 11, 3), "Chủ tịch UBND xã", False, "UBND xã", 5))
    (published,) = [translate(e) for e in letters.history(held.id)]
    assert isinstance(published, v1.CitizenReceptionHeld)
    assert (published.holder, published.citizens, published.occurred_on) == (
        "Xã Vĩnh Kim", 5, date(2026, 11, 3))
    letters.record_missed_receptions()
    missed = [translate(e) for m in letters.missed_receptions()
              if letters.existing(MissedReception, m.id) is not None
              for e in letters.history(m.id)]
    assert missed and all(isinstance(m, v1.ReceptionObligationMissed) for m in missed)
    assert {m.agency for m in missed if m is not None} == {Agency.UBND, Agency.HDND}
    assert all(m is not None and m.occurred_on == TODAY for m in missed)
