"""Domain: consolidating duplicate petitions, and splitting them again (no I/O)."""

from __future__ import annotations

import pytest
from petitions_testkit import (
    DBQH,
    HDND,
    MTTQ,
    TODAY,
    UBND,
    classified,
    forwarded,
    held_meeting,
    new_events,
    recorded,
)

from chassis.web.problems import domain_problem
from petitions.domain import errors
from petitions.domain.consolidation import consolidate, split
from petitions.domain.petition import Petition
from petitions.domain.values import PetitionStatus

WORDING = "Cử tri nhiều xã đề nghị sửa chữa đường tỉnh 864"


def three_sources() -> tuple[Petition, Petition, Petition]:
    one = recorded(meeting=held_meeting(commune="Tân Phú"))
    two = recorded(meeting=held_meeting(commune="Mỹ Phong"))
    three = recorded(commune="Mỹ Phong")  # by a deputy, no meeting
    return one, two, three


def test_consolidation_keeps_every_source_and_counts_meetings_and_communes() -> None:
    one, two, three = three_sources()
    merged = consolidate(HDND, WORDING, [one, two, three], today=TODAY)
    [created] = new_events(merged)
    assert isinstance(created, Petition.Consolidated)
    assert created.merged_petition_ids == [one.id, two.id, three.id]
    assert [s["petition_id"] for s in created.sources] == [one.id, two.id, three.id]
    assert len(merged.meeting_ids) == 2
    assert merged.communes == ["Mỹ Phong", "Tân Phú"]
    assert merged.text == WORDING and merged.status == PetitionStatus.RECORDED
    for source in (one, two, three):
        [event] = new_events(source)
        assert isinstance(event, Petition.MergedInto) and event.into == merged.id
        assert source.status == PetitionStatus.CONSOLIDATED


def test_consolidating_a_consolidated_petition_flattens_its_sources() -> None:
    one, two, three = three_sources()
    first = consolidate(MTTQ, WORDING, [one, two], today=TODAY)
    second = consolidate(DBQH, WORDING, [first, three], today=TODAY)
    assert [s.petition_id for s in second.sources] == [one.id, two.id, three.id]
    assert second.merged_petition_ids == [first.id, three.id]



@pytest.mark.parametrize("how_many", [1, 0])
def test_consolidation_needs_two_distinct_petitions(how_many: int) -> None:
    petition = recorded()
    with pytest.raises(errors.InvalidPetitionError):
        consolidate(HDND, WORDING, [petition] * how_many, today=TODAY)
    with pytest.raises(errors.InvalidPetitionError):
        consolidate(HDND, WORDING, [petition, petition], today=TODAY)
    assert new_events(petition) == []


def test_only_hdnd_dbqh_or_mttq_consolidate() -> None:
    one, two, _ = three_sources()
    with pytest.raises(errors.NotPermittedError):
        consolidate(UBND, WORDING, [one, two], today=TODAY)
    assert new_events(one) == [] and new_events(two) == []


def test_a_merged_petition_cannot_be_merged_again() -> None:
    one, two, three = three_sources()
    consolidate(HDND, WORDING, [one, two], today=TODAY)
    with pytest.raises(errors.PetitionMergedError) as caught:
        consolidate(HDND, WORDING, [one, three], today=TODAY)
    assert domain_problem(caught.value)[0] == 409
    assert caught.value.extensions["merged_into"] == str(one.merged_into)


def test_a_forwarded_petition_is_not_consolidated() -> None:
    with pytest.raises(errors.AlreadyForwardedError):
        consolidate(HDND, WORDING, [forwarded(), recorded()], today=TODAY)


def test_a_merged_petition_is_not_classified_itself() -> None:
    one, two, _ = three_sources()
    consolidate(HDND, WORDING, [one, two], today=TODAY)
    with pytest.raises(errors.PetitionMergedError):
        classified(one)


def test_split_withdraws_the_consolidation_and_restores_the_sources() -> None:
    one, two, _ = three_sources()
    classified(one)
    merged = consolidate(HDND, WORDING, [one, two], today=TODAY)
    for petition in (merged, one, two):
        new_events(petition)
    split(MTTQ, merged, [two, one], "Hai kiến nghị khác nội dung", today=TODAY)
    [withdrawn] = new_events(merged)
    assert isinstance(withdrawn, Petition.Split)
    assert withdrawn.restored_petition_ids == [one.id, two.id]
    assert merged.status == PetitionStatus.WITHDRAWN
    assert one.status == PetitionStatus.CLASSIFIED and two.status == PetitionStatus.RECORDED
    assert isinstance(new_events(one)[0], Petition.Restored)
    with pytest.raises(errors.PetitionMergedError):
        split(MTTQ, merged, [one, two], "again", today=TODAY)


def test_split_restores_exactly_the_merged_petitions() -> None:
    one, two, three = three_sources()
    merged = consolidate(HDND, WORDING, [one, two], today=TODAY)
    with pytest.raises(errors.InvalidPetitionError):
        split(HDND, merged, [one, three], "wrong list", today=TODAY)


def test_only_a_consolidated_petition_is_split() -> None:
    with pytest.raises(errors.NotConsolidatedError):
        split(HDND, recorded(), [], "nothing merged", today=TODAY)


def test_split_is_refused_once_the_consolidation_is_forwarded_or_by_ubnd() -> None:
    one, two, _ = three_sources()
    merged = consolidate(HDND, WORDING, [one, two], today=TODAY)
    with pytest.raises(errors.NotPermittedError):
        split(UBND, merged, [one, two], "not ours", today=TODAY)
    forwarded(classified(merged))
    with pytest.raises(errors.AlreadyForwardedError):
        split(HDND, merged, [one, two], "too late", today=TODAY)


def test_split_of_an_inner_consolidation_waits_for_the_outer_one() -> None:
    one, two, three = three_sources()
    inner = consolidate(HDND, WORDING, [one, two], today=TODAY)
    consolidate(HDND, WORDING, [inner, three], today=TODAY)
    with pytest.raises(errors.PetitionMergedError):
        split(HDND, inner, [one, two], "inner first", today=TODAY)
