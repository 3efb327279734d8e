"""The similarity index kept in the read model's tables suggests what the in-memory
`SimilarityIndex` suggests: the same petitions, the same scores, the same order."""

from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Any

import pytest
from petitions_testkit import HDND, MTTQ, UBND

from kernel.similarity import SimilarityIndex
from kernel.similarity.features import extract
from kernel.similarity.samples import labelled_texts, place_variants
from kernel.similarity.stored import (
    features_from_json,
    features_to_json,
    place_signature,
)
from petitions.application import Petitions

SQLITE = "eventsourcing.sqlite"
PAIRS = Path(__file__).resolve().parents[3] / "kernel/tests/similarity/pairs.tsv"


def _labelled_texts() -> list[str]:
    return labelled_texts(PAIRS)


def _variants(size: int, seed: int) -> list[str]:
    return place_variants(_labelled_texts(), size, seed)


def test_stored_features_are_the_features() -> None:
    for text in _labelled_texts()[:200]:
        features = extract(text)
        again = features_from_json(features_to_json(features))
        assert (again.content, again.weights, again.total, again.bigrams, again.sorted_text,
                again.places, again.place_syllables) == (
            features.content, features.weights, features.total, features.bigrams,
            features.sorted_text, features.places, features.place_syllables)
        assert (place_signature(features.places) == "") == (not features.places)


@pytest.mark.parametrize("threshold", [0.57, 0.45])
def test_the_persisted_index_suggests_what_the_in_memory_one_does(
    tmp_path: Path, threshold: float
) -> None:
    corpus = _labelled_texts() + _variants(600, seed=11)
    app = Petitions({"PERSISTENCE_MODULE": SQLITE, "SQLITE_DBNAME": str(tmp_path / "p.db")},
                    similarity_threshold=threshold)
    index = SimilarityIndex(threshold=threshold)
    for text in corpus:
        petition = app.record_petition(UBND, text=text, channel="mail", commune="Tân Phú")
        index.add(str(petition.id), text)
    rng = random.Random(7)
    compared = 0
    for text in [*rng.sample(corpus, 120), "xã Tân Phú", "Đề nghị"]:
        expected = index.similar(text, limit=5)
        got = [(str(row.id), score) for row, score in app.similar_to_text(text, 5)]
        assert got == expected, text
        compared += bool(expected)
    assert compared > 60  # most queries find something: the comparison means something
    app.close()


def _open(path: Path, threshold: float = 0.57) -> Petitions:
    return Petitions({"PERSISTENCE_MODULE": SQLITE, "SQLITE_DBNAME": str(path)},
                     similarity_threshold=threshold)


class _Told:
    """Counts how each query was answered: by the groups held in process, or the tables."""

    def __init__(self, app: Petitions) -> None:
        self.held = self.tables = self.no_query = 0
        held = app.read_model.held
        searched = held.searched

        def counting(*args: Any) -> tuple[bool, list[str] | None]:
            known, signatures = searched(*args)
            if not known:
                self.tables += 1
            elif signatures == []:
                self.no_query += 1
            else:
                self.held += 1
            return known, signatures

        held.searched = counting  # type: ignore[method-assign]


@pytest.mark.parametrize("threshold", [0.57, 0.45])
def test_the_groups_held_in_process_suggest_what_the_in_memory_index_does(
    tmp_path: Path, threshold: float
) -> None:
    """As ``POST /petitions`` does: record, then ask for the others like it. The groups
    held in process answer (most often: no query at all), and the suggestions are the
    in-memory index's, through consolidations and splits too."""
    corpus = _labelled_texts()[:150] + _variants(250, seed=5)
    app = _open(tmp_path / "p.db", threshold)
    app.read_model.hold_groups()
    told = _Told(app)
    index = SimilarityIndex(threshold=threshold)
    recorded = []
    for number, text in enumerate(corpus):
        petition = app.record_petition(UBND, text=text, channel="mail", commune="Tân Phú")
        recorded.append(petition)
        index.add(str(petition.id), text)
        got = [(str(row.id), score)
               for row, score in app.similar_to_text(text, 5, exclude=(petition.id,))]
        assert got == index.similar(text, limit=5, exclude=[str(petition.id)]), text
        if number % 40 == 39:  # two merged into one, then split again
            one, two = recorded[-1], recorded[-2]
            merged = app.consolidate(MTTQ, [one.id, two.id], one.text)
            index.remove(str(one.id))
            index.remove(str(two.id))
            index.add(str(merged.id), one.text)
            assert [(str(row.id), s) for row, s in app.similar_to_text(two.text, 5)] == \
                index.similar(two.text, limit=5)
            app.split(HDND, merged.id, "not the same request")
            index.remove(str(merged.id))
            index.add(str(one.id), one.text)
            index.add(str(two.id), two.text)
            assert [(str(row.id), s) for row, s in app.similar_to_text(one.text, 5)] == \
                index.similar(one.text, limit=5)
    assert told.tables == 0  # complete all along: the tables were never asked for groups
    assert told.no_query > 0  # and some read nothing at all (this corpus is dense in
    # duplicates; benchmark 1's texts: most)
    app.close()


def test_they_follow_the_log_written_by_another_process_and_restored_petitions(
    tmp_path: Path,
) -> None:
    path = tmp_path / "p.db"
    here, elsewhere = _open(path), _open(path)
    corpus = _variants(120, seed=3)
    index = SimilarityIndex()
    recorded = []
    for text in corpus[:60]:
        recorded.append(here.record_petition(UBND, text=text, channel="mail",
                                             commune="Tân Phú"))
        index.add(str(recorded[-1].id), text)
    one, two = recorded[0], recorded[1]
    merged = here.consolidate(MTTQ, [one.id, two.id], one.text)
    here.read_model.hold_groups()  # loaded while the two are merged away
    told = _Told(here)
    here.split(HDND, merged.id, "not the same request")  # restored: found again
    for text in corpus[60:]:  # written by the other process, its projection too
        petition = elsewhere.record_petition(UBND, text=text, channel="mail", commune="Tân Phú")
        index.add(str(petition.id), text)
    elsewhere.similar_to_text(corpus[0], 5)
    for text in [one.text, two.text, *corpus[55:75]]:
        assert [(str(row.id), s) for row, s in here.similar_to_text(text, 5)] == \
            index.similar(text, limit=5), text
    assert told.tables == 0 and told.held > 0
    here.close()
    elsewhere.close()


def test_the_tables_follow_in_the_background_when_no_query_needs_them(tmp_path: Path) -> None:
    app = _open(tmp_path / "p.db")
    app.read_model.hold_groups()
    told = _Told(app)
    app.record_petition(UBND, text="Đề nghị nạo vét kênh Xáng ấp 3 xã Tân Phú", channel="mail",
                        commune="Tân Phú")
    assert app.similar_to_text("Đề nghị lắp đèn chiếu sáng ấp 7 xã Mỹ Phong", 5) == []
    assert told.no_query == 1
    end = app.recorder.max_notification_id()
    deadline = time.monotonic() + 30
    while app.read_model.projection.position < end:
        assert time.monotonic() < deadline, "the tables did not catch up"
        time.sleep(0.02)
    app.close()


def test_too_many_groups_and_keys_to_hold_leave_the_tables_to_answer(tmp_path: Path) -> None:
    app = _open(tmp_path / "p.db")
    app.read_model.held.max_entries = 20
    index = SimilarityIndex()
    for text in _variants(40, seed=9):
        petition = app.record_petition(UBND, text=text, channel="mail", commune="Tân Phú")
        index.add(str(petition.id), text)
    app.read_model.hold_groups()  # from the tables, not caught up yet: then from the log
    for text in _variants(10, seed=9):
        assert [(str(row.id), s) for row, s in app.similar_to_text(text, 5)] == \
            index.similar(text, limit=5)
    assert app.read_model.held.given_up
    app.close()
